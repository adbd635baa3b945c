using System.Text;

namespace OpenVisa.Managed.Tests;

public sealed class TcpipSocketReadTests
{
    [Fact]
    public async Task Read_stops_at_the_termination_character()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        bench.Write(session, "*IDN?");
        var buffer = new byte[1024];

        var result = bench.Library.Read(session, buffer);

        Assert.Equal(StatusCode.SuccessTerminationCharacterRead, result.Status);
        Assert.Equal(TestDevice.Identity + "\n", Encoding.ASCII.GetString(buffer, 0, result.Count));
    }

    [Theory]
    [InlineData(1024)] // small reads go through the session's receive buffer
    [InlineData(256 * 1024)] // large reads receive straight into the caller's buffer
    public async Task Bytes_after_the_termination_character_wait_for_the_next_read(int bufferSize)
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        bench.Write(session, "TWO?");
        var buffer = new byte[bufferSize];

        var first = bench.Library.Read(session, buffer);
        var firstText = Encoding.ASCII.GetString(buffer, 0, first.Count);
        var second = bench.Library.Read(session, buffer);
        var secondText = Encoding.ASCII.GetString(buffer, 0, second.Count);

        Assert.Equal(("first\n", StatusCode.SuccessTerminationCharacterRead), (firstText, first.Status));
        Assert.Equal(("second\n", StatusCode.SuccessTerminationCharacterRead), (secondText, second.Status));
        Assert.Equal("third\n", bench.Query(session, "ECHO third"));
    }

    [Fact]
    public async Task A_small_buffer_reads_the_message_in_max_count_chunks()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        bench.Write(session, "*IDN?");
        var buffer = new byte[5];
        var chunks = new List<(string Text, StatusCode Status)>();

        ReadResult result;
        do
        {
            result = bench.Library.Read(session, buffer);
            chunks.Add((Encoding.ASCII.GetString(buffer, 0, result.Count), result.Status));
        }
        while (result.Status == StatusCode.SuccessMaxCountRead);

        Assert.Equal(TestDevice.Identity + "\n", string.Concat(chunks.Select(c => c.Text)));
        Assert.All(chunks[..^1], c => Assert.Equal((5, StatusCode.SuccessMaxCountRead), (c.Text.Length, c.Status)));
        Assert.Equal(StatusCode.SuccessTerminationCharacterRead, chunks[^1].Status);
        Assert.Equal((TestDevice.Identity.Length + 1 + 4) / 5, chunks.Count);
    }

    [Fact]
    public async Task A_read_that_ends_exactly_at_the_count_on_the_termination_character_reports_the_termination_character()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        bench.Write(session, "ECHO abcd");
        var buffer = new byte[5];

        var result = bench.Library.Read(session, buffer);

        Assert.Equal((5, StatusCode.SuccessTerminationCharacterRead), (result.Count, result.Status));
    }

    [Fact]
    public async Task Without_a_termination_character_a_read_ends_at_the_count()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open(termChar: false);
        bench.Write(session, "TWO?");
        var buffer = new byte[8];

        var result = bench.Library.Read(session, buffer);

        Assert.Equal(StatusCode.SuccessMaxCountRead, result.Status);
        Assert.Equal("first\nse", Encoding.ASCII.GetString(buffer, 0, result.Count));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_16_MiB_binary_block_arrives_byte_exact(bool termCharEnabled)
    {
        const int Length = 16 * 1024 * 1024;
        await using var bench = SocketBench.Start();
        var session = bench.Open(timeoutMs: 30_000, termChar: termCharEnabled);
        bench.Write(session, $"DATA? {Length}");

        var header = ReadExactly(bench, session, 10);
        Assert.Equal($"#8{Length}", Encoding.ASCII.GetString(header));
        var body = ReadExactly(bench, session, Length + 1);

        Assert.True(body.AsSpan(0, Length).SequenceEqual(TestDevice.Payload(Length)), "the block's payload differs from what the device sent");
        Assert.Equal((byte)'\n', body[^1]);
    }

    [Fact]
    public async Task With_suppress_end_off_a_read_ends_when_the_data_that_arrived_runs_out()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open(termChar: false);
        bench.Library.SetAttribute(session, VisaAttribute.SuppressEndEnabled, false);
        bench.Write(session, "*IDN?");
        var buffer = new byte[1024];

        var result = bench.Library.Read(session, buffer);

        Assert.Equal(StatusCode.Success, result.Status);
        Assert.Equal(TestDevice.Identity + "\n", Encoding.ASCII.GetString(buffer, 0, result.Count));
    }

    [Fact]
    public async Task Suppress_end_is_on_by_default_as_in_NI_VISA()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();

        Assert.Equal(true, bench.Library.GetAttribute(session, VisaAttribute.SuppressEndEnabled));
    }

    [Fact]
    public async Task Clear_discards_the_pending_buffer()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        bench.Write(session, "TWO?");
        Assert.Equal("first\n", bench.ReadLine(session));

        bench.Library.Clear(session);

        Assert.Equal("fresh\n", bench.Query(session, "ECHO fresh"));
    }

    [Fact]
    public async Task Clear_drains_what_has_arrived_on_the_socket()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        var socket = (Tcpip.Socket.TcpipSocketSession)bench.Library.GetSession(session);
        bench.Write(session, "ECHO stale");
        Assert.True(SpinWait.SpinUntil(() => socket.BytesWaiting > 0, TimeSpan.FromSeconds(5)), "the reply never arrived");

        bench.Library.Clear(session);

        Assert.Equal(0, socket.BytesWaiting);
        Assert.Equal("fresh\n", bench.Query(session, "ECHO fresh"));
    }

    [Fact]
    public async Task Flush_discarding_the_read_buffer_drops_pending_bytes()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        bench.Write(session, "TWO?");
        Assert.Equal("first\n", bench.ReadLine(session));

        bench.Library.Flush(session, BufferOperation.DiscardReadBuffer);

        Assert.Equal("fresh\n", bench.Query(session, "ECHO fresh"));
    }

    [Fact]
    public async Task Writing_a_binary_block_that_contains_the_termination_arrives_whole()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        var payload = TestDevice.Payload(1000);
        var message = Encoding.ASCII.GetBytes("LEN? #41000").Concat(payload).Append((byte)'\n').ToArray();

        bench.Library.Write(session, message);

        Assert.Equal($"1000,{payload.Sum(b => b)}\n", bench.ReadLine(session));
    }

    [Fact]
    public async Task Host_names_resolve_and_every_address_is_tried()
    {
        await using var bench = SocketBench.Start();
        var port = bench.Server.LocalEndPoint.Port;
        // The first address refuses (nothing listens on IPv6 here), the second is the server.
        bench.Library.HostResolver = new FixedResolver(System.Net.IPAddress.IPv6Loopback, System.Net.IPAddress.Loopback);

        var session = bench.Library.Open(bench.ResourceManager, $"TCPIP::bench-dmm::{port}::SOCKET", AccessMode.None, TimeSpan.FromSeconds(5));
        bench.Library.SetAttribute(session, VisaAttribute.TerminationCharacterEnabled, true);

        Assert.Equal(TestDevice.Identity + "\n", bench.Query(session, "*IDN?"));
        Assert.Equal("bench-dmm", bench.Library.GetAttribute(session, VisaAttribute.TcpipHostname));
        Assert.Equal("127.0.0.1", bench.Library.GetAttribute(session, VisaAttribute.TcpipAddress));
    }

    private static byte[] ReadExactly(SocketBench bench, int session, int count)
    {
        var data = new byte[count];
        var total = 0;
        while (total < count)
        {
            var result = bench.Library.Read(session, data.AsSpan(total));
            Assert.True(result.Count > 0, "a read returned no bytes");
            total += result.Count;
        }
        return data;
    }
}
