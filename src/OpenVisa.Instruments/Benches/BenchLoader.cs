using OpenVisa.Instruments.Drivers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpenVisa.Instruments.Benches;

/// <summary>
/// Reads <c>bench.yaml</c> files: PyTestLab's fields, validated with located messages (file, line, field). Nothing in a
/// bench file is ever executed: <c>custom_validations</c> and <c>automation</c> are reported as ignored.
/// </summary>
public static class BenchLoader
{
    private static readonly string[] TopFields =
    [
        "bench_name", "description", "version", "last_modified", "changelog", "experiment", "simulate", "backend_defaults",
        "continue_on_instrument_error", "continue_on_automation_error", "instruments", "custom_validations", "automation",
        "traceability", "measurement_plan", "devices", "accessories", "routes",
    ];

    private static readonly string[] ExperimentFields = ["title", "description", "operator", "date", "notes", "database_path"];

    private static readonly string[] InstrumentFields =
    [
        "driver", "profile", "address", "serial_number", "simulate", "backend", "backend_type_hint", "sim_profile", "safety_limits",
        "description", "notes",
    ];

    private static readonly string[] BackendFields = ["type", "timeout_ms", "url"];

    private static readonly string[] LimitFields = ["min", "max"];

    /// <summary>Reads and validates a bench file; throws <see cref="BenchFileException"/> listing every error.</summary>
    public static BenchFile Load(string path, DriverCatalog? drivers = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            // Bounded and regular files only: /dev/zero would fill memory, a FIFO would block for ever.
            text = InputFile.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BenchFileException(path, [new BenchProblem(path, 0, 0, "", $"the file cannot be read: {e.Message}")]);
        }
        return Parse(text, path, drivers);
    }

    /// <summary>Validates a bench file and returns every problem found, errors and warnings, without throwing.</summary>
    public static IReadOnlyList<BenchProblem> Check(string path, DriverCatalog? drivers = null)
    {
        try
        {
            return Load(path, drivers).Warnings;
        }
        catch (BenchFileException e)
        {
            return e.Problems;
        }
    }

    /// <summary>Reads and validates bench-file text; <paramref name="path"/> names it in messages and anchors relative paths.</summary>
    public static BenchFile Parse(string text, string path, DriverCatalog? drivers = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        drivers ??= DriverCatalog.Default;
        var fields = new YamlFields(path);
        var stream = new YamlStream();
        try
        {
            if (BenchYamlGuard.Check(text, path) is { } limit)
                throw new BenchFileException(path, [limit]);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line;
            throw new BenchFileException(path, [new BenchProblem(path, line, (int)e.Start.Column, "", $"this is not valid YAML: {e.InnerException?.Message ?? e.Message}")]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these (not YamlException) for some malformed text, such as "      : {\n0".
            throw new BenchFileException(path, [new BenchProblem(path, 1, 1, "", $"this is not valid YAML (no line known; YamlDotNet says: {e.Message}); check the indentation and brackets")]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var node = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            fields.Error(node, "", "a bench file is a mapping with bench_name and instruments, but this file " + (node is null ? "is empty" : $"holds {YamlFields.Describe(node)}"));
            throw new BenchFileException(path, fields.Problems);
        }
        var bench = Read(root, path, fields, drivers);
        if (fields.HasErrors || bench is null)
            throw new BenchFileException(path, fields.Problems);
        return bench with { Warnings = [.. fields.Problems] };
    }

    private static BenchFile? Read(YamlMappingNode root, string path, YamlFields fields, DriverCatalog drivers)
    {
        fields.UnknownKeys(root, "", TopFields);
        var name = fields.String(YamlFields.Get(root, "bench_name"), "bench_name");
        if (name is null || name.Trim().Length == 0)
            fields.Error(YamlFields.Get(root, "bench_name") ?? root, "bench_name", "every bench needs a bench_name");
        foreach (var (key, why) in new[]
        {
            ("custom_validations", "OpenVisa never evaluates expressions from a bench file, so these checks are not run"),
            ("automation", "OpenVisa runs no hooks or shell commands from a bench file, so these steps are not run"),
            ("continue_on_automation_error", "there is no automation to continue"),
            ("devices", "only instruments: are opened"),
            ("accessories", "accessories are not modelled"),
            ("routes", "routes are not modelled"),
        })
        {
            if (YamlFields.Get(root, key) is { } node)
                fields.Warning(node, key, "ignored: " + why);
        }
        var simulateNode = YamlFields.Get(root, "simulate");
        var simulate = fields.Bool(simulateNode, "simulate");
        var instruments = ReadInstruments(YamlFields.Get(root, "instruments"), root, path, fields, drivers);
        return new BenchFile
        {
            Path = path,
            Name = name ?? "",
            Description = fields.String(YamlFields.Get(root, "description"), "description"),
            Version = fields.String(YamlFields.Get(root, "version"), "version"),
            LastModified = fields.String(YamlFields.Get(root, "last_modified"), "last_modified"),
            Changelog = fields.StringList(YamlFields.Get(root, "changelog"), "changelog"),
            Experiment = ReadExperiment(YamlFields.Get(root, "experiment"), fields),
            Simulate = simulate is { } s ? new BenchSetting<bool>(s, YamlFields.LineOf(simulateNode)) : null,
            BackendDefaults = ReadBackend(YamlFields.Get(root, "backend_defaults"), "backend_defaults", fields),
            ContinueOnInstrumentError = fields.Bool(YamlFields.Get(root, "continue_on_instrument_error"), "continue_on_instrument_error") ?? false,
            Instruments = instruments,
            Traceability = YamlFields.Plain(fields.Mapping(YamlFields.Get(root, "traceability"), "traceability")),
            MeasurementPlan = YamlFields.Plain(YamlFields.Get(root, "measurement_plan")),
        };
    }

    private static BenchExperiment? ReadExperiment(YamlNode? node, YamlFields fields)
    {
        if (fields.Mapping(node, "experiment") is not { } map)
            return null;
        fields.UnknownKeys(map, "experiment", ExperimentFields);
        string? Field(string key) => fields.String(YamlFields.Get(map, key), "experiment." + key);
        return new BenchExperiment(Field("title"), Field("description"), Field("operator"), Field("date"), Field("notes"), Field("database_path"));
    }

    private static BenchBackend? ReadBackend(YamlNode? node, string field, YamlFields fields)
    {
        if (fields.Mapping(node, field) is not { } map)
            return null;
        fields.UnknownKeys(map, field, BackendFields, BenchSeverity.Warning);
        var type = fields.String(YamlFields.Get(map, "type"), field + ".type");
        if (type is not null && !BackendTypes.IsValid(type))
            fields.Error(YamlFields.Get(map, "type"), field + ".type", $"'{type}' is not a backend type; use {BackendTypes.Known}, another backend's name, or a spec such as file.yaml@sim");
        var timeout = fields.PositiveInteger(YamlFields.Get(map, "timeout_ms"), field + ".timeout_ms");
        var url = fields.String(YamlFields.Get(map, "url"), field + ".url");
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
            fields.Error(YamlFields.Get(map, "url"), field + ".url", $"'{url}' is not an http or https URL; give the server's address, e.g. http://lab-pc:8000");
        return new BenchBackend(type, timeout, YamlFields.LineOf(node), url);
    }

    private static List<BenchInstrument> ReadInstruments(YamlNode? node, YamlMappingNode root, string path, YamlFields fields, DriverCatalog drivers)
    {
        var result = new List<BenchInstrument>();
        if (node is null)
        {
            fields.Error(root, "instruments", "every bench needs instruments: a mapping from alias to driver and address");
            return result;
        }
        if (fields.Mapping(node, "instruments") is not { } map)
            return result;
        if (map.Children.Count == 0)
            fields.Error(map, "instruments", "the bench has no instruments");
        foreach (var (keyNode, value) in map.Children)
        {
            var alias = (keyNode as YamlScalarNode)?.Value ?? "";
            var field = "instruments." + alias;
            if (!InstrumentNames.IsValid(alias))
            {
                fields.Error(keyNode, field, $"'{alias}' is not a valid instrument alias: use letters, digits and '_', not starting with a digit (for example '{InstrumentNames.Suggest(alias)}')");
                continue;
            }
            if (fields.Mapping(value, field) is not { } entry)
            {
                if (value is YamlScalarNode scalar && YamlFields.IsNull(scalar))
                    fields.Error(value, field, "the entry is empty; give at least a driver");
                continue;
            }
            if (ReadInstrument(alias, entry, field, path, fields, drivers) is { } instrument)
                result.Add(instrument);
        }
        return result;
    }

    private static BenchInstrument? ReadInstrument(string alias, YamlMappingNode entry, string field, string path, YamlFields fields, DriverCatalog drivers)
    {
        fields.UnknownKeys(entry, field, InstrumentFields);
        var driverNode = YamlFields.Get(entry, "driver");
        var profileNode = YamlFields.Get(entry, "profile");
        var driver = fields.String(driverNode, field + ".driver");
        var profile = fields.String(profileNode, field + ".profile");
        if (driver is not null && profile is not null && !string.Equals(driver, profile, StringComparison.OrdinalIgnoreCase))
            fields.Error(profileNode, field + ".profile", $"both driver '{driver}' and profile '{profile}' are given; give one (profile is PyTestLab's name for driver)");
        var key = driver ?? profile;
        var keyNode = driverNode ?? profileNode;
        if (key is not null && Drivers.Yaml.YamlDriver.IsDriverFile(key))
        {
            // A YAML driver file, relative to the bench file; its own problems are reported here, located in it.
            key = System.IO.Path.GetFullPath(key, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".");
            var driverProblems = Drivers.Yaml.YamlDriverLoader.Check(key);
            foreach (var problem in driverProblems.Where(p => p.Severity == BenchSeverity.Error))
                fields.Error(keyNode, field + ".driver", $"the driver file has an error: {problem}");
        }
        else if (key is null)
        {
            fields.Error(entry, field, "no driver: add driver: with one of " + string.Join(", ", drivers.All.Select(d => d.Key)));
        }
        else if (!drivers.TryFind(key, out _))
        {
            fields.Error(keyNode, field + (driverNode is null ? ".profile" : ".driver"),
                $"there is no driver '{key}'; known drivers: {string.Join(", ", drivers.All.Select(d => d.Key))}");
        }
        var address = fields.String(YamlFields.Get(entry, "address"), field + ".address");
        if (address is not null && address.Trim().Length == 0)
            fields.Error(YamlFields.Get(entry, "address"), field + ".address", "the address is empty; remove it or give a resource name such as TCPIP0::192.168.1.5::INSTR");
        else if (address is not null && BenchAddresses.Check(address.Trim()) is { } addressProblem)
        {
            if (addressProblem.IsError)
                fields.Error(YamlFields.Get(entry, "address"), field + ".address", addressProblem.Message);
            else
                fields.Warning(YamlFields.Get(entry, "address"), field + ".address", addressProblem.Message);
        }
        var simulateNode = YamlFields.Get(entry, "simulate");
        var simulate = fields.Bool(simulateNode, field + ".simulate");
        var hintNode = YamlFields.Get(entry, "backend_type_hint");
        var hint = fields.String(hintNode, field + ".backend_type_hint");
        if (hint is not null && !BackendTypes.IsValid(hint))
            fields.Error(hintNode, field + ".backend_type_hint", $"'{hint}' is not a backend type; use {BackendTypes.Known}, another backend's name, or a spec such as file.yaml@sim");
        var simProfileNode = YamlFields.Get(entry, "sim_profile");
        var simProfile = fields.String(simProfileNode, field + ".sim_profile");
        if (simProfile is not null)
        {
            simProfile = System.IO.Path.GetFullPath(simProfile, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".");
            if (!File.Exists(simProfile))
                fields.Error(simProfileNode, field + ".sim_profile", $"the simulator file '{simProfile}' does not exist");
        }
        return new BenchInstrument
        {
            Alias = alias,
            Driver = key ?? "",
            Address = address?.Trim(),
            SerialNumber = fields.String(YamlFields.Get(entry, "serial_number"), field + ".serial_number"),
            Simulate = simulate is { } s ? new BenchSetting<bool>(s, YamlFields.LineOf(simulateNode)) : null,
            Backend = ReadBackend(YamlFields.Get(entry, "backend"), field + ".backend", fields),
            BackendTypeHint = hint is null ? null : new BenchSetting<string>(hint, YamlFields.LineOf(hintNode)),
            SimProfile = simProfile,
            SafetyLimits = ReadSafetyLimits(YamlFields.Get(entry, "safety_limits"), field + ".safety_limits", fields),
            Line = YamlFields.LineOf(entry),
        };
    }

    private static List<BenchSafetyLimit> ReadSafetyLimits(YamlNode? node, string field, YamlFields fields)
    {
        var limits = new List<BenchSafetyLimit>();
        if (fields.Mapping(node, field) is not { } map)
            return limits;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var path = YamlFields.Join(field, key);
            if (key == "bandwidth_limit")
            {
                fields.Warning(keyNode, path, "ignored: bandwidth_limit names no parameter; bound the parameter itself, e.g. bandwidth: {max: 20e6}");
                continue;
            }
            if (key == "channels")
            {
                if (fields.Mapping(value, path) is not { } channels)
                    continue;
                foreach (var (channelNode, parameters) in channels.Children)
                {
                    var channel = (channelNode as YamlScalarNode)?.Value ?? "";
                    var channelPath = YamlFields.Join(path, channel);
                    if (fields.Mapping(parameters, channelPath) is not { } parameterMap)
                        continue;
                    foreach (var (parameterNode, bounds) in parameterMap.Children)
                        ReadLimit(channel, (parameterNode as YamlScalarNode)?.Value ?? "", parameterNode, bounds, channelPath, fields, limits);
                }
                continue;
            }
            ReadLimit(null, key, keyNode, value, field, fields, limits);
        }
        return limits;
    }

    private static void ReadLimit(string? channel, string parameter, YamlNode parameterNode, YamlNode bounds, string parentPath, YamlFields fields, List<BenchSafetyLimit> limits)
    {
        var path = YamlFields.Join(parentPath, parameter);
        if (!InstrumentNames.IsValid(parameter))
        {
            fields.Error(parameterNode, path, $"'{parameter}' is not a parameter name");
            return;
        }
        if (bounds is YamlScalarNode)
        {
            fields.Error(bounds, path, $"expected min and/or max, e.g. {parameter}: {{max: 5.5}}, found {YamlFields.Describe(bounds)}");
            return;
        }
        if (fields.Mapping(bounds, path) is not { } map)
            return;
        fields.UnknownKeys(map, path, LimitFields);
        var minNode = YamlFields.Get(map, "min");
        var maxNode = YamlFields.Get(map, "max");
        if (minNode is null && maxNode is null)
        {
            fields.Error(map, path, "a safety limit needs min, max or both");
            return;
        }
        var min = fields.Number(minNode, path + ".min");
        var max = fields.Number(maxNode, path + ".max");
        if (min is null && max is null)
            return;
        if (min > max)
        {
            fields.Error(map, path, $"min {min} is above max {max}");
            return;
        }
        limits.Add(new BenchSafetyLimit(channel, parameter, min, max, path, YamlFields.LineOf(parameterNode)));
    }
}
