using System.Diagnostics;

namespace OpenVisa.Managed.Tests.Faults;

/// <summary>Runs a call that must fail under a fault, and checks it failed with a <see cref="VisaException"/> in time.</summary>
internal static class TimedFailure
{
    /// <summary>
    /// Runs <paramref name="call"/> on the thread pool; it must throw a <see cref="VisaException"/> within
    /// <paramref name="timeout"/> plus <paramref name="margin"/> (a loaded machine's slack), which is returned.
    /// </summary>
    public static VisaException Of(Func<string> call, TimeSpan timeout, TimeSpan margin)
    {
        var watch = Stopwatch.StartNew();
        var task = Task.Run(call);
        Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(timeout + margin + margin), "the call hung past its timeout");
        Assert.True(task.IsFaulted, $"the call returned \"{(task.IsCompletedSuccessfully ? task.Result : "")}\" instead of failing");
        var e = Assert.IsType<VisaException>(task.Exception!.InnerException);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, timeout + margin);
        return e;
    }
}
