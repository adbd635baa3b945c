using System.Text;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>Synchronized and overlapped modes.</summary>
public sealed class HislipModeTests
{
    [Fact]
    public async Task In_synchronized_mode_a_newer_message_discards_the_reply_to_an_older_query()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect(new HislipClientOptions { TimeoutMilliseconds = 500 });

        client.WriteText("ECHO? first");
        client.WriteText("ECHO? second");

        Assert.Equal("second\n", client.ReadText());
        Assert.Equal(StatusCode.ErrorTimeout, Assert.Throws<VisaException>(() => client.ReadText()).Status);
        Assert.Equal("third\n", client.Query("ECHO? third"));
    }

    [Fact]
    public async Task The_server_interrupts_a_reply_when_the_next_message_is_already_queued()
    {
        await using var fixture = await HislipFixture.StartAsync();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            // Both messages in one segment: the second is queued when the first one's reply is ready.
            var first = new byte[16 + 12];
            new HislipHeader(HislipMessageType.DataEnd, 0, HislipMessageIds.Initial, 12).WriteTo(first);
            "ECHO? first\n"u8.CopyTo(first.AsSpan(16));
            var second = new byte[16 + 12];
            new HislipHeader(HislipMessageType.DataEnd, 0, HislipMessageIds.Next(HislipMessageIds.Initial), 12).WriteTo(second);
            "ECHO? secnd\n"u8.CopyTo(second.AsSpan(16));
            sync.SendBytes([.. first, .. second]);

            var interrupted = sync.Receive().Header;
            Assert.Equal((HislipMessageType.Interrupted, HislipMessageIds.Initial), (interrupted.Type, interrupted.Parameter));
            Assert.Equal(HislipMessageType.AsyncInterrupted, async.Receive().Header.Type);
            var reply = sync.Receive();
            Assert.Equal(HislipMessageIds.Next(HislipMessageIds.Initial), reply.Header.Parameter);
            Assert.Equal("secnd\n", Encoding.ASCII.GetString(reply.Payload));
        }
    }

    [Fact]
    public async Task Three_writes_before_a_read_leave_only_the_last_reply()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();

        client.WriteText("ECHO? a");
        client.WriteText("ECHO? b");
        client.WriteText("ECHO? c");

        Assert.Equal("c\n", client.ReadText());
        Assert.Equal("d\n", client.Query("ECHO? d"));
    }

    [Fact]
    public async Task Overlapped_mode_delivers_every_reply_in_order()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect(new HislipClientOptions { Overlapped = true });
        Assert.True(client.IsOverlapped);

        for (var i = 0; i < 20; i++)
            client.WriteText($"ECHO? {i}");
        for (var i = 0; i < 20; i++)
            Assert.Equal($"{i}\n", client.ReadText());
    }

    [Fact]
    public async Task Overlapped_mode_follows_the_servers_preference_and_can_be_changed()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { PreferOverlapped = true });
        using var client = fixture.Connect();
        Assert.True(client.ServerPrefersOverlapped);
        Assert.True(client.IsOverlapped);

        client.SetOverlapped(false);
        Assert.False(client.IsOverlapped);
        client.WriteText("ECHO? a");
        client.WriteText("ECHO? b");
        Assert.Equal("b\n", client.ReadText());

        client.SetOverlapped(true);
        Assert.True(client.IsOverlapped);
        client.WriteText("ECHO? c");
        client.WriteText("ECHO? d");
        Assert.Equal("c\n", client.ReadText());
        Assert.Equal("d\n", client.ReadText());
    }

    [Fact]
    public async Task A_server_without_overlapped_mode_keeps_the_session_synchronized()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { SupportsOverlapped = false });
        using var client = fixture.Connect();

        var error = Assert.Throws<VisaException>(() => client.SetOverlapped(true));

        Assert.Equal(StatusCode.ErrorNonsupportedAttributeState, error.Status);
        Assert.Contains("does not support overlapped mode; the session stays synchronized", error.Message);
        Assert.False(client.IsOverlapped);
    }

    [Fact]
    public async Task Overlapped_mode_status_byte_reports_MAV_for_a_waiting_reply()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect(new HislipClientOptions { Overlapped = true });

        client.WriteText("ECHO? x");
        await HislipRobustnessTests.WaitUntil(() => (client.ReadStatusByte() & 0x10) != 0);
        Assert.Equal("x\n", client.ReadText());
    }
}
