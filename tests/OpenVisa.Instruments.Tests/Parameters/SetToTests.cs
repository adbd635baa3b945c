using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Parameters;

/// <summary>SetTo and RestoreAtExit scopes, and the set hooks (per parameter, changeable; instrument-wide).</summary>
public class SetToTests
{
    [Fact]
    public void SetTo_sets_the_value_and_restores_the_old_one_at_the_end()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var gate = new Parameter<double>("gate", inst) { GetCommand = "GATE?", SetCommand = "GATE {0}" };
        device.Values["GATE"] = "0.25";
        using (var scope = gate.SetTo(1.5))
        {
            Assert.Equal(0.25, scope.Restores);
            Assert.Equal("1.5", device.Values["GATE"]);
        }
        Assert.Equal("0.25", device.Values["GATE"]);
        Assert.Equal(0.25, gate.Cache.Get());
    }

    [Fact]
    public void Inside_a_SetTo_scope_other_sets_are_refused_unless_changes_are_allowed()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var knob = new Parameter<int>("knob", inst) { InitialValue = 1 };
        using (knob.SetTo(5))
        {
            var e = Assert.Throws<InvalidOperationException>(() => knob.Set(6));
            Assert.Contains("cannot be set to 6: a SetTo scope holds it at 5", e.Message);
            Assert.Contains("allowChanges: true", e.Message);
        }
        Assert.Equal(1, knob.Get());
        using (knob.SetTo(5, allowChanges: true))
            knob.Set(6);
        Assert.Equal(1, knob.Get());
    }

    [Fact]
    public async Task SetToAsync_restores_when_the_scope_is_disposed_asynchronously()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var knob = new Parameter<double>("knob", inst) { InitialValue = 2 };
        await using (await knob.SetToAsync(3))
            Assert.Equal(3, knob.Get());
        Assert.Equal(2, knob.Get());
    }

    [Fact]
    public void A_SetTo_that_fails_validation_changes_nothing_and_leaves_the_parameter_settable()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var knob = new Parameter<double>("knob", inst) { InitialValue = 2, Validator = new Numbers(0, 10) };
        Assert.Throws<ValidationException>(() => knob.SetTo(11));
        knob.Set(4);
        Assert.Equal(4, knob.Get());
    }

    [Fact]
    public void RestoreAtExit_of_a_manual_parameter_with_no_value_says_there_is_nothing_to_restore()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var knob = new Parameter<double>("knob", inst);
        var e = Assert.Throws<InvalidOperationException>(() => knob.RestoreAtExit());
        Assert.Contains("has no cached value yet", e.Message);
    }

    [Fact]
    public void RestoreAtExit_without_changes_refuses_sets_and_restores()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var knob = new Parameter<int>("knob", inst) { InitialValue = 1 };
        using (knob.RestoreAtExit(allowChanges: false))
            Assert.Contains("holds it at 1", Assert.Throws<InvalidOperationException>(() => knob.Set(2)).Message);
        knob.Set(2);
        Assert.Equal(2, knob.Get());
    }

    [Fact]
    public void OnSet_can_be_changed_after_creation_and_the_instrument_hook_covers_the_others()
    {
        using var psu = new TestSupply(TestNames.Unique("psu"), FakeLibrary.Open(new FakeDevice()));
        var log = new List<string>();
        psu.OnParameterSet = (p, v) => log.Add($"{p.Name}={v}");
        psu.Channel(1).Voltage.Set(1.0);
        psu.Channel(2).Output.Set(true);
        var mine = new List<double>();
        psu.Channel(1).Voltage.OnSet = mine.Add;
        psu.Channel(1).Voltage.Set(2.0);
        Assert.Equal(["voltage=1", "output=True"], log);
        Assert.Equal([2.0], mine);
        psu.Channel(1).Voltage.OnSet = null;
        psu.Channel(1).Voltage.Set(3.0);
        Assert.Equal("voltage=3", log[^1]);
    }
}
