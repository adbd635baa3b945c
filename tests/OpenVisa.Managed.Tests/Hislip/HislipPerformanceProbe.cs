using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;
using OpenVisa.Managed.Tcpip.Socket;
using OpenVisa.Managed.Tcpip.Vxi11;
using Xunit.Abstractions;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>A fact that runs only when <c>OPENVISA_PERF=1</c>: measurements, not assertions, for docs/performance.md.</summary>
public sealed class PerformanceFactAttribute : FactAttribute
{
    public PerformanceFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("OPENVISA_PERF") != "1")
            Skip = "A performance measurement: run it with OPENVISA_PERF=1 (in Release).";
    }
}

/// <summary>
/// HiSLIP and VXI-11 against raw SOCKET on the same served instrument, through the <c>@managed</c> library: round trips per
/// second, the client thread's CPU time per query, and MB/s for a 64 MiB block. Prints a table; asserts nothing.
/// </summary>
public sealed class HislipPerformanceProbe(ITestOutputHelper output)
{
    private const int Queries = 20_000;
    private const int BlockSize = 64 * 1024 * 1024;
    private const int BlockReads = 4;
    private const int Rounds = 5;

    [PerformanceFact]
    public async Task HiSLIP_beside_SOCKET_on_one_instrument()
    {
        var device = new HislipTestInstrument();
        await using var socketServer = new SocketInstrumentServer(device);
        socketServer.Start();
        await using var hislipServer = new HislipServer(new IPEndPoint(IPAddress.Loopback, 0), [("hislip0", (IMessageDevice)device)]);
        await hislipServer.StartAsync();
        await using var vxi11Server = new Vxi11InstrumentServer([new("inst0", (IMessageDevice)device)], new Vxi11ServerOptions { Portmapper = Vxi11PortmapperMode.None });
        vxi11Server.Start();
        using var library = new ManagedLibrary("");
        var rm = library.OpenDefaultResourceManager();

        var socket = library.Open(rm, socketServer.ResourceName, AccessMode.None, TimeSpan.FromSeconds(5));
        library.SetAttribute(socket, VisaAttribute.TerminationCharacterEnabled, true);
        var hislip = library.Open(rm, hislipServer.ResourceNameOf("hislip0"), AccessMode.None, TimeSpan.FromSeconds(5));
        var vxi11 = library.Open(rm, vxi11Server.ResourceNameFor("inst0"), AccessMode.None, TimeSpan.FromSeconds(5));
        foreach (var session in new[] { socket, hislip, vxi11 })
            library.SetAttribute(session, VisaAttribute.TimeoutValue, 20_000u);

        // The machine is shared, so the transports take turns and each figure is the best of its rounds.
        var rounds = new Dictionary<string, List<(double PerSecond, double Cpu, double ServerCpu, double Megabytes)>> { ["SOCKET"] = [], ["HiSLIP"] = [], ["VXI-11"] = [] };
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (name, session) in new[] { ("SOCKET", socket), ("HiSLIP", hislip), ("VXI-11", vxi11) })
            {
                var (perSecond, cpu, serverCpu) = RoundTrips(library, session);
                rounds[name].Add((perSecond, cpu, serverCpu, Block(library, session, name == "SOCKET")));
            }
        }
        var report = new StringBuilder();
        report.AppendLine("| transport | round trips/s | client CPU µs/query | server CPU µs/query | 64 MiB block MB/s |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, results) in rounds)
            report.AppendLine($"| {name} | {results.Max(r => r.PerSecond):F0} | {results.Min(r => r.Cpu):F1} | {results.Min(r => r.ServerCpu):F1} | {results.Max(r => r.Megabytes):F0} |");
        report.AppendLine();
        report.AppendLine($"HiSLIP / SOCKET: round trips {rounds["HiSLIP"].Max(r => r.PerSecond) / rounds["SOCKET"].Max(r => r.PerSecond):F2}, " +
            $"block MB/s {rounds["HiSLIP"].Max(r => r.Megabytes) / rounds["SOCKET"].Max(r => r.Megabytes):F2}");
        report.AppendLine($"VXI-11 / SOCKET: round trips {rounds["VXI-11"].Max(r => r.PerSecond) / rounds["SOCKET"].Max(r => r.PerSecond):F2}, " +
            $"block MB/s {rounds["VXI-11"].Max(r => r.Megabytes) / rounds["SOCKET"].Max(r => r.Megabytes):F2}");
        foreach (var (name, results) in rounds)
            report.AppendLine($"{name} rounds: {string.Join("; ", results.Select(r => $"{r.PerSecond:F0}/s {r.Cpu:F1}+{r.ServerCpu:F1} µs {r.Megabytes:F0} MB/s"))}");
        output.WriteLine(report.ToString());
    }

    /// <summary>Short queries back to back: round trips per second and the calling thread's CPU time per query.</summary>
    private static (double PerSecond, double CpuMicroseconds, double ServerCpuMicroseconds) RoundTrips(ManagedLibrary library, int session)
    {
        var command = "ECHO? 1.234567E+00\n"u8.ToArray();
        var buffer = new byte[256];
        for (var i = 0; i < 2000; i++)
            Query(library, session, command, buffer);
        var process = Process.GetCurrentProcess();
        var processBefore = process.TotalProcessorTime;
        var cpuBefore = ThreadCpu();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Queries; i++)
            Query(library, session, command, buffer);
        var elapsed = watch.Elapsed;
        var cpu = ThreadCpu() - cpuBefore;
        process.Refresh();
        var rest = process.TotalProcessorTime - processBefore - cpu;
        return (Queries / elapsed.TotalSeconds, cpu.TotalMicroseconds / Queries, rest.TotalMicroseconds / Queries);
    }

    private static void Query(ManagedLibrary library, int session, byte[] command, byte[] buffer)
    {
        library.Write(session, command);
        var result = library.Read(session, buffer);
        if (result.Count != 13)
            throw new InvalidOperationException($"Unexpected reply of {result.Count} bytes ({result.Status}).");
    }

    /// <summary>A 64 MiB reply read into one buffer, best of several.</summary>
    private static double Block(ManagedLibrary library, int session, bool stream)
    {
        var command = Encoding.ASCII.GetBytes($"BLOB? {BlockSize}\n");
        var buffer = new byte[BlockSize + 1];
        library.SetAttribute(session, VisaAttribute.TerminationCharacterEnabled, false);
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < BlockReads; i++)
        {
            var watch = Stopwatch.StartNew();
            library.Write(session, command);
            var total = 0;
            while (total < buffer.Length)
            {
                var result = library.Read(session, buffer.AsSpan(total));
                total += result.Count;
                if (!stream && result.Status == StatusCode.Success)
                    break;
            }
            if (total != buffer.Length)
                throw new InvalidOperationException($"The block arrived with {total} bytes.");
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }
        library.SetAttribute(session, VisaAttribute.TerminationCharacterEnabled, stream);
        return BlockSize / best.TotalSeconds / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal
    {
        public long Seconds;
        public long Microseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public TimeVal User;
        public TimeVal System;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out ResourceUsage usage);

    /// <summary>CPU time of the calling thread (Linux RUSAGE_THREAD): the client's share, the server runs on other threads.</summary>
    private static TimeSpan ThreadCpu()
    {
        if (!OperatingSystem.IsLinux() || getrusage(1, out var usage) != 0)
            return TimeSpan.Zero;
        static long Micro(TimeVal t) => (t.Seconds * 1_000_000) + t.Microseconds;
        return TimeSpan.FromMicroseconds(Micro(usage.User) + Micro(usage.System));
    }
}
