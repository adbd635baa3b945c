namespace OpenVisa.Fuzz.Wire;

/// <summary>
/// A client's wire decoder: a fake instrument sends each input as its whole side of the conversation (for HiSLIP, the
/// synchronous channel; the asynchronous one gets what the real server sent). Opening and querying must then give the
/// right reply or a <see cref="VisaException"/>, within the timeout; never another exception, never a hang.
/// </summary>
public sealed class ClientWireTarget : FuzzTarget
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);
    private readonly WireTransport _transport;
    private readonly ScriptedPeer _peer;
    private readonly byte[][] _replies;
    private readonly string _resourceName;

    /// <summary>Captures a real server's side of a conversation as the seeds, and starts the fake instrument.</summary>
    public ClientWireTarget(WireTransport transport)
    {
        _transport = transport;
        _peer = new ScriptedPeer(answersRpc: transport == WireTransport.Vxi11);
        using (var server = EchoServer.Start(transport))
        {
            _replies = server.Capture(transport == WireTransport.Hislip ? 2 : 1).ToClient;
            _resourceName = server.ResourceNameAt(_peer.Port);
        }
        Seeds = [_replies[0]];
    }

    /// <inheritdoc/>
    public override string Name => _transport.ToString().ToLowerInvariant() + "-client";

    /// <inheritdoc/>
    public override string Description => $"bytes from an instrument to OpenVisa's {_transport} client: open, query, write, read, status byte, clear";

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Seeds { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Tokens { get; } = ["HS"u8.ToArray(), [0x80, 0, 0, 0], [0, 0, 0, 1], [0xFF, 0xFF, 0xFF, 0xFF], "\n"u8.ToArray()];

    /// <inheritdoc/>
    public override TimeSpan HangThreshold => TimeSpan.FromSeconds(8);

    /// <inheritdoc/>
    public override void Run(byte[] input)
    {
        _peer.Prepare([input, .. _replies.Skip(1)]);
        // The reply may be anything the mutated instrument said; what matters is how the client fails.
        _ = EchoServer.Converse(_resourceName, Timeout);
    }

    /// <inheritdoc/>
    public override bool IsExpected(Exception error) => error is VisaException;

    /// <inheritdoc/>
    protected override void Dispose(bool disposing) => _peer.Dispose();
}
