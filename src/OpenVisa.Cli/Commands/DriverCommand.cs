using System.CommandLine;
using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Drivers;
using OpenVisa.Instruments.Drivers.Yaml;
using OpenVisa.Instruments.Interfaces;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// <c>ovisa driver check FILE…</c> validates YAML driver files (every problem with file, line and column);
/// <c>ovisa driver list</c> lists the drivers bench files can name, C# and YAML.
/// </summary>
internal static class DriverCommand
{
    public static Command Create(CliContext context)
    {
        var driver = new Command("driver", "Instrument drivers: check YAML driver files, list the known drivers");
        driver.Subcommands.Add(Check(context));
        driver.Subcommands.Add(List(context));
        return driver;
    }

    private static Command Check(CliContext context)
    {
        var files = new Argument<string[]>("files") { Description = "YAML driver files, e.g. drivers/acme_ps100.yaml", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Validate YAML driver files and print what each defines") { files };
        command.SetAction(parsed => RunCheck(context, parsed.GetValue(files)!));
        return command;
    }

    private static Command List(CliContext context)
    {
        var files = new Argument<string[]>("files") { Description = "YAML driver files to list besides the built-in drivers", Arity = ArgumentArity.ZeroOrMore };
        var check = new Option<bool>("--check") { Description = "Also open each driver on its simulation profile and run its interface check (slower)" };
        var command = new Command("list", "List the drivers: key, kind (C# or YAML), interface, simulation profile") { files, check };
        command.SetAction(parsed => RunList(context, parsed.GetValue(files) ?? [], parsed.GetValue(check)));
        return command;
    }

    private static int RunCheck(CliContext context, string[] files)
    {
        var results = new List<object>();
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                var definition = YamlDriverLoader.Load(file);
                var channels = definition.Channels.Sum(c => c.Ids.Count);
                var parameters = definition.Parameters.Count + definition.Channels.Sum(c => c.Ids.Count * c.Parameters.Count);
                results.Add(new { file, valid = true, driver = definition.Key, @interface = definition.Interface, parameters, channels, functions = definition.Functions.Count, problems = Array.Empty<object>() });
                if (!context.Json)
                {
                    context.Out.WriteLine($"{file}: driver {definition.Key} ({definition.Description}), valid: {parameters} parameter{(parameters == 1 ? "" : "s")}, " +
                        $"{channels} channel{(channels == 1 ? "" : "s")}, {definition.Functions.Count} function{(definition.Functions.Count == 1 ? "" : "s")}" +
                        (definition.Interface is null ? "" : $", declares {definition.Interface}") +
                        (definition.SimulationProfile is null ? ", no simulation profile" : $", simulated by {definition.SimulationProfile}"));
                }
            }
            catch (DriverFileException e)
            {
                failed++;
                results.Add(new { file, valid = false, driver = (string?)null, @interface = (string?)null, parameters = 0, channels = 0, functions = 0, problems = e.Problems.Select(Problem).ToArray() });
                if (!context.Json)
                {
                    foreach (var problem in e.Problems)
                        context.Error.WriteLine(problem);
                    context.Out.WriteLine($"{file}: {e.Problems.Count(p => p.Severity == BenchSeverity.Error)} error(s)");
                }
            }
        }
        if (context.Json)
            context.WriteJson(new { valid = failed == 0, files = results });
        return failed == 0 ? CliApp.Ok : CliApp.BadUsage;
    }

    private static int RunList(CliContext context, string[] files, bool check)
    {
        var drivers = new List<DriverInfo>(DriverCatalog.Default.All);
        foreach (var file in files)
        {
            try
            {
                drivers.Add(YamlDriver.Load(file));
            }
            catch (DriverFileException e)
            {
                foreach (var problem in e.Problems)
                    context.Error.WriteLine(problem);
                return CliApp.BadUsage;
            }
        }
        var rows = drivers.Select(d => new
        {
            key = d.Key,
            kind = d.Yaml is null ? "C#" : "YAML",
            @interface = Interface(d),
            description = d.Description,
            simulationProfile = d.SimulationProfileFile ?? d.SimulationProfile,
            file = d.DriverFile,
            check = check ? CheckOnProfile(d) : null,
        }).ToList();
        if (context.Json)
        {
            context.WriteJson(new { drivers = rows });
            return CliApp.Ok;
        }
        var width = rows.Max(r => r.key.Length);
        foreach (var row in rows)
        {
            context.Out.WriteLine($"{row.key.PadRight(width)}  {row.kind,-4}  {(row.@interface ?? "-"),-22}  " +
                (row.check is null ? "" : $"{row.check.Result,-10}  ") + row.description);
            foreach (var problem in row.check?.Problems ?? [])
                context.Out.WriteLine($"    {problem}");
        }
        return CliApp.Ok;
    }

    /// <summary>
    /// Opens <paramref name="driver"/> on its simulation profile and runs the interface check on it, definitions and
    /// a read of every declared parameter: "passes", "fails" with the problems, or "no profile".
    /// </summary>
    private static DriverCheck CheckOnProfile(DriverInfo driver)
    {
        if (driver.SimulationProfilePath() is null)
            return new DriverCheck("no profile", []);
        try
        {
            using var instrument = driver.Open($"driver_check_{Environment.ProcessId}_{Interlocked.Increment(ref _checks)}", simulate: true);
            IReadOnlyList<string> problems = [.. InterfaceCheck.Check(instrument), .. InterfaceCheck.CheckAgainstInstrument(instrument)];
            return new DriverCheck(problems.Count == 0 ? "passes" : "fails", problems);
        }
        catch (Exception e) when (e is VisaException or InvalidOperationException or ArgumentException or IOException or DriverFileException)
        {
            return new DriverCheck("fails", [$"opening it on its simulation profile failed: {e.Message}"]);
        }
    }

    private static int _checks;

    /// <summary>What <c>driver list --check</c> found for one driver.</summary>
    private sealed record DriverCheck(string Result, IReadOnlyList<string> Problems);

    /// <summary>The instrument interface a driver implements (C#) or declares (YAML).</summary>
    private static string? Interface(DriverInfo driver)
    {
        if (driver.Yaml is not null)
            return driver.Yaml.Interface;
        return InterfaceCheck.InterfacesOf(driver.InstrumentType)
            .Where(i => i != typeof(IInstrument))
            .Select(i => i.Name)
            .OrderBy(n => n, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static object Problem(BenchProblem p) =>
        new { line = p.Line, column = p.Column, field = p.Field, severity = p.Severity.ToString().ToLowerInvariant(), message = p.Message };
}
