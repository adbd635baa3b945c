using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Parameters;

public class SafetyLimitTests
{
    private static (TestSupply Psu, FakeDevice Device) Supply()
    {
        var device = new FakeDevice();
        var psu = new TestSupply(TestNames.Unique("psu"), FakeLibrary.Open(device));
        psu.Channel(1).Voltage.SafetyLimits = new SafetyLimits(0.5, 5.5, "bench.yaml line 9");
        return (psu, device);
    }

    [Fact]
    public void Set_refuses_values_outside_the_limits_with_their_source()
    {
        var (psu, device) = Supply();
        using var _ = psu;
        var e = Assert.Throws<SafetyLimitException>(() => psu.Channel(1).Voltage.Set(5.6));
        Assert.Equal($"5.6 is invalid: it is above the safety limit: at most 5.5 V is allowed (from bench.yaml line 9); Parameter: {psu.Name}_ch1_voltage.", e.Message);
        Assert.Contains("below the safety limit: at least 0.5 V", Assert.Throws<SafetyLimitException>(() => psu.Channel(1).Voltage.Set(0.1)).Message);
        Assert.Empty(device.Received);
        psu.Channel(1).Voltage.Set(5.5);
        Assert.Equal("VOLT 5.5,(@1)", device.Received[^1]);
    }

    [Fact]
    public async Task SetAsync_refuses_too()
    {
        var (psu, device) = Supply();
        await using var _ = psu;
        await Assert.ThrowsAsync<SafetyLimitException>(async () => await psu.Channel(1).Voltage.SetAsync(6));
        Assert.Empty(device.Received);
    }

    [Fact]
    public void Cache_Set_refuses_too()
    {
        var (psu, _) = Supply();
        using var __ = psu;
        Assert.Throws<SafetyLimitException>(() => psu.Channel(1).Voltage.Cache.Set(6));
        Assert.False(psu.Channel(1).Voltage.Cache.HasValue);
    }

    [Fact]
    public void Multi_channel_sets_refuse_before_sending_to_any_channel()
    {
        var (psu, device) = Supply();
        using var _ = psu;
        Assert.Throws<SafetyLimitException>(() => psu.Channels.Set(c => c.Voltage, 5.8));
        Assert.Empty(device.Received);
    }

    [Fact]
    public void Every_ramp_step_is_checked_even_when_limits_change_mid_way()
    {
        var (psu, device) = Supply();
        using var _ = psu;
        var volt = psu.Channel(1).Voltage;
        volt.Step = 1;
        volt.Cache.Set(1);
        device.ClearLog();
        volt.SafetyLimits = new SafetyLimits(0.5, 2.5);
        Assert.Throws<SafetyLimitException>(() => volt.Set(4));
        Assert.Empty(device.Received);
        volt.SafetyLimits = null;
        var refusals = 0;
        var ramped = new Parameter<double>("ramped", psu)
        {
            Setter = v =>
            {
                if (v >= 2)
                {
                    refusals++;
                    psu.Parameter("ramped").SafetyLimits = new SafetyLimits(null, 2.5);
                }
            },
            InitialValue = 0,
        };
        ramped.Step = 1;
        Assert.Throws<SafetyLimitException>(() => ramped.Set(2.4 + 0.5));
        Assert.Equal(2, ramped.Cache.Value);
        Assert.Equal(1, refusals);
    }

    [Fact]
    public void Limits_apply_to_delegate_and_manual_parameters()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var manual = new Parameter<double>("manual", inst) { SafetyLimits = null };
        manual.SafetyLimits = new SafetyLimits(-1, 1);
        Assert.Throws<SafetyLimitException>(() => manual.Set(2));
        var sent = new List<int>();
        var delegated = new Parameter<int>("delegated", inst) { Setter = sent.Add };
        delegated.SafetyLimits = new SafetyLimits(0, 10);
        Assert.Throws<SafetyLimitException>(() => delegated.Set(11));
        Assert.Empty(sent);
    }

    [Fact]
    public void Only_numeric_parameters_take_limits()
    {
        using var psu = new TestSupply(TestNames.Unique(), null);
        var e = Assert.Throws<InvalidOperationException>(() => psu.Channel(1).Output.SafetyLimits = new SafetyLimits(0, 1));
        Assert.Contains("holds bool values, so it cannot take numeric safety limits", e.Message);
    }
}
