using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Managed.Tests;

/// <summary>The SOCKET server's client limit (issue 18, item 7): a client beyond it is closed at once, the others go on.</summary>
public sealed class SocketServerLimitTests
{
    [Fact]
    public async Task A_client_beyond_MaxConnections_is_closed_and_one_is_served_again_when_a_place_frees()
    {
        await using var server = new SocketInstrumentServer(new TestDevice(), new SocketServerOptions { MaxConnections = 2 });
        server.Start();
        using var first = Connect(server);
        using var second = Connect(server);
        Assert.Equal("1", Query(first, "ECHO 1\n"));
        Assert.Equal("2", Query(second, "ECHO 2\n"));

        using (var third = Connect(server))
            Assert.Equal(0, third.Receive(new byte[16])); // closed by the server without a word

        first.Dispose();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.ConnectionCount > 1 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        using var fourth = Connect(server);
        Assert.Equal("4", Query(fourth, "ECHO 4\n"));
        Assert.Equal("2 again", Query(second, "ECHO 2 again\n"));
    }

    private static Socket Connect(SocketInstrumentServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000, SendTimeout = 10_000 };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port));
        return socket;
    }

    private static string Query(Socket socket, string text)
    {
        socket.Send(Encoding.ASCII.GetBytes(text));
        var line = new List<byte>();
        var one = new byte[1];
        while (socket.Receive(one) == 1 && one[0] != (byte)'\n')
            line.Add(one[0]);
        return Encoding.ASCII.GetString([.. line]);
    }
}
