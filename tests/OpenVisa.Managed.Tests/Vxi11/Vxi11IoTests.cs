using System.Text;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Managed.Tests.Vxi11;

public sealed class Vxi11IoTests
{
    [Fact]
    public async Task A_query_round_trips_with_END_and_a_newline()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Assert.Equal(Vxi11TestDevice.Identity + "\n", Vxi11Bench.Query(client, "*IDN?"));
        Assert.Equal("*IDN?", Encoding.Latin1.GetString(Assert.Single(bench.Device.Received)));
    }

    [Fact]
    public async Task A_read_ends_with_Success_at_END()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "ECHO hello");
        var buffer = new byte[100];
        var result = client.Read(buffer, 2000, termCharEnabled: false, 0, suppressEnd: false);
        Assert.Equal(new ReadResult(6, StatusCode.Success), result);
        Assert.Equal("hello\n", Encoding.Latin1.GetString(buffer, 0, result.Count));
    }

    [Fact]
    public async Task A_small_buffer_reads_the_reply_in_pieces_with_MaxCountRead()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "ECHO abcdefgh");
        var buffer = new byte[4];
        Assert.Equal(new ReadResult(4, StatusCode.SuccessMaxCountRead), client.Read(buffer, 2000, false, 0, false));
        Assert.Equal("abcd", Encoding.Latin1.GetString(buffer));
        Assert.Equal(new ReadResult(4, StatusCode.SuccessMaxCountRead), client.Read(buffer, 2000, false, 0, false));
        Assert.Equal("efgh", Encoding.Latin1.GetString(buffer));
        Assert.Equal(new ReadResult(1, StatusCode.Success), client.Read(buffer, 2000, false, 0, false));
    }

    [Fact]
    public async Task The_termination_character_ends_a_read_before_END()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "ECHO a;b;c");
        var buffer = new byte[100];
        Assert.Equal(new ReadResult(2, StatusCode.SuccessTerminationCharacterRead), client.Read(buffer, 2000, true, (byte)';', false));
        Assert.Equal("a;", Encoding.Latin1.GetString(buffer, 0, 2));
        Assert.Equal(new ReadResult(2, StatusCode.SuccessTerminationCharacterRead), client.Read(buffer, 2000, true, (byte)';', false));
        Assert.Equal(new ReadResult(2, StatusCode.Success), client.Read(buffer, 2000, true, (byte)';', false));
        Assert.Equal("c\n", Encoding.Latin1.GetString(buffer, 0, 2));
    }

    [Fact]
    public async Task With_END_suppressed_a_read_waits_for_the_termination_character_and_times_out_saying_so()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "ECHO no-semicolon");
        var buffer = new byte[100];
        var e = Assert.Throws<VisaException>(() => client.Read(buffer, 300, true, (byte)';', suppressEnd: true));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("no-semicolon", e.Message);
        Assert.Contains("';' (0x3B)", e.Message);
        Assert.Contains("suppressed", e.Message);
    }

    [Fact]
    public async Task Reading_with_nothing_to_read_times_out_and_asks_whether_a_query_was_written()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        var started = DateTime.UtcNow;
        var e = Assert.Throws<VisaException>(() => client.Read(new byte[10], 200, false, 0, false));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("nothing to send within 200 ms", e.Message);
        Assert.Contains("was a query written first", e.Message);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(3));
        // The link is still usable.
        Assert.Equal("ok\n", Vxi11Bench.Query(client, "ECHO ok"));
    }

    [Fact]
    public async Task A_write_longer_than_the_max_receive_size_is_split_and_arrives_whole()
    {
        await using var bench = Vxi11Bench.Start(maxReceiveSize: 1024);
        var client = bench.Open();
        Assert.Equal(1024, client.MaxReceiveSize);
        var payload = new byte[5000];
        new Random(1).NextBytes(payload);
        var message = Encoding.Latin1.GetBytes("LEN? ").Concat(payload).Append((byte)'\n').ToArray();
        message[1023] = (byte)'\n'; // a newline that ends a full chunk must not end the message
        Assert.Equal(message.Length, client.Write(message, 5000, sendEnd: true));
        Assert.Equal($"5000,{message[5..^1].Sum(b => (long)b)}\n", Vxi11Bench.Read(client));
        Assert.Single(bench.Device.Received);
    }

    [Fact]
    public async Task A_write_without_END_waits_for_the_rest_of_the_message()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        client.Write("ECHO par"u8, 2000, sendEnd: false);
        Assert.Empty(bench.Device.Received);
        client.Write("ts\n"u8, 2000, sendEnd: true);
        Assert.Equal("parts\n", Vxi11Bench.Read(client));
    }

    [Fact]
    public async Task A_large_block_reads_intact()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "DATA? 3000000");
        var buffer = new byte[3_000_100];
        var total = 0;
        ReadResult result;
        do
        {
            result = client.Read(buffer.AsSpan(total, Math.Min(1 << 20, buffer.Length - total)), 5000, false, 0, false);
            total += result.Count;
        }
        while (result.Status == StatusCode.SuccessMaxCountRead);
        Assert.Equal(StatusCode.Success, result.Status);
        Assert.Equal(2 + 7 + 3_000_000 + 1, total);
        Assert.Equal("#73000000", Encoding.ASCII.GetString(buffer, 0, 9));
        Assert.True(buffer.AsSpan(9, 3_000_000).SequenceEqual(Vxi11TestDevice.Payload(3_000_000)));
    }

    [Fact]
    public async Task Two_queries_written_before_reading_come_back_as_two_messages()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "ECHO one");
        Vxi11Bench.Write(client, "ECHO two");
        Assert.Equal("one\n", Vxi11Bench.Read(client));
        Assert.Equal("two\n", Vxi11Bench.Read(client));
    }

    [Fact]
    public async Task A_slow_device_makes_the_read_wait_for_its_reply()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "SLOW? 200");
        Assert.Equal("slow\n", Vxi11Bench.Read(client, 3000));
    }

    [Fact]
    public async Task A_slow_device_past_the_timeout_gives_a_timeout_then_the_late_reply()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "SLOW? 600");
        var e = Assert.Throws<VisaException>(() => client.Read(new byte[10], 100, false, 0, false));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Equal("slow\n", Vxi11Bench.Read(client, 3000));
    }

    [Fact]
    public async Task A_write_while_another_link_keeps_the_device_busy_returns_and_its_read_waits_for_the_device()
    {
        await using var bench = Vxi11Bench.Start();
        var busy = bench.Open();
        var other = bench.Open();
        Vxi11Bench.Write(busy, "SLOW? 1500");
        await Task.Delay(100); // the slow call now holds the device
        var writing = System.Diagnostics.Stopwatch.StartNew();
        Vxi11Bench.Write(other, "ECHO after");
        Assert.True(writing.Elapsed < TimeSpan.FromMilliseconds(1000), $"The write waited {writing.Elapsed} for the busy device.");
        Assert.Equal("after\n", Vxi11Bench.Read(other, 5000));
        Assert.Equal("slow\n", Vxi11Bench.Read(busy, 5000));
    }

    [Fact]
    public async Task A_device_that_throws_answers_the_next_read_with_an_IO_error_and_keeps_serving()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "CRASH");
        var e = Assert.Throws<VisaException>(() => client.Read(new byte[10], 2000, false, 0, false));
        Assert.Equal(StatusCode.ErrorIO, e.Status);
        Assert.Contains("device_read", e.Message);
        Assert.Contains("error 17 (I/O error)", e.Message);
        Assert.Equal("still here\n", Vxi11Bench.Query(client, "ECHO still here"));
    }

    [Fact]
    public async Task A_device_that_drops_the_client_makes_the_session_report_a_lost_connection()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        // The device handles the message as the write delivers it, so the write is what sees the connection go.
        var e = Assert.Throws<VisaException>(() => Vxi11Bench.Write(client, "DROP"));
        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Contains("close the resource and open it again", e.Message);
        var again = Assert.Throws<VisaException>(() => Vxi11Bench.Write(client, "ECHO x"));
        Assert.Equal(StatusCode.ErrorConnectionLost, again.Status);
        // Other clients are not affected.
        Assert.Equal("fine\n", Vxi11Bench.Query(bench.Open(), "ECHO fine"));
    }

    [Fact]
    public async Task Async_write_and_read_work_and_honour_cancellation()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        await client.WriteAsync("ECHO async\n"u8.ToArray(), 2000, true, CancellationToken.None);
        var buffer = new byte[64];
        var result = await client.ReadAsync(buffer, 2000, false, 0, false, CancellationToken.None);
        Assert.Equal("async\n", Encoding.Latin1.GetString(buffer, 0, result.Count));
        using var cancel = new CancellationTokenSource(100);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await client.ReadAsync(buffer, 5000, false, 0, false, cancel.Token));
        // The reply the cancelled call would have got is dropped by transaction id; the next call works.
        await Task.Delay(200);
        Assert.Equal("again\n", Vxi11Bench.Query(client, "ECHO again"));
    }

    [Fact]
    public async Task Async_read_of_nothing_times_out_with_the_instrument_timeout()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        var e = await Assert.ThrowsAsync<VisaException>(async () => await client.ReadAsync(new byte[10], 150, false, 0, false, CancellationToken.None));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
    }

    [Fact]
    public async Task Sixty_four_clients_query_at_once()
    {
        await using var bench = Vxi11Bench.Start();
        var clients = Enumerable.Range(0, 64).Select(_ => bench.Open()).ToArray();
        var replies = new string[64][];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        // Blocking clients get threads of their own, as separate client processes would: on the thread pool they
        // would starve the server they are waiting for.
        var threads = clients.Select((client, i) => new Thread(() =>
        {
            try
            {
                replies[i] = Enumerable.Range(0, 20).Select(j => Vxi11Bench.Query(client, $"ECHO {i}-{j}", 20_000)).ToArray();
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToArray();
        foreach (var thread in threads)
            thread.Start();
        foreach (var thread in threads)
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "A client did not finish within 30 s.");
        Assert.Empty(failures);
        for (var i = 0; i < 64; i++)
            Assert.Equal(Enumerable.Range(0, 20).Select(j => $"{i}-{j}\n"), replies[i]);
        Assert.Equal(64, bench.Server.LinkCount);
    }
}
