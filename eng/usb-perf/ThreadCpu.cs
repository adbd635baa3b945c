using System.Runtime.InteropServices;

namespace UsbPerf;

/// <summary>
/// The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, as raw_client.c reads it): on a
/// loaded machine the wall clock also counts the time other processes ran, and the process's CPU time counts the JIT,
/// the GC and the interrupt-pump thread.
/// </summary>
internal static unsafe partial class ThreadCpu
{
    private const int ThreadCpuTimeClock = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, TimeSpec* time);

    /// <summary>Seconds of CPU the calling thread has used.</summary>
    public static double Seconds()
    {
        TimeSpec time;
        if (ClockGetTime(ThreadCpuTimeClock, &time) != 0)
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return time.Seconds + time.Nanoseconds / 1e9;
    }
}
