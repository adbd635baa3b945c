using System.Net;
using System.Net.Sockets;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>A hand-played HiSLIP server for client tests: answers the handshake, then lets the test send what it wants.</summary>
internal sealed class ScriptedHislipServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public ScriptedHislipServer() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public RawHislipPeer? Sync { get; private set; }

    public RawHislipPeer? Async { get; private set; }

    /// <summary>Accepts a client's two channels and answers its handshake (version 2.0, session 7, 1 MiB messages).</summary>
    public async Task AcceptAsync(byte initializeControl = 0)
    {
        Sync = RawHislipPeer.Wrap(await _listener.AcceptSocketAsync());
        Assert.Equal(HislipMessageType.Initialize, Sync.Receive().Header.Type);
        Sync.Send(HislipMessageType.InitializeResponse, initializeControl, (0x0200u << 16) | 7);
        Async = RawHislipPeer.Wrap(await _listener.AcceptSocketAsync());
        Assert.Equal(HislipMessageType.AsyncInitialize, Async.Receive().Header.Type);
        Async.Send(HislipMessageType.AsyncInitializeResponse, 0, 0x5858);
        Assert.Equal(HislipMessageType.AsyncMaximumMessageSize, Async.Receive().Header.Type);
        Async.Send(HislipMessageType.AsyncMaximumMessageSizeResponse, 0, 0, RawHislipPeer.UInt64(1 << 20));
    }

    public void Dispose()
    {
        Sync?.Dispose();
        Async?.Dispose();
        _listener.Stop();
    }
}
