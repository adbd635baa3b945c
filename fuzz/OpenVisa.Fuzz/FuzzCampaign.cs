using System.Diagnostics;

namespace OpenVisa.Fuzz;

/// <summary>
/// Feeds a target mutated inputs for a budget of time or inputs, on a thread of its own, and reports what happened. A
/// watchdog names the input a decoder is stuck on, so an endless loop is reported as a hang instead of hanging the run.
/// </summary>
public static class FuzzCampaign
{
    /// <summary>How many inputs pass between two health checks of the target.</summary>
    public const int HealthCheckInterval = 200;

    /// <summary>Runs <paramref name="target"/> until <paramref name="budget"/> has passed or <paramref name="maxInputs"/> were tried.</summary>
    public static FuzzReport Run(FuzzTarget target, TimeSpan budget, int seed, long maxInputs = long.MaxValue)
    {
        var mutator = new Mutator(target, seed);
        var report = new FuzzReport(target.Name, seed);
        var current = Array.Empty<byte>();
        var inputStarted = Stopwatch.GetTimestamp();
        var worker = new Thread(() =>
        {
            var total = Stopwatch.StartNew();
            foreach (var s in target.Seeds)
                Try(s);
            while (total.Elapsed < budget && report.Inputs < maxInputs)
            {
                Try(mutator.Next());
                if (report.Inputs % HealthCheckInterval == 0)
                    CheckHealth();
            }
            CheckHealth();
            report.Elapsed = total.Elapsed;
        }) { IsBackground = true, Name = "fuzz " + target.Name };

        void Try(byte[] input)
        {
            Volatile.Write(ref current, input);
            Volatile.Write(ref inputStarted, Stopwatch.GetTimestamp());
            var started = Stopwatch.GetTimestamp();
            var crash = target.RunOne(input);
            var took = Stopwatch.GetElapsedTime(started);
            report.Inputs++;
            if (crash is not null)
                report.Crashes.Add(new FuzzFinding(input, crash.GetType().Name + ": " + crash.Message, crash));
            if (took > target.HangThreshold)
                report.Hangs.Add(new FuzzFinding(input, $"took {took.TotalMilliseconds:F0} ms (limit {target.HangThreshold.TotalMilliseconds:F0} ms)", null));
            if (took > report.Slowest)
                report.Slowest = took;
            report.PeakWorkingSet = Math.Max(report.PeakWorkingSet, Environment.WorkingSet);
        }

        void CheckHealth()
        {
            try
            {
                target.CheckHealth();
            }
            catch (Exception e)
            {
                report.Crashes.Add(new FuzzFinding(Volatile.Read(ref current), "health check failed after this input: " + e.Message, e));
            }
        }

        worker.Start();
        // The budget, one hang threshold per input in flight, and a generous margin for a loaded machine.
        if (!worker.Join(budget + target.HangThreshold + TimeSpan.FromSeconds(60)))
        {
            var stuck = Stopwatch.GetElapsedTime(Volatile.Read(ref inputStarted));
            report.Hangs.Add(new FuzzFinding(Volatile.Read(ref current), $"still running after {stuck.TotalSeconds:F0} s: the decoder does not end on this input", null));
            report.Unfinished = true;
        }
        return report;
    }
}
