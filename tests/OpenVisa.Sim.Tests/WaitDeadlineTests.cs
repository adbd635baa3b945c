using OpenVisa.Sim.Sessions;

namespace OpenVisa.Sim.Tests;

public class WaitDeadlineTests
{
    [Fact]
    public void A_passed_deadline_leaves_zero_milliseconds_never_the_minus_one_that_means_forever()
    {
        var deadline = WaitDeadline.After(TimeSpan.FromMilliseconds(1));
        Thread.Sleep(20);

        Assert.True(deadline.IsOver);
        Assert.Equal(0, deadline.RemainingMilliseconds);
        Assert.Equal(TimeSpan.Zero, deadline.Remaining);
    }

    [Fact]
    public void An_infinite_timeout_never_ends()
    {
        var deadline = WaitDeadline.After(Timeout.InfiniteTimeSpan);

        Assert.False(deadline.IsOver);
        Assert.Equal(Timeout.Infinite, deadline.RemainingMilliseconds);
        Assert.Equal(Timeout.InfiniteTimeSpan, deadline.Remaining);
    }

    [Fact]
    public void A_finite_deadline_counts_down_from_its_timeout()
    {
        var deadline = WaitDeadline.After(TimeSpan.FromSeconds(10));

        Assert.False(deadline.IsOver);
        Assert.InRange(deadline.RemainingMilliseconds, 9_000, 10_000);
    }
}
