using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Benchmarks.Tcpip;

/// <summary>
/// The whole client stack over loopback in one process: MessageBasedResource → @managed → SOCKET session →
/// SocketInstrumentServer. Client and server share the process, so this times the client's path and the loopback,
/// not cross-process wake-ups (<c>ovisa perf</c> measures those).
/// </summary>
[MemoryDiagnoser]
public class SocketQueryBenchmarks
{
    private SocketInstrumentServer? _server;
    private ResourceManager? _manager;
    private MessageBasedResource? _resource;
    private Socket? _raw;
    private readonly byte[] _rawReply = new byte[256];

    [Params(65_536)]
    public int BlockBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = new SocketInstrumentServer(new BenchDevice(BlockBytes));
        _server.Start();
        _manager = new ResourceManager("@managed");
        _resource = _manager.Open<MessageBasedResource>(_server.ResourceName);
        _raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _raw.Connect(_server.LocalEndPoint);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _raw?.Dispose();
        _resource?.Dispose();
        _manager?.Dispose();
        if (_server is not null)
            await _server.DisposeAsync();
    }

    /// <summary>The baseline: one send, receives until the newline, on a bare socket to the same server.</summary>
    [Benchmark(Baseline = true)]
    public int RawRoundTrip()
    {
        _raw!.Send("*IDN?\n"u8);
        var count = 0;
        do
            count += _raw.Receive(_rawReply.AsSpan(count));
        while (_rawReply[count - 1] != (byte)'\n');
        return count;
    }

    [Benchmark]
    public string QueryIdentity() => _resource!.Query("*IDN?");

    [Benchmark]
    public async Task<string> QueryIdentityAsync() => await _resource!.QueryAsync("*IDN?");

    [Benchmark]
    public byte[] QueryBlock() => _resource!.QueryBinaryValues<byte>("DATA?");
}
