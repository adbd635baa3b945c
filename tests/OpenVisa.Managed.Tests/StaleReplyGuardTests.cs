using System.Text;

namespace OpenVisa.Managed.Tests;

/// <summary>
/// <see cref="MessageBasedResource.StaleReplies"/> over SOCKET: after a timed-out query the late reply never becomes the
/// answer to a later one (issue 18, item 1), each policy does what it says, and a failed resynchronization says why.
/// </summary>
public sealed class StaleReplyGuardTests
{
    [Fact]
    public async Task A_late_reply_that_comes_after_the_next_query_went_out_is_discarded()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");
        using var instrument = Open(rm, bench);

        TimesOut(instrument, "DELAYED? 700 late");
        instrument.Timeout = TimeSpan.FromSeconds(10);

        Assert.Equal("next", instrument.Query("ECHO next"));
        Assert.Equal("again", instrument.Query("ECHO again"));
        Assert.False(instrument.MayHaveLateReply);
    }

    [Fact]
    public async Task A_late_reply_is_discarded_before_an_async_query()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");
        using var instrument = Open(rm, bench);

        var e = await Assert.ThrowsAsync<VisaException>(async () => await instrument.QueryAsync("DELAYED? 700 late"));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.True(instrument.MayHaveLateReply);
        instrument.Timeout = TimeSpan.FromSeconds(10);

        Assert.Equal("next", await instrument.QueryAsync("ECHO next"));
        Assert.Equal("again", await instrument.QueryAsync("ECHO again"));
    }

    [Fact]
    public async Task A_late_reply_that_reads_1_like_the_marker_is_told_apart_by_IDN()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");
        using var instrument = Open(rm, bench);

        TimesOut(instrument, "DELAYED? 700 1");
        instrument.Timeout = TimeSpan.FromSeconds(10);

        Assert.Equal("next", instrument.Query("ECHO next"));
        Assert.Equal("again", instrument.Query("ECHO again"));
    }

    [Fact]
    public async Task A_query_that_never_gets_a_reply_does_not_cost_the_next_one_its_answer()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");
        using var instrument = Open(rm, bench);

        TimesOut(instrument, "NOREPLY?");
        instrument.Timeout = TimeSpan.FromSeconds(10);

        Assert.Equal("next", instrument.Query("ECHO next"));
        Assert.Equal(TestDevice.Identity, instrument.Query("*IDN?"));
    }

    [Fact]
    public async Task Reading_the_late_reply_puts_the_stream_back_in_step_without_a_marker()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");
        using var instrument = Open(rm, bench);

        TimesOut(instrument, "DELAYED? 500 late");
        instrument.Timeout = TimeSpan.FromSeconds(10);

        Assert.Equal("late", instrument.Read());
        Assert.False(instrument.MayHaveLateReply);
        Assert.Equal("next", instrument.Query("ECHO next"));
        Assert.DoesNotContain("*OPC?", Sent(bench));
    }

    [Fact]
    public async Task A_device_clear_abandons_the_late_reply_without_a_marker()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");
        using var instrument = Open(rm, bench);

        TimesOut(instrument, "DELAYED? 300 late");
        Thread.Sleep(1000); // the late reply has arrived; a SOCKET clear discards what arrived
        instrument.Clear();

        Assert.False(instrument.MayHaveLateReply);
        Assert.Equal("next", instrument.Query("ECHO next"));
        Assert.DoesNotContain("*OPC?", Sent(bench));
    }

    [Fact]
    public async Task DiscardArrived_drops_what_arrived_and_sends_nothing_extra()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");
        using var instrument = Open(rm, bench);
        instrument.StaleReplies = StaleReplyPolicy.DiscardArrived;

        TimesOut(instrument, "DELAYED? 300 late");
        Thread.Sleep(1000);
        instrument.Timeout = TimeSpan.FromSeconds(10);

        Assert.Equal("next", instrument.Query("ECHO next"));
        Assert.DoesNotContain("*OPC?", Sent(bench));
    }

    [Fact]
    public async Task Ignore_hands_the_late_reply_to_the_next_query_as_PyVISA_does()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");
        using var instrument = Open(rm, bench);
        instrument.StaleReplies = StaleReplyPolicy.Ignore;

        TimesOut(instrument, "DELAYED? 300 late");
        Thread.Sleep(1000);
        instrument.Timeout = TimeSpan.FromSeconds(10);

        Assert.Equal("late", instrument.Query("ECHO next"));
    }

    [Fact]
    public async Task A_resynchronization_that_times_out_says_so_and_sends_nothing_of_the_write()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");
        using var instrument = Open(rm, bench);

        TimesOut(instrument, "DELAYED? 2500 late"); // the device stays busy for a while

        var e = Assert.Throws<VisaException>(() => instrument.Query("ECHO lost"));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("sent *OPC? to skip the late reply", e.Message);
        Assert.Contains("Nothing of this write was sent", e.Message);
        Assert.Contains("StaleReplyPolicy.DiscardArrived", e.Message);
        Assert.True(instrument.MayHaveLateReply);
        Assert.DoesNotContain("ECHO lost", Sent(bench));

        instrument.Timeout = TimeSpan.FromSeconds(10);
        Assert.Equal("found", instrument.Query("ECHO found"));
    }

    [Fact]
    public async Task A_resynchronization_that_never_sees_its_marker_gives_up_with_an_IO_error()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");
        using var instrument = Open(rm, bench);

        // The late "reply" is many messages, as a device streaming data would send.
        TimesOut(instrument, "DELAYED? 300 " + string.Join('\n', Enumerable.Range(0, 40).Select(i => $"line {i}")));
        instrument.Timeout = TimeSpan.FromSeconds(10);

        var e = Assert.Throws<VisaException>(() => instrument.Query("ECHO next"));

        Assert.Equal(StatusCode.ErrorIO, e.Status);
        Assert.Contains("16 replies came and none was its 1", e.Message);
    }

    private static TcpipSocketResource Open(ResourceManager rm, SocketBench bench)
    {
        var instrument = rm.Open<TcpipSocketResource>(bench.Server.ResourceName);
        instrument.Timeout = TimeSpan.FromMilliseconds(200);
        return instrument;
    }

    private static void TimesOut(MessageBasedResource instrument, string query)
    {
        var e = Assert.Throws<VisaException>(() => instrument.Query(query));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.True(instrument.MayHaveLateReply);
    }

    private static string[] Sent(SocketBench bench) => bench.Device.Received.Select(m => Encoding.Latin1.GetString(m)).ToArray();
}
