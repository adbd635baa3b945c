using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenVisa.Instruments;
using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Drivers;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// <c>ovisa bench check FILE</c> validates a bench file and shows the backend each instrument would get;
/// <c>ovisa bench open FILE</c> opens every instrument and prints a readable status; <c>ovisa bench snapshot FILE</c>
/// opens everything and prints the JSON snapshot. <c>--simulate</c> simulates every instrument.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var bench = new Command("bench", "Bench files (bench.yaml): check, open, snapshot");
        bench.Subcommands.Add(Check(context));
        bench.Subcommands.Add(Open(context));
        bench.Subcommands.Add(Snapshot(context));
        return bench;
    }

    private static Command Check(CliContext context)
    {
        var file = FileArgument();
        var simulate = SimulateOption("Show the backends as they would be with every instrument simulated");
        var command = new Command("check", "Validate a bench file (fields, drivers, safety-limit targets) and show each instrument's backend and why") { file, simulate };
        command.SetAction(parsed => Guard(context, () => RunCheck(context, parsed.GetValue(file)!, parsed.GetValue(simulate))));
        return command;
    }

    private static Command Open(CliContext context)
    {
        var file = FileArgument();
        var simulate = SimulateOption("Simulate every instrument with its driver's simulation profile");
        var command = new Command("open", "Open every instrument of a bench file and print a readable status") { file, simulate };
        command.SetAction(parsed => Guard(context, () =>
        {
            using var opened = Bench.Open(parsed.GetValue(file)!, Options(context, parsed.GetValue(simulate)));
            if (context.Json)
                context.WriteJson(Status(opened));
            else
                context.Out.Write(opened.StatusText());
            return CliApp.Ok;
        }));
        return command;
    }

    private static Command Snapshot(CliContext context)
    {
        var file = FileArgument();
        var simulate = SimulateOption("Simulate every instrument with its driver's simulation profile");
        var command = new Command("snapshot", "Open every instrument of a bench file and print its snapshot (QCoDeS keys) as JSON") { file, simulate };
        command.SetAction(parsed => Guard(context, () =>
        {
            using var opened = Bench.Open(parsed.GetValue(file)!, Options(context, parsed.GetValue(simulate)));
            context.Out.WriteLine(SnapshotJson.ToJsonString(opened.Snapshot(SnapshotUpdate.All)));
            return CliApp.Ok;
        }));
        return command;
    }

    private static Argument<string> FileArgument() => new("file") { Description = "The bench file, e.g. bench.yaml" };

    private static Option<bool> SimulateOption(string description) => new("--simulate") { Description = description };

    private static BenchOpenOptions Options(CliContext context, bool simulate) => new()
    {
        Simulate = simulate,
        Logger = new StderrLogger(context.Error),
    };

    private static int RunCheck(CliContext context, string path, bool simulate)
    {
        var file = BenchLoader.Load(path);
        var problems = new List<BenchProblem>(file.Warnings);
        var instruments = new List<object>();
        foreach (var entry in file.Instruments)
        {
            var driver = DriverCatalog.Default.Find(entry.Driver);
            problems.AddRange(BenchSafety.Check(file, entry, driver));
            try
            {
                var choice = BackendSelector.Choose(file, entry, driver, simulate);
                if (BenchBackendReach.Check(choice, driver) is { } unreachable)
                    problems.Add(new BenchProblem(path, entry.Line, 1, "instruments." + entry.Alias, unreachable, BenchSeverity.Warning));
                instruments.Add(new { alias = entry.Alias, driver = driver.Key, backend = choice.Spec, address = choice.Address ?? driver.SimulationAddress, reason = choice.Reason });
            }
            catch (BenchOpenException e)
            {
                problems.Add(new BenchProblem(path, entry.Line, 1, "instruments." + entry.Alias, e.Message));
                instruments.Add(new { alias = entry.Alias, driver = driver.Key, backend = (string?)null, address = entry.Address, reason = e.Message });
            }
        }
        var errors = problems.Count(p => p.Severity == BenchSeverity.Error);
        if (context.Json)
        {
            context.WriteJson(new
            {
                file = path,
                benchName = file.Name,
                valid = errors == 0,
                instruments,
                problems = problems.Select(p => new { line = p.Line, column = p.Column, field = p.Field, severity = p.Severity.ToString().ToLowerInvariant(), message = p.Message }),
            });
        }
        else
        {
            foreach (var problem in problems)
                context.Error.WriteLine(problem);
            context.Out.WriteLine($"{path}: bench '{file.Name}', {file.Instruments.Count} instrument{(file.Instruments.Count == 1 ? "" : "s")}, " +
                (errors == 0 ? "valid" : $"{errors} error{(errors == 1 ? "" : "s")}"));
            foreach (var entry in instruments)
                context.Out.WriteLine("  " + Describe(entry));
        }
        return errors == 0 ? CliApp.Ok : CliApp.BadUsage;
    }

    private static string Describe(object entry)
    {
        var node = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(entry))!;
        return $"{node["alias"]}: {node["driver"]} -> {node["backend"] ?? "(none)"} {node["address"]} ({node["reason"]})";
    }

    private static object Status(Bench bench) => new
    {
        file = bench.File.Path,
        benchName = bench.File.Name,
        instruments = bench.File.Instruments.Select(entry => new
        {
            alias = entry.Alias,
            driver = entry.Driver,
            identity = bench.Instruments.TryGetValue(entry.Alias, out var instrument) && instrument.Idn.Cache.HasValue ? instrument.Idn.Cache.Value.ToString() : null,
            backend = bench.Backends.GetValueOrDefault(entry.Alias)?.Spec,
            address = bench.Backends.GetValueOrDefault(entry.Alias)?.Address,
            reason = bench.Backends.GetValueOrDefault(entry.Alias)?.Reason,
            error = bench.Failures.GetValueOrDefault(entry.Alias)?.Message,
        }),
    };

    /// <summary>Bench-file problems exit 2 with each problem on its own line; an instrument that fails to open exits 1 on a VISA error, else 2.</summary>
    private static int Guard(CliContext context, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (BenchFileException e)
        {
            foreach (var problem in e.Problems)
                context.Error.WriteLine(problem);
            return CliApp.BadUsage;
        }
        catch (BenchOpenException e)
        {
            var visa = Inner<VisaException>(e);
            context.Error.WriteLine((visa is null ? "error: " : visa.Abbreviation + ": ") + e.Message.ReplaceLineEndings(" "));
            return visa is null ? CliApp.BadUsage : CliApp.VisaError;
        }
        catch (KeyNotFoundException e)
        {
            context.Error.WriteLine("error: " + e.Message);
            return CliApp.BadUsage;
        }
    }

    private static T? Inner<T>(Exception e)
        where T : Exception
    {
        for (var current = e.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T found)
                return found;
        }
        return null;
    }

    /// <summary>Backend choices, connections and warnings on stderr, so stdout keeps only the result.</summary>
    private sealed class StderrLogger(TextWriter error) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var level = logLevel switch
            {
                LogLevel.Information => "info",
                LogLevel.Warning => "warning",
                _ => "error",
            };
            lock (error)
                error.WriteLine($"{level}: {formatter(state, exception)}");
        }
    }
}
