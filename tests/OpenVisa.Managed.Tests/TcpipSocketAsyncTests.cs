using System.Diagnostics;
using System.Text;

namespace OpenVisa.Managed.Tests;

public sealed class TcpipSocketAsyncTests
{
    [Fact]
    public async Task Async_write_and_read_round_trip_with_pending_carry_over()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        var buffer = new byte[1024];

        await bench.Library.WriteAsync(session, "TWO?\n"u8.ToArray());
        var first = await bench.Library.ReadAsync(session, buffer);
        var firstText = Encoding.ASCII.GetString(buffer, 0, first.Count);
        var second = await bench.Library.ReadAsync(session, buffer);

        Assert.Equal(("first\n", StatusCode.SuccessTerminationCharacterRead), (firstText, first.Status));
        Assert.Equal("second\n", Encoding.ASCII.GetString(buffer, 0, second.Count));
    }

    [Fact]
    public async Task Async_reads_of_a_large_block_are_byte_exact()
    {
        const int Length = 4 * 1024 * 1024;
        await using var bench = SocketBench.Start();
        var session = bench.Open(timeoutMs: 30_000, termChar: false);
        await bench.Library.WriteAsync(session, Encoding.ASCII.GetBytes($"DATA? {Length}\n"));
        var data = new byte[9 + Length + 1];

        var total = 0;
        while (total < data.Length)
        {
            var result = await bench.Library.ReadAsync(session, data.AsMemory(total));
            total += result.Count;
        }

        Assert.Equal($"#7{Length}", Encoding.ASCII.GetString(data, 0, 9));
        Assert.True(data.AsSpan(9, Length).SequenceEqual(TestDevice.Payload(Length)), "the block's payload differs from what the device sent");
    }

    [Fact]
    public async Task Cancelling_the_callers_token_cancels_the_read()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open(timeoutMs: 20_000);
        await bench.Library.WriteAsync(session, "SLOW? 10000\n"u8.ToArray());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        var started = Stopwatch.GetTimestamp();

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await bench.Library.ReadAsync(session, new byte[100], cancel.Token));

        Assert.Equal(cancel.Token, e.CancellationToken);
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 100, 5000);
    }

    [Fact]
    public async Task The_session_timeout_ends_an_async_read_with_a_timeout_error()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open(timeoutMs: 200, termChar: false);
        await bench.Library.WriteAsync(session, "*IDN?\n"u8.ToArray());
        bench.WaitForReply(session);
        var started = Stopwatch.GetTimestamp();

        var e = await Assert.ThrowsAsync<VisaException>(async () => await bench.Library.ReadAsync(session, new byte[1024]));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("no termination character is enabled", e.Message);
        Assert.Contains(TestDevice.Identity, e.Message);
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 150, 5000);
    }

    [Fact]
    public async Task After_a_timed_out_async_read_the_session_still_works()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open(timeoutMs: 200);
        await bench.Library.WriteAsync(session, "SLOW? 400\n"u8.ToArray());
        await Assert.ThrowsAsync<VisaException>(async () => await bench.Library.ReadAsync(session, new byte[100]));
        bench.Library.SetAttribute(session, VisaAttribute.TimeoutValue, 5000u);

        Assert.Equal("slow\n", bench.ReadLine(session));
        Assert.Equal("again\n", bench.Query(session, "ECHO again"));
    }

    [Fact]
    public async Task Async_clear_discards_pending_bytes()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        await bench.Library.WriteAsync(session, "TWO?\n"u8.ToArray());
        await bench.Library.ReadAsync(session, new byte[6]);

        await bench.Library.ClearAsync(session);

        Assert.Equal("fresh\n", bench.Query(session, "ECHO fresh"));
    }

    [Fact]
    public async Task A_peer_closing_during_an_async_read_is_a_lost_connection()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        await bench.Library.WriteAsync(session, "CLOSE\n"u8.ToArray());

        var e = await Assert.ThrowsAsync<VisaException>(async () => await bench.Library.ReadAsync(session, new byte[100]));

        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Contains("after 7 bytes arrived", e.Message);
    }

    [Fact]
    public async Task Concurrent_async_sessions_each_get_their_own_replies()
    {
        await using var bench = SocketBench.Start();
        var sessions = Enumerable.Range(0, 8).Select(_ => bench.Open()).ToArray();

        var replies = await Task.WhenAll(sessions.Select(async (session, n) =>
        {
            var buffer = new byte[256];
            var received = new List<string>();
            for (var i = 0; i < 50; i++)
            {
                await bench.Library.WriteAsync(session, Encoding.ASCII.GetBytes($"ECHO s{n}-q{i}\n"));
                var result = await bench.Library.ReadAsync(session, buffer);
                received.Add(Encoding.ASCII.GetString(buffer, 0, result.Count));
            }
            return received;
        })).WaitAsync(TimeSpan.FromSeconds(30));

        for (var n = 0; n < sessions.Length; n++)
            Assert.Equal(Enumerable.Range(0, 50).Select(i => $"s{n}-q{i}\n"), replies[n]);
    }

    [Fact]
    public async Task Concurrent_sync_sessions_on_their_own_threads_each_get_their_own_replies()
    {
        await using var bench = SocketBench.Start();
        var sessions = Enumerable.Range(0, 8).Select(_ => bench.Open()).ToArray();
        var replies = new List<string>[sessions.Length];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();

        // Dedicated threads: blocking calls on pool threads would starve the in-process server of threads.
        var threads = sessions.Select((session, n) => new Thread(() =>
        {
            try
            {
                replies[n] = Enumerable.Range(0, 50).Select(i => bench.Query(session, $"ECHO s{n}-q{i}")).ToList();
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToArray();
        Array.ForEach(threads, t => t.Start());

        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromSeconds(30)), "a client thread did not finish"));
        Assert.Empty(failures);
        for (var n = 0; n < sessions.Length; n++)
            Assert.Equal(Enumerable.Range(0, 50).Select(i => $"s{n}-q{i}\n"), replies[n]);
    }

    [Fact]
    public async Task Sync_and_async_calls_mix_on_one_session()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        var buffer = new byte[256];

        for (var i = 0; i < 20; i++)
        {
            if (i % 2 == 0)
            {
                Assert.Equal($"m{i}\n", bench.Query(session, $"ECHO m{i}"));
                continue;
            }
            await bench.Library.WriteAsync(session, Encoding.ASCII.GetBytes($"ECHO m{i}\n"));
            var result = await bench.Library.ReadAsync(session, buffer);
            Assert.Equal($"m{i}\n", Encoding.ASCII.GetString(buffer, 0, result.Count));
        }
    }

    [Fact]
    public async Task After_an_async_call_sync_reads_still_time_out()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        await bench.Library.WriteAsync(session, "ECHO x\n"u8.ToArray());
        await bench.Library.ReadAsync(session, new byte[10]);
        bench.Library.SetAttribute(session, VisaAttribute.TimeoutValue, 200u);
        var started = Stopwatch.GetTimestamp();

        var e = Assert.Throws<VisaException>(() => bench.Library.Read(session, new byte[10]));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 150, 5000);
    }
}
