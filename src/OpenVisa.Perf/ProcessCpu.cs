using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OpenVisa.Perf;

/// <summary>
/// CPU time (user + system) of the whole process, every thread included, as Python's <c>time.process_time()</c> counts
/// it, so .NET and pyvisa-py clients are measured the same way.
/// </summary>
internal static class ProcessCpu
{
    private const int ClockProcessCpuTimeId = 2; // CLOCK_PROCESS_CPUTIME_ID on Linux

    /// <summary>Seconds of CPU the process has used so far.</summary>
    public static double Seconds()
    {
        // /proc's counters (Process.TotalProcessorTime) tick in 10 ms; the clock is exact to the nanosecond.
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockProcessCpuTimeId, out var time) == 0)
            return time.Seconds + (time.Nanoseconds / 1e9);
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport, not LibraryImport: the struct is blittable, so no marshalling code is needed and the project stays safe-only.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);
}
