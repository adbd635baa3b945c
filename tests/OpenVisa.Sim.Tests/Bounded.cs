namespace OpenVisa.Sim.Tests;

/// <summary>
/// Runs a call that once looped for ever or filled memory on a thread of its own with a deadline, so a regression fails
/// one test (the thread is left behind) instead of hanging the test run.
/// </summary>
internal static class Bounded
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static T Run<T>(Func<T> call, string what)
    {
        var task = Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(task.Wait(Deadline), $"{what} did not end within {Deadline.TotalSeconds} s");
        return task.Result;
    }

    public static Exception Throws(Action call, string what) =>
        Run(() =>
        {
            try
            {
                call();
                return (Exception?)null;
            }
            catch (Exception e)
            {
                return e;
            }
        }, what) ?? throw new Xunit.Sdk.XunitException($"{what} did not throw");
}
