using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OpenVisa.Benchmarks.Tcpip;
using OpenVisa.Lamb;
using OpenVisa.Server;
using OpenVisa.Server.Http;

namespace OpenVisa.Benchmarks.Lamb;

/// <summary>
/// Issue 16's targets, in one process over loopback: the same served instruments reached through <c>@lamb</c> (HTTP,
/// keep-alive) and through <c>@managed</c> TCPIP SOCKET; a 16 MiB block both ways; and 64 <c>@lamb</c> clients on 8
/// instruments at once, whose per-query p99 is printed at the end of that benchmark's run.
/// <c>dotnet run -c Release --project benchmarks/OpenVisa.Benchmarks -- --filter '*LambQueryBenchmarks*'</c>
/// </summary>
[Config(typeof(InProcessConfig))]
public class LambQueryBenchmarks
{
    private const int Instruments = 8;
    private const int Clients = 64;
    private const int QueriesPerClient = 20;

    private InstrumentServer? _server;
    private ResourceManager? _socketManager;
    private ResourceManager? _lambManager;
    private MessageBasedResource? _socket;
    private MessageBasedResource? _lamb;
    private readonly ConcurrentBag<double> _latencies = [];

    /// <summary>The <c>DATA?</c> block size: 16 MiB, the throughput case.</summary>
    public const int BlockBytes = 16 * 1024 * 1024;

    /// <summary>In process, no generated project to build (which takes minutes on a loaded machine), 10 iterations.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
    }

    [GlobalSetup]
    public void Setup()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        var instruments = Enumerable.Range(0, Instruments).Select(i => new ServedInstrument($"BENCH{i}::INSTR", new BenchDevice(BlockBytes))).ToList();
        _server = new InstrumentServer(instruments, new InstrumentServerOptions { SocketPort = 0, Http = new HttpServerOptions { MaxRequestBodyBytes = 1024 * 1024 } });
        _server.Start();
        _socketManager = new ResourceManager("@managed");
        _socket = _socketManager.Open<MessageBasedResource>(_server.Endpoints.First(e => e.Protocol == "SOCKET").ResourceName);
        _socket.ReadTermination = "\n";
        _socket.Timeout = TimeSpan.FromSeconds(60);
        _lambManager = new ResourceManager(new LambLibrary(_server.HttpUrl!));
        _lamb = _lambManager.Open<MessageBasedResource>("BENCH0::INSTR");
        _lamb.Timeout = TimeSpan.FromSeconds(60);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (!_latencies.IsEmpty)
        {
            var sorted = _latencies.Order().ToArray();
            Console.WriteLine($"// {Clients} @lamb clients on {Instruments} instruments: {sorted.Length} queries, p50 {sorted[sorted.Length / 2]:F2} ms, p99 {sorted[(int)(sorted.Length * 0.99)]:F2} ms, max {sorted[^1]:F2} ms");
        }
        _lamb?.Dispose();
        _socket?.Dispose();
        _lambManager?.Dispose();
        _socketManager?.Dispose();
        _server?.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 100)]
    public int Idn_socket()
    {
        var length = 0;
        for (var i = 0; i < 100; i++)
            length += _socket!.Query("*IDN?").Length;
        return length;
    }

    [Benchmark(OperationsPerInvoke = 100)]
    public int Idn_lamb()
    {
        var length = 0;
        for (var i = 0; i < 100; i++)
            length += _lamb!.Query("*IDN?").Length;
        return length;
    }

    [Benchmark]
    public int Block16MiB_socket() => _socket!.QueryBinaryValues<byte>("DATA?").Length;

    [Benchmark]
    public int Block16MiB_lamb() => _lamb!.QueryBinaryValues<byte>("DATA?").Length;

    /// <summary>
    /// 64 clients, each its own library (its own connections, as separate processes would have), 8 per instrument. Each
    /// runs on a thread of its own: they block in synchronous calls, and pool threads must stay free for the server,
    /// which shares this process.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Clients * QueriesPerClient)]
    public void Clients64_on_8_instruments_lamb()
    {
        var url = _server!.HttpUrl!;
        var failures = new ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, Clients).Select(c => new Thread(() =>
        {
            try
            {
                using var library = new LambLibrary(url);
                using var manager = new ResourceManager(library);
                using var resource = manager.Open<MessageBasedResource>($"BENCH{c % Instruments}::INSTR");
                resource.Timeout = TimeSpan.FromSeconds(60);
                for (var i = 0; i < QueriesPerClient; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    if (resource.Query("*IDN?").Length == 0)
                        throw new InvalidOperationException("empty reply");
                    _latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        })).ToArray();
        foreach (var thread in threads)
            thread.Start();
        foreach (var thread in threads)
            thread.Join();
        if (!failures.IsEmpty)
            throw new AggregateException(failures);
    }
}
