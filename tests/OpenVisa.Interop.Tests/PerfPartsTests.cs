using System.Diagnostics;
using System.Text.Json;
using OpenVisa.Cli;
using OpenVisa.Perf;
using UsageException = OpenVisa.Perf.UsageException;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Interop.Tests;

/// <summary>The harness's pieces on their own: client host protocol, children that fail, percentiles, targets.</summary>
public sealed class PerfPartsTests
{
    [Fact]
    public async Task A_client_child_answers_each_command_with_one_json_line_and_names_a_bad_command()
    {
        await using var server = new SocketInstrumentServer(new PerfDevice(4096));
        server.Start();
        var input = new StringReader("roundtrips 0.02\nblock 0\nload 2 0.02\nload 3 0.02 threads\nfly 1\nquit\nroundtrips 1\n");
        var output = new StringWriter();
        var settings = new PerfClientSettings(new SocketPerfTransport(), PerfClientKinds.OpenVisa, server.ResourceName, "@managed", 4096, TimeSpan.FromSeconds(10));

        var exit = await Task.Run(() => PerfClientHost.Run(settings, input, output)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(6, lines.Length); // ready, four reports, one error; nothing after quit
        Assert.True(lines[0].GetProperty("ready").GetBoolean());
        Assert.True(lines[1].GetProperty("queries").GetInt64() > 0);
        Assert.True(lines[1].GetProperty("p99Us").GetDouble() > 0);
        Assert.True(lines[1].TryGetProperty("allocBytesPerQuery", out _));
        Assert.Equal(4096, lines[2].GetProperty("bytes").GetInt64() / lines[2].GetProperty("queries").GetInt64());
        Assert.True(lines[3].GetProperty("queries").GetInt64() >= 2);
        Assert.True(lines[4].GetProperty("queries").GetInt64() >= 3);
        Assert.Contains("unknown perf client command 'fly 1'", lines[5].GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_raw_client_reads_the_same_block_and_identity_as_openvisa()
    {
        await using var server = new SocketInstrumentServer(new PerfDevice(70_000));
        server.Start();
        using var raw = new RawSocketPerfClient(server.ResourceName, 70_000, TimeSpan.FromSeconds(10));

        raw.Verify(70_000); // throws, naming the byte, if anything differs
        Assert.Equal(PerfDevice.Identity.Length, raw.RoundTrip());
        Assert.Equal(PerfDevice.Identity.Length, await raw.RoundTripAsync(CancellationToken.None));
        Assert.Equal(70_000, raw.ReadBlock());
        Assert.Equal(PerfDevice.Identity.Length, raw.RoundTrip());
    }

    [Fact]
    public void The_raw_client_refuses_a_name_that_is_not_a_socket()
    {
        var e = Assert.Throws<UsageException>(() => new RawSocketPerfClient("TCPIP0::127.0.0.1::inst0::INSTR", 16, TimeSpan.FromSeconds(1)));

        Assert.Contains("the raw SOCKET client needs a TCPIP::host::port::SOCKET name, not 'TCPIP0::127.0.0.1::inst0::INSTR'", e.Message);
    }

    [Fact]
    public async Task A_client_that_cannot_connect_says_so_on_its_first_line_and_exits_1()
    {
        var port = FreePort();
        var output = new StringWriter();
        var settings = new PerfClientSettings(new SocketPerfTransport(), PerfClientKinds.Raw, $"TCPIP0::127.0.0.1::{port}::SOCKET", "@managed", 16, TimeSpan.FromSeconds(5));

        var exit = await Task.Run(() => PerfClientHost.Run(settings, TextReader.Null, output)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exit);
        var error = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("error").GetString();
        Assert.Contains($"raw client could not start on TCPIP0::127.0.0.1::{port}::SOCKET", error);
    }

    [Fact]
    public void A_block_that_differs_from_the_pattern_is_reported_with_the_byte()
    {
        var payload = PerfDevice.Payload(1000);
        payload[300] = 7;

        var e = Assert.Throws<InvalidDataException>(() => PerfBlockCheck.Verify(payload, 1000, "raw", "TCPIP0::h::1::SOCKET"));

        Assert.Contains("byte 300 of DATA? from TCPIP0::h::1::SOCKET as 0x07; the server sends 0x2C", e.Message);
        Assert.Contains("read 999 payload bytes", Assert.Throws<InvalidDataException>(() => PerfBlockCheck.Verify(payload.AsSpan(1), 1000, "raw", "x")).Message);
    }

    [Fact]
    public async Task A_server_child_that_exits_is_reported_with_its_exit_code_and_stderr()
    {
        var launcher = PerfLauncher.ForThisOvisa();
        await using var child = PerfChild.Start(launcher.Ovisa(["perf", "serve", "--transport", "socket", "--block-bytes", "0"], pinned: false), "socket server");

        var e = await Assert.ThrowsAsync<PerfChildException>(() => child.ReadLineAsync(TimeSpan.FromSeconds(60), "its resource name"));

        Assert.Contains("The socket server failed: it exited with code 2 instead of answering 'its resource name'", e.Message);
        Assert.Contains("--block-bytes 0 is not a block size", e.Message);
    }

    [Fact]
    public async Task A_child_that_does_not_answer_in_time_is_stopped_and_named()
    {
        var info = PerfLauncher.ForThisOvisa().Program("/bin/sleep", ["30"], pinned: false);
        await using var child = PerfChild.Start(info, "sleepy client");
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<PerfChildException>(() => child.ReadLineAsync(TimeSpan.FromMilliseconds(300), "ready"));

        Assert.Contains("The sleepy client failed: it did not answer 'ready' within 0.3 s, so it was stopped", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void A_program_that_cannot_start_is_named_with_its_command_line()
    {
        var info = PerfLauncher.ForThisOvisa().Program("/nonexistent/ovisa-perf-peer", ["--x"], pinned: false);

        var e = Assert.Throws<PerfChildException>(() => PerfChild.Start(info, "pyvisa-py client"));

        Assert.Contains("The pyvisa-py client could not start: /nonexistent/ovisa-perf-peer --x", e.Message);
    }

    [Fact]
    public void A_python_without_pyvisa_py_is_reported_with_the_debian_package()
    {
        Assert.Null(PyvisaPy.Find("/nonexistent/python3", out var reason));
        Assert.Contains("/nonexistent/python3 cannot run", reason);
        Assert.Contains("python3-pyvisa-py", reason);
    }

    [Fact]
    public void The_shipped_pyvisa_py_script_speaks_the_client_protocol()
    {
        var script = PyvisaPy.ScriptText();

        Assert.Contains("def roundtrips(", script);
        Assert.Contains("\"cpuSeconds\"", script);
        Assert.Contains(PerfDevice.Identity, script);
    }

    [Fact]
    public void Percentiles_come_from_the_histogram_within_its_precision()
    {
        var histogram = new LatencyHistogram();
        var ticksPerMicrosecond = Stopwatch.Frequency / 1_000_000.0;
        for (var i = 1; i <= 1000; i++)
            histogram.Record((long)(i * 10 * ticksPerMicrosecond)); // 10 µs … 10 ms

        Assert.InRange(histogram.PercentileMicroseconds(50)!.Value, 5000 * 0.97, 5000 * 1.03);
        Assert.InRange(histogram.PercentileMicroseconds(99)!.Value, 9900 * 0.97, 9900 * 1.03);
        Assert.Null(new LatencyHistogram().PercentileMicroseconds(50));
    }

    [Fact]
    public void Targets_are_ratios_and_name_what_was_not_measured()
    {
        PerfResult[] results =
        [
            new("socket", "openvisa", "roundtrips_per_s", 45_000), new("socket", "raw", "roundtrips_per_s", 50_000),
            new("socket", "openvisa", "block_mb_per_s", 600), new("socket", "raw", "block_mb_per_s", 1000),
            new("socket", "openvisa", "alloc_bytes_per_query", 300),
        ];

        var checks = PerfTargets.Evaluate(results, [new SocketPerfTransport()]);

        var roundTrips = checks.Single(c => c.Target == "socket *IDN? round trips/s: openvisa / raw ≥ 0.9");
        Assert.Equal(0.9, roundTrips.Value!.Value, 6);
        Assert.True(roundTrips.Met);
        var block = checks.Single(c => c.Target == "socket block MB/s: openvisa / raw ≥ 0.7");
        Assert.False(block.Met);
        Assert.Equal("0.6 (medians 600 / 1,000)", block.Detail);
        var versusPyvisa = checks.Single(c => c.Target == "socket block MB/s: openvisa / pyvisa-py ≥ 25");
        Assert.Null(versusPyvisa.Met);
        Assert.Equal("not measured: no pyvisa-py block_mb_per_s in this run", versusPyvisa.Detail);
        Assert.False(checks.Single(c => c.Target.Contains("bytes allocated")).Met);
        var report = new PerfReport(null!, results, checks, []);
        var note = PerfTable.ClosingNote(report);
        Assert.StartsWith("2 of 3 measured targets missed", note);
        Assert.Contains("socket block MB/s: openvisa / raw ≥ 0.7 (0.6 (medians 600 / 1,000))", note);
    }

    [Fact]
    public void Ratios_of_clients_measured_in_the_same_rounds_are_medians_of_the_per_round_ratios()
    {
        // Round 2 was busy for both clients: the per-round ratios are 0.9, 0.9, 0.5; the medians alone would give 80 / 100.
        var ours = new PerfResult("socket", "openvisa", "roundtrips_per_s", 80) { Rounds = [90, 9, 80] };
        var raw = new PerfResult("socket", "raw", "roundtrips_per_s", 100) { Rounds = [100, 10, 160] };

        Assert.Equal(0.9, PerfRatio.Of(ours, raw)!.Value, 6);
        Assert.Equal(0.8, PerfRatio.Of(ours with { Rounds = [90, 80] }, raw)!.Value, 6); // rounds that do not pair up
        Assert.Null(PerfRatio.Of(ours, null));
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, PerfSamples.Median([4, 1, 2, 3]));
        Assert.Equal(3, PerfSamples.Median([5, 3, 1]));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
