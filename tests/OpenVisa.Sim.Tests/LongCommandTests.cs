using System.Diagnostics;

namespace OpenVisa.Sim.Tests;

/// <summary>
/// Issue 18, item 8: a setter's value of a million (or two million) digits once took 23 s (90 s) to match, stalling the
/// instrument for every client. Matching is linear now; these bounds are generous for a loaded machine, and the
/// quadratic matcher misses them by an order of magnitude.
/// </summary>
public sealed class LongCommandTests
{
    [Theory]
    [InlineData(1_000_000)]
    [InlineData(2_000_000)]
    public void A_setter_with_millions_of_digits_is_answered_in_linear_time(int digits)
    {
        using var client = SimClient.Open("bundled:default.yaml@sim", "ASRL1::INSTR");
        client.TimeoutMs = 30_000;
        var watch = Stopwatch.StartNew();

        var reply = Bounded.Run(() => client.Query("!FREQ " + new string('7', digits)), $"!FREQ with {digits} digits");

        Assert.Equal("FREQ_ERROR", reply);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{digits} digits took {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal("100.00", client.Query("?FREQ"));
    }

    [Fact]
    public void A_long_command_that_matches_nothing_is_refused_in_linear_time()
    {
        using var client = SimClient.Open("bundled:default.yaml@sim", "ASRL1::INSTR");
        client.TimeoutMs = 30_000;
        var watch = Stopwatch.StartNew();

        var reply = Bounded.Run(() => client.Query("!FREQ " + string.Concat(Enumerable.Repeat("1.", 500_000))), "!FREQ 1.1.1.…");

        Assert.Equal("ERROR", reply);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed.TotalSeconds:F1} s");
    }
}
