using System.Buffers;
using System.Text;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Native.Tests;

/// <summary>
/// A SCPI device served over SOCKET in the test process, for @ivi → libopenvisa → @managed: <c>*IDN?</c>, a binary
/// block (<c>BLOCK?</c>: eight bytes 0..7), and <c>SLOW?</c>, which never answers (for timeouts and viTerminate).
/// </summary>
internal sealed class TestSocketDevice : IMessageDevice
{
    public const string Identity = "OpenVisa,SOCKET-TEST,0,1";

    public async ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        var text = Encoding.ASCII.GetString(message.Span).Trim();
        switch (text)
        {
            case "*IDN?":
                reply.Write(Encoding.ASCII.GetBytes(Identity));
                return true;
            case "BLOCK?":
                reply.Write("#18"u8);
                reply.Write(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 });
                return true;
            case "SLOW?":
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                return false;
            default:
                return false;
        }
    }

    /// <summary>Starts a server for a new device on 127.0.0.1 and an ephemeral port.</summary>
    public static SocketInstrumentServer Serve()
    {
        var server = new SocketInstrumentServer(new TestSocketDevice(), new SocketServerOptions { EndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0) });
        server.Start();
        return server;
    }
}
