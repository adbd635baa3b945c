using System.Diagnostics;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>
/// The server serves each connection on a thread of its own with blocking I/O: waits for the device happen in place,
/// and closing the sockets is what ends blocked reads (server stop, handshake timeout).
/// </summary>
public sealed class HislipServerThreadTests
{
    [Fact]
    public async Task A_query_waits_for_the_device_another_session_keeps_busy()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var busy = fixture.Connect(new HislipClientOptions { TimeoutMilliseconds = 10_000 });
        using var waiting = fixture.Connect(new HislipClientOptions { TimeoutMilliseconds = 10_000 });
        busy.WriteText("SLOW? 500");
        await HislipRobustnessTests.WaitUntil(() => fixture.Instrument.Commands.Contains("SLOW? 500"));

        var clock = Stopwatch.StartNew();
        Assert.Equal("after\n", waiting.Query("ECHO? after"));

        Assert.True(clock.ElapsedMilliseconds >= 200, $"The query was answered after {clock.ElapsedMilliseconds} ms, while the device was busy for 500.");
        Assert.Equal("DONE\n", busy.ReadText());
    }

    [Fact]
    public async Task Device_clear_ends_a_wait_for_the_device_another_session_keeps_busy()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var busy = fixture.Connect(new HislipClientOptions { TimeoutMilliseconds = 10_000 });
        using var waiting = fixture.Connect(new HislipClientOptions { TimeoutMilliseconds = 10_000 });
        busy.WriteText("SLOW? 1000");
        await HislipRobustnessTests.WaitUntil(() => fixture.Instrument.Commands.Contains("SLOW? 1000"));
        waiting.WriteText("ECHO? abandoned");
        await Task.Delay(100); // let the message reach the server and wait for the device

        await waiting.ClearAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("next\n", waiting.Query("ECHO? next"));
        Assert.DoesNotContain("ECHO? abandoned", fixture.Instrument.Commands);
        Assert.Equal("DONE\n", busy.ReadText());
    }

    [Fact]
    public async Task Stopping_closes_idle_sessions_and_silent_connections_within_2_s()
    {
        var fixture = await HislipFixture.StartAsync();
        using var idle = fixture.Connect();
        Assert.Equal("ready\n", idle.Query("ECHO? ready"));
        using var silent = RawHislipPeer.Connect(fixture.Port);
        await Task.Delay(100); // let the server start the silent connection's handshake

        await fixture.Server.StopAsync().WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(0, fixture.Server.SessionCount);
        Assert.True(silent.IsClosedByPeer(), "The connection that never sent Initialize was left open by the stopped server.");
        await fixture.DisposeAsync();
    }

    [Fact]
    public async Task A_connection_silent_past_the_handshake_timeout_is_closed()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        using var silent = RawHislipPeer.Connect(fixture.Port);
        var clock = Stopwatch.StartNew();

        Assert.True(silent.IsClosedByPeer(), "The connection that never sent Initialize was still open 3 s later.");

        Assert.InRange(clock.ElapsedMilliseconds, 200, 2500);
        using var client = fixture.Connect();
        Assert.Equal("still\n", client.Query("ECHO? still"));
    }
}
