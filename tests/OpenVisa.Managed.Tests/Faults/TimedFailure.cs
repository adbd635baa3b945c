using System.Diagnostics;

namespace OpenVisa.Managed.Tests.Faults;

/// <summary>Runs a call that must fail under a fault, and checks it failed with a <see cref="VisaException"/> in time.</summary>
internal static class TimedFailure
{
    /// <summary>
    /// Runs <paramref name="call"/> on a thread of its own; it must throw a <see cref="VisaException"/> within
    /// <paramref name="timeout"/> plus <paramref name="margin"/> (a loaded machine's slack), which is returned.
    /// </summary>
    /// <remarks>
    /// A dedicated thread, timed from inside: on a loaded CI machine a thread-pool task can wait seconds before it
    /// starts, and that wait is the test runner's, not the call's.
    /// </remarks>
    public static VisaException Of(Func<string> call, TimeSpan timeout, TimeSpan margin)
    {
        string? result = null;
        Exception? failure = null;
        var took = TimeSpan.Zero;
        var thread = new Thread(() =>
        {
            var watch = Stopwatch.StartNew();
            try
            {
                result = call();
            }
            catch (Exception e)
            {
                failure = e;
            }
            took = watch.Elapsed;
        }) { IsBackground = true, Name = "TimedFailure" };
        thread.Start();
        Assert.True(thread.Join(timeout + margin + margin), "the call hung past its timeout");
        Assert.True(failure is not null, $"the call returned \"{result}\" instead of failing");
        var e = Assert.IsType<VisaException>(failure);
        Assert.InRange(took, TimeSpan.Zero, timeout + margin);
        return e;
    }
}
