using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Model;

public class ReconnectTests
{
    private static readonly ReconnectPolicy Quick = new() { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) };

    [Fact]
    public void Without_a_policy_a_lost_connection_fails_the_command()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        device.DropConnections();
        var e = Assert.Throws<VisaException>(() => inst.Ask("*IDN?"));
        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Equal(0, inst.ReconnectCount);
    }

    [Fact]
    public void The_resource_is_reopened_with_its_settings_and_the_command_repeated()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device, new InstrumentOptions { Reconnect = Quick, Timeout = TimeSpan.FromSeconds(7) });
        var volt = new Parameter<double>("volt", inst) { GetCommand = "VOLT?", SetCommand = "VOLT {0}" };
        volt.Set(1);
        var first = inst.Resource;
        var reconnected = 0;
        inst.Reconnected += (_, _) => reconnected++;
        device.DropConnections();
        Assert.Equal(1, volt.Get());
        Assert.NotSame(first, inst.Resource);
        Assert.True(first!.IsClosed);
        Assert.Equal(1, inst.ReconnectCount);
        Assert.Equal(1, reconnected);
        Assert.Equal(2, device.Opens);
        Assert.Equal(TimeSpan.FromSeconds(7), inst.Resource!.Timeout);
        Assert.Equal("\n", inst.Resource.ReadTermination);
    }

    [Fact]
    public async Task Reopening_retries_with_backoff_while_the_instrument_refuses()
    {
        var device = new FakeDevice();
        await using var inst = TestNames.Connected(device, new InstrumentOptions { Reconnect = Quick });
        device.DropConnections();
        device.RefuseOpens = 2;
        Assert.Equal(device.Idn, await inst.AskAsync("*IDN?"));
        Assert.Equal(1, inst.ReconnectCount);
        Assert.Equal(0, device.RefuseOpens);
    }

    [Fact]
    public void Giving_up_says_how_many_attempts_and_why_the_last_failed()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device, new InstrumentOptions { Reconnect = Quick });
        device.DropConnections();
        device.RefuseOpens = 10;
        var e = Assert.Throws<InstrumentConnectionException>(() => inst.Write("VOLT 1"));
        Assert.Contains($"{inst.Name} lost its connection while sending 'VOLT 1' and did not get it back after 3 attempts.", e.Message);
        Assert.Contains("The fake device is not answering", e.Message);
        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
    }

    [Fact]
    public void Caches_are_invalidated_after_a_reconnect()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device, new InstrumentOptions { Reconnect = Quick });
        var volt = new Parameter<double>("volt", inst) { GetCommand = "VOLT?", SetCommand = "VOLT {0}" };
        volt.Set(2);
        Assert.True(volt.Cache.IsValid);
        device.DropConnections();
        inst.Write("*CLS");
        Assert.False(volt.Cache.IsValid);
        Assert.Equal(2, volt.Cache.Value);
    }

    [Fact]
    public void With_RepeatCommand_off_the_command_fails_but_the_next_one_works()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device, new InstrumentOptions { Reconnect = Quick with { RepeatCommand = false } });
        device.DropConnections();
        var e = Assert.Throws<InstrumentConnectionException>(() => inst.Write("VOLT 1"));
        Assert.Contains("it reconnected, but the command was not repeated", e.Message);
        Assert.DoesNotContain("VOLT 1", device.Received);
        inst.Write("VOLT 2");
        Assert.Equal("VOLT 2", device.Received[^1]);
    }

    [Fact]
    public void A_timeout_is_not_treated_as_a_lost_connection()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device, new InstrumentOptions { Reconnect = Quick });
        var e = Assert.Throws<VisaException>(() => inst.Ask("SILENT?"));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Equal(0, inst.ReconnectCount);
    }

    [Fact]
    public void Backoff_grows_by_the_factor_up_to_the_maximum()
    {
        var policy = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), BackoffFactor = 3, MaxDelay = TimeSpan.FromSeconds(1) };
        Assert.Equal([100, 300, 900, 1000], Enumerable.Range(0, 4).Select(i => policy.DelayBefore(i).TotalMilliseconds));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy { BackoffFactor = 0.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy { MaxAttempts = -1 });
    }
}
