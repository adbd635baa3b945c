using System.Net;
using System.Text;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Managed.Tests;

/// <summary>A test device served on 127.0.0.1 and a fresh <c>@managed</c> library with a resource-manager session.</summary>
internal sealed class SocketBench : IAsyncDisposable
{
    private SocketBench(SocketInstrumentServer server, TestDevice device)
    {
        Server = server;
        Device = device;
        Library = new ManagedLibrary("");
        ResourceManager = Library.OpenDefaultResourceManager();
    }

    public TestDevice Device { get; }

    public SocketInstrumentServer Server { get; }

    public ManagedLibrary Library { get; }

    public int ResourceManager { get; }

    public static SocketBench Start(IPEndPoint? endPoint = null, string termination = "\n")
    {
        var device = new TestDevice();
        var server = new SocketInstrumentServer(device, new SocketServerOptions
        {
            EndPoint = endPoint ?? new IPEndPoint(IPAddress.Loopback, 0),
            Termination = termination,
        });
        var bench = new SocketBench(server, device);
        server.Start();
        return bench;
    }

    /// <summary>Opens a session with a read termination of '\n' (unless <paramref name="termChar"/> is false) and the given timeout.</summary>
    public int Open(uint timeoutMs = 5000, bool termChar = true)
    {
        var session = Library.Open(ResourceManager, Server.ResourceName, AccessMode.None, TimeSpan.FromSeconds(5));
        Library.SetAttribute(session, VisaAttribute.TimeoutValue, timeoutMs);
        Library.SetAttribute(session, VisaAttribute.TerminationCharacterEnabled, termChar);
        return session;
    }

    /// <summary>Waits (at most 5 s) until bytes of a reply are there to read, so a test with a short timeout does not race the server.</summary>
    public void WaitForReply(int session)
    {
        var socket = (Tcpip.Socket.TcpipSocketSession)Library.GetSession(session);
        Assert.True(SpinWait.SpinUntil(() => socket.BytesWaiting > 0, TimeSpan.FromSeconds(5)), "the reply never arrived");
    }

    public void Write(int session, string command) => Library.Write(session, Encoding.Latin1.GetBytes(command + "\n"));

    /// <summary>Reads one message up to the termination character, chunk by chunk, as a message-based resource would.</summary>
    public string ReadLine(int session, int chunk = 1024)
    {
        var text = new StringBuilder();
        var buffer = new byte[chunk];
        ReadResult result;
        do
        {
            result = Library.Read(session, buffer);
            text.Append(Encoding.Latin1.GetString(buffer, 0, result.Count));
        }
        while (result.Status == StatusCode.SuccessMaxCountRead);
        return text.ToString();
    }

    public string Query(int session, string command)
    {
        Write(session, command);
        return ReadLine(session);
    }

    public async ValueTask DisposeAsync()
    {
        Library.Close(ResourceManager);
        Library.Dispose();
        await Server.DisposeAsync();
    }
}
