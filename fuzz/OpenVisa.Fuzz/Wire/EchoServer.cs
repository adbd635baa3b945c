using System.Net;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;
using OpenVisa.Managed.Tcpip.Socket;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Fuzz.Wire;

/// <summary>One of OpenVisa's servers on loopback, serving an <see cref="EchoDevice"/>, and how a client names it.</summary>
internal sealed class EchoServer : IDisposable
{
    private readonly IAsyncDisposable _server;

    private EchoServer(IAsyncDisposable server, IPEndPoint endPoint, Func<int, string> resourceName)
    {
        _server = server;
        EndPoint = endPoint;
        ResourceNameAt = resourceName;
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The resource name that reaches the server through a given port (its own, or a relay's).</summary>
    public Func<int, string> ResourceNameAt { get; }

    public static EchoServer Start(WireTransport transport)
    {
        var device = new EchoDevice();
        switch (transport)
        {
            case WireTransport.Socket:
            {
                var server = new SocketInstrumentServer(device, new SocketServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
                server.Start();
                return new EchoServer(server, server.LocalEndPoint, port => $"TCPIP::127.0.0.1::{port}::SOCKET");
            }
            case WireTransport.Vxi11:
            {
                var server = new Vxi11InstrumentServer([new KeyValuePair<string, IMessageDevice>("inst0", device)],
                    new Vxi11ServerOptions { Portmapper = Vxi11PortmapperMode.None });
                server.Start();
                return new EchoServer(server, server.LocalEndPoint, port => $"TCPIP::127.0.0.1,{port}::inst0::INSTR");
            }
            default:
            {
                var server = new HislipServer(new IPEndPoint(IPAddress.Loopback, 0), [("hislip0", (IMessageDevice)device)]);
                server.StartAsync().GetAwaiter().GetResult();
                return new EchoServer(server, server.LocalEndPoint, port => $"TCPIP::127.0.0.1::hislip0,{port}::INSTR");
            }
        }
    }

    /// <summary>
    /// A short conversation of every kind a client has: open, query, write and read, status byte, clear. Returns the
    /// reply to <c>*IDN?</c>.
    /// </summary>
    public static string Converse(string resourceName, TimeSpan timeout)
    {
        using var manager = new ResourceManager(new OpenVisa.Managed.ManagedLibrary(""));
        using var instrument = manager.Open<MessageBasedResource>(resourceName, AccessMode.None, timeout);
        instrument.Timeout = timeout;
        instrument.ReadTermination = "\n";
        var identity = instrument.Query("*IDN?");
        instrument.Write("ECHO? fuzz");
        instrument.Read();
        if (!resourceName.EndsWith("::SOCKET", StringComparison.Ordinal))
            instrument.ReadStb();
        instrument.Clear();
        instrument.Query("*OPC?");
        return identity;
    }

    /// <summary>Captures what a client and this server say in <see cref="Converse"/>, connection by connection.</summary>
    public (byte[][] ToServer, byte[][] ToClient) Capture(int connections)
    {
        using var relay = new CaptureRelay(EndPoint);
        Converse(ResourceNameAt(relay.Port), TimeSpan.FromSeconds(10));
        return ([.. Enumerable.Range(0, connections).Select(relay.ToServer)], [.. Enumerable.Range(0, connections).Select(relay.ToClient)]);
    }

    public void Dispose() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
