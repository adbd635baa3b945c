using System.Diagnostics;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Parameters;

/// <summary>A manual parameter ramps and waits as QCoDeS's ManualParameter does: step, inter-delay and post-delay apply.</summary>
public class ManualParameterRampTests
{
    [Fact]
    public void A_manual_set_walks_the_steps_and_waits_the_post_delay_of_each()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var seen = new List<double>();
        var knob = new Parameter<double>("knob", inst) { InitialValue = 0, OnSet = seen.Add };
        knob.Step = 0.1;
        knob.PostDelay = TimeSpan.FromMilliseconds(50);
        var started = Stopwatch.GetTimestamp();
        knob.Set(1.0);
        var took = Stopwatch.GetElapsedTime(started);
        Assert.Equal(10, seen.Count);
        Assert.Equal(0.1, seen[0], 9);
        Assert.Equal(1.0, seen[^1]);
        Assert.True(took >= TimeSpan.FromMilliseconds(400), $"ten 50 ms steps took only {took.TotalMilliseconds} ms");
        Assert.Equal(1.0, knob.Get());
    }

    [Fact]
    public async Task An_async_manual_set_honours_the_inter_delay_between_steps()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var seen = new List<int>();
        var knob = new Parameter<int>("knob", inst) { InitialValue = 0, OnSet = seen.Add };
        knob.Step = 1;
        knob.InterDelay = TimeSpan.FromMilliseconds(100);
        var started = Stopwatch.GetTimestamp();
        await knob.SetAsync(5);
        var took = Stopwatch.GetElapsedTime(started);
        Assert.Equal([1, 2, 3, 4, 5], seen);
        Assert.True(took >= TimeSpan.FromMilliseconds(350), $"four waits of 100 ms took only {took.TotalMilliseconds} ms");
    }

    [Fact]
    public void A_manual_parameter_with_no_value_yet_jumps_to_the_target()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var seen = new List<double>();
        var knob = new Parameter<double>("knob", inst) { OnSet = seen.Add };
        knob.Step = 0.1;
        knob.Set(1.0);
        Assert.Equal([1.0], seen);
    }

    [Fact]
    public void Each_manual_ramp_step_is_validated_against_the_safety_limits()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var knob = new Parameter<double>("knob", inst) { InitialValue = 0 };
        knob.Step = 0.5;
        knob.SafetyLimits = new SafetyLimits(Min: null, Max: 2);
        var e = Assert.ThrowsAny<Exception>(() => knob.Set(3));
        Assert.Contains("above the safety limit", e.Message);
        Assert.Equal(0, knob.Get());
    }
}
