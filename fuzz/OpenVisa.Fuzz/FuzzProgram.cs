using System.Globalization;

namespace OpenVisa.Fuzz;

/// <summary>The fuzz program's commands: list the targets, run campaigns, replay inputs, write seeds, serve afl-fuzz.</summary>
public static class FuzzProgram
{
    private const string Usage = """
        usage: OpenVisa.Fuzz list
               OpenVisa.Fuzz run TARGET|all [--seconds N] [--seed S] [--findings DIR]
               OpenVisa.Fuzz replay TARGET FILE...
               OpenVisa.Fuzz seeds TARGET DIR
               OpenVisa.Fuzz latency TARGET [--seconds N]   (a *-server target: a healthy client's *IDN? with and without the attack)
               OpenVisa.Fuzz afl TARGET        (under afl-fuzz, after SharpFuzz instrumented the assemblies: see fuzz/afl.sh)
        """;

    /// <summary>Runs one command; the exit code is 0 when nothing crashed or hung, 1 when something did, 2 on a usage error.</summary>
    public static int Execute(string[] args)
    {
        try
        {
            return args switch
            {
                ["list"] => List(),
                ["run", var name, .. var options] => Run(name, options),
                ["replay", var name, .. var files] when files.Length > 0 => Replay(name, files),
                ["seeds", var name, var folder] => WriteSeeds(name, folder),
                ["afl", var name] => Afl(name),
                ["latency", var name, .. var options] => Latency(name, options),
                _ => UsageError("a command is missing or unknown"),
            };
        }
        catch (ArgumentException e)
        {
            return UsageError(e.Message);
        }
    }

    private static int UsageError(string problem)
    {
        Console.Error.WriteLine($"OpenVisa.Fuzz: {problem}\n{Usage}");
        return 2;
    }

    private static int List()
    {
        foreach (var name in FuzzTargets.Names)
        {
            using var target = FuzzTargets.Create(name);
            Console.WriteLine($"{name,-22} {target.Description}");
        }
        return 0;
    }

    private static int Run(string name, string[] options)
    {
        var seconds = 10.0;
        var seed = Environment.TickCount;
        string? findings = null;
        for (var i = 0; i < options.Length; i++)
        {
            var value = i + 1 < options.Length ? options[i + 1] : throw new ArgumentException($"{options[i]} needs a value");
            switch (options[i++])
            {
                case "--seconds": seconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--findings": findings = value; break;
                default: throw new ArgumentException($"unknown option {options[i - 1]}");
            }
        }
        var names = name == "all" ? FuzzTargets.Names : [name];
        var clean = true;
        foreach (var each in names)
        {
            using var target = FuzzTargets.Create(each);
            var report = FuzzCampaign.Run(target, TimeSpan.FromSeconds(seconds / names.Count), seed);
            Console.Write(report.Describe());
            if (findings is not null)
                SaveFindings(report, findings);
            clean &= report.Clean;
        }
        Console.WriteLine($"seed {seed}; repeat with --seed {seed}");
        return clean ? 0 : 1;
    }

    private static int Latency(string name, string[] options)
    {
        var seconds = options is ["--seconds", var value] ? double.Parse(value, CultureInfo.InvariantCulture) : 10;
        using var target = FuzzTargets.Create(name) as Wire.ServerWireTarget ?? throw new ArgumentException($"{name} is not a server target (socket-server, vxi11-server, hislip-server)");
        var duration = TimeSpan.FromSeconds(seconds);
        var idle = target.HealthyQueryLatencies(duration);
        var attack = Task.Run(() => FuzzCampaign.Run(target, duration, seed: 1));
        var underAttack = target.HealthyQueryLatencies(duration);
        var report = attack.GetAwaiter().GetResult();
        Console.WriteLine($"{name}: healthy *IDN? idle         {Percentiles(idle)}");
        Console.WriteLine($"{name}: healthy *IDN? under attack {Percentiles(underAttack)} ({report.Inputs:N0} hostile inputs, {report.Crashes.Count} crashes, {report.Hangs.Count} hangs)");
        return report.Clean ? 0 : 1;
    }

    private static string Percentiles(IReadOnlyList<TimeSpan> latencies)
    {
        var sorted = latencies.Order().ToArray();
        string At(double p) => $"{sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))].TotalMilliseconds:F2} ms";
        return $"{sorted.Length,7:N0} queries, p50 {At(0.5)}, p99 {At(0.99)}, max {sorted[^1].TotalMilliseconds:F1} ms";
    }

    private static void SaveFindings(FuzzReport report, string folder)
    {
        var target = Directory.CreateDirectory(Path.Combine(folder, report.Target)).FullName;
        foreach (var (finding, index) in report.Crashes.Concat(report.Hangs).Select((f, i) => (f, i)))
            File.WriteAllBytes(Path.Combine(target, $"finding-{report.Seed}-{index}.bin"), finding.Input);
    }

    private static int Replay(string name, string[] files)
    {
        using var target = FuzzTargets.Create(name);
        var clean = true;
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: accepted");
            }
            catch (Exception e) when (target.IsExpected(e))
            {
                Console.WriteLine($"{file}: refused as documented: {e.Message}");
            }
            catch (Exception e)
            {
                Console.WriteLine($"{file}: CRASH {e}");
                clean = false;
            }
        }
        return clean ? 0 : 1;
    }

    private static int WriteSeeds(string name, string folder)
    {
        using var target = FuzzTargets.Create(name);
        Directory.CreateDirectory(folder);
        foreach (var (seed, index) in target.Seeds.Select((s, i) => (s, i)))
            File.WriteAllBytes(Path.Combine(folder, $"seed-{index:D3}"), seed);
        Console.WriteLine($"{target.Seeds.Count} seeds written to {folder}");
        return 0;
    }

    private static int Afl(string name)
    {
        var target = FuzzTargets.Create(name);
        // afl-fuzz restarts the loop with each input on stdin; an unexpected exception escapes and afl records a crash.
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            if (target.RunOne(buffer.ToArray()) is { } crash)
                throw crash;
        });
        return 0;
    }
}
