using System.Net.Sockets;

using OpenVisa.Fuzz.Targets;

namespace OpenVisa.Fuzz.Wire;

/// <summary>
/// A server's wire decoder: each input is sent by a fresh connection, which then says it is done sending; the server must
/// answer, refuse or close, and keep serving a well-behaved client (checked between inputs). The seeds are what a real
/// client sent in a real conversation, so mutations reach the decoding of every message type the client uses.
/// </summary>
public sealed class ServerWireTarget : FuzzTarget
{
    private readonly WireTransport _transport;
    private readonly EchoServer _server;

    /// <summary>Starts the server of <paramref name="transport"/> and captures the seeds.</summary>
    public ServerWireTarget(WireTransport transport)
    {
        _transport = transport;
        _server = EchoServer.Start(transport);
        var connections = transport == WireTransport.Hislip ? 2 : 1;
        Seeds = [.. _server.Capture(connections).ToServer.Where(s => s.Length > 0)];
    }

    /// <inheritdoc/>
    public override string Name => _transport.ToString().ToLowerInvariant() + "-server";

    /// <inheritdoc/>
    public override string Description => $"bytes from a client to OpenVisa's {_transport} server, which must keep serving others";

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Seeds { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Tokens { get; } = ["HS"u8.ToArray(), [0x80, 0, 0, 0], [0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF], "\n"u8.ToArray()];

    /// <inheritdoc/>
    public override TimeSpan HangThreshold => TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public override void Run(byte[] input)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 3000 };
        client.Connect(_server.EndPoint);
        client.Send(input);
        client.Shutdown(SocketShutdown.Send);
        var buffer = new byte[65536];
        long received = 0;
        // The server answers what it can and closes when it sees the end of the stream; a server that neither answers
        // nor closes within the receive timeout is reported as a hang by the caller's clock.
        while (received < 16 * 1024 * 1024)
        {
            var n = client.Receive(buffer);
            if (n == 0)
                break;
            received += n;
        }
    }

    /// <inheritdoc/>
    public override bool IsExpected(Exception error) => error is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted };

    /// <summary>
    /// A well-behaved client's <c>*IDN?</c> round trips over one connection for <paramref name="duration"/>: what other
    /// clients feel while this target's inputs are being fed (run it beside a campaign) or not.
    /// </summary>
    public IReadOnlyList<TimeSpan> HealthyQueryLatencies(TimeSpan duration)
    {
        using var manager = new ResourceManager(new OpenVisa.Managed.ManagedLibrary(""));
        using var instrument = manager.Open<MessageBasedResource>(_server.ResourceNameAt(_server.EndPoint.Port));
        instrument.Timeout = TimeSpan.FromSeconds(10);
        instrument.ReadTermination = "\n";
        var latencies = new List<TimeSpan>();
        var total = System.Diagnostics.Stopwatch.StartNew();
        while (total.Elapsed < duration)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            if (instrument.Query("*IDN?") != EchoDevice.Identity)
                throw new FuzzPropertyException("the healthy client got another reply than its *IDN?");
            latencies.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        return latencies;
    }

    /// <inheritdoc/>
    public override void CheckHealth()
    {
        var identity = EchoServer.Converse(_server.ResourceNameAt(_server.EndPoint.Port), TimeSpan.FromSeconds(10));
        if (identity != EchoDevice.Identity)
            throw new FuzzPropertyException($"a well-behaved client asked *IDN? and got \"{identity}\"");
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing) => _server.Dispose();
}
