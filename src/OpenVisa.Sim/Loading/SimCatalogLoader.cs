using System.Globalization;
using OpenVisa.Sim.Profiles;
using OpenVisa.Sim.PyVisaSim;
using OpenVisa.Sim.Yaml;

namespace OpenVisa.Sim.Loading;

/// <summary>
/// Loads a simulator file into a <see cref="SimCatalog"/>: a pyvisa-sim file (<c>spec</c>, <c>devices</c>, <c>resources</c>,
/// with devices from other files through <c>filename</c>/<c>bundled</c>, and PyTestLab profiles through the OpenVisa key
/// <c>profile</c>), or a PyTestLab-style profile on its own. Every problem is collected with its place in the file.
/// </summary>
internal sealed class SimCatalogLoader
{
    /// <summary>The newest pyvisa-sim spec this loader reads.</summary>
    public static readonly Version Spec = new(1, 1);

    private static readonly string[] TopKeys = ["spec", "devices", "resources", "seed", "common_commands"];
    private static readonly string[] ResourceKeys = ["device", "filename", "bundled", "channel_ids", "profile"];
    private readonly ProblemList _problems = new();
    private readonly Dictionary<string, YamlMapping?> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<(string File, string Device), DeviceBlueprint?> _devices = [];
    private readonly List<DeviceBlueprint> _allDevices = [];
    private readonly Dictionary<string, SimResourceEntry> _bound = new(StringComparer.OrdinalIgnoreCase);
    private long? _seed;
    private readonly Dictionary<string, bool> _commonCommands = new(StringComparer.Ordinal);

    private readonly SimPathPolicy _paths;

    private SimCatalogLoader(SimPathPolicy paths) => _paths = paths;

    /// <summary>Loads <paramref name="path"/>; the files it names must be in its folder or in one of <paramref name="allowedFolders"/>.</summary>
    public static SimCatalog Load(string path, IEnumerable<string>? allowedFolders = null)
    {
        var loader = new SimCatalogLoader(new SimPathPolicy(path, allowedFolders));
        return loader.LoadRoot(path);
    }

    private SimCatalog LoadRoot(string path)
    {
        var resources = new List<SimResourceEntry>();
        var root = ReadFile(path, new SourceMark(path, 1, 1), "the file");
        if (root is not null)
        {
            if (root.Has("simulation") && !root.Has("devices") && !root.Has("resources") && !root.Has("spec"))
                LoadProfileFile(root, path, resources);
            else
                LoadPyVisaSimFile(root, path, resources);
        }
        return new SimCatalog(path, resources, _allDevices, _problems.All);
    }

    private YamlMapping? ReadFile(string path, SourceMark from, string what)
    {
        if (_files.TryGetValue(path, out var cached))
            return cached;
        _files[path] = null;
        if (_files.Count > 1 && _paths.Refusal(path) is { } refusal)
        {
            _problems.Error(from, $"{what} cannot be loaded: {refusal}");
            return null;
        }
        var text = SimFiles.ReadText(path, out var error);
        if (text is null)
        {
            _problems.Error(from, $"{what} cannot be loaded: {error}");
            return null;
        }
        YamlNode? node;
        try
        {
            node = YamlTreeReader.Read(text, path);
        }
        catch (YamlSyntaxException e)
        {
            _problems.Error(e.Mark, e.Message);
            return null;
        }
        if (node is null)
        {
            _problems.Error(new SourceMark(path, 1, 1), "the file is empty; a pyvisa-sim file starts with spec: \"1.1\", a profile has a simulation: section");
            return null;
        }
        if (node is not YamlMapping map)
        {
            _problems.Error(node.Mark, $"the file must hold a mapping (spec:, devices:, resources:), not {node.Kind}");
            return null;
        }
        return _files[path] = map;
    }

    private void LoadProfileFile(YamlMapping root, string path, List<SimResourceEntry> resources)
    {
        if (LoadProfile(root, path) is not { } blueprint)
            return;
        var profile = ((ProfileBlueprint)blueprint).Profile;
        var slug = new string(profile.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var fallback = $"TCPIP0::sim-{(slug.Length == 0 ? "instrument" : slug)}::inst0::INSTR";
        var name = profile.Address is { } address && SimResourceNames.TryDescribe(address, out _, out _) ? address : fallback;
        Bind(name, blueprint, null, profile.Mark, resources);
    }

    private DeviceBlueprint? LoadProfile(YamlMapping root, string path)
    {
        if (_devices.TryGetValue((path, ""), out var cached))
            return cached;
        var profile = ProfileLoader.Load(root, path, _problems, _paths);
        DeviceBlueprint? blueprint = profile is null ? null : new ProfileBlueprint(profile);
        _devices[(path, "")] = blueprint;
        if (blueprint is not null)
            _allDevices.Add(blueprint);
        return blueprint;
    }

    private bool CheckSpec(YamlMapping root, string path, bool isRoot)
    {
        var specNode = root.Get("spec");
        if (specNode is null)
        {
            _problems.Error(root.Mark, $"{path} does not specify a spec version; start it with spec: \"1.1\"");
            return false;
        }
        var parts = (specNode as YamlScalar)?.Value.Split('.');
        var numbers = new List<int>();
        foreach (var part in parts ?? [])
        {
            if (!PyInt.TryParse(part, 10, out var number) || number is < 0 or > int.MaxValue)
            {
                numbers.Clear();
                break;
            }
            numbers.Add((int)number);
        }
        if (numbers.Count == 0)
        {
            _problems.Error(specNode.Mark, $"Invalid spec version format. Expect 'X.Y' (X and Y integers), found '{(specNode as YamlScalar)?.Value ?? specNode.Kind}'");
            return false;
        }
        var newer = numbers[0] > Spec.Major || (numbers[0] == Spec.Major && numbers.Count > 1 && (numbers[1] > Spec.Minor || (numbers[1] == Spec.Minor && numbers.Skip(2).Any(n => n > 0))));
        if (newer)
        {
            _problems.Error(specNode.Mark, $"the spec version of the file is {string.Join('.', numbers)} but this simulator reads pyvisa-sim spec {Spec} at most");
            return false;
        }
        if (numbers[0] != Spec.Major)
        {
            _problems.Error(specNode.Mark, $"invalid spec version {string.Join('.', numbers)}{(isRoot ? "" : $" in {path}")}: expected major version {Spec.Major}");
            return false;
        }
        return true;
    }

    private void LoadPyVisaSimFile(YamlMapping root, string path, List<SimResourceEntry> resources)
    {
        _problems.UnknownKeys(root, "the file", TopKeys);
        if (!CheckSpec(root, path, isRoot: true))
            return;
        if (YamlRead.Scalar(root.Get("seed"), _problems, "seed") is { } seed)
        {
            if (long.TryParse(seed.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                _seed = value;
            else
                _problems.Error(seed.Mark, $"seed: '{seed.Value}' must be a whole number");
        }
        _commonCommands[path] = CommonCommands(root, _problems);
        var devices = YamlRead.Mapping(root.Get("devices"), _problems, "devices");
        if (YamlRead.Mapping(root.Get("resources"), _problems, "resources") is { } bindings)
        {
            foreach (var (key, value) in bindings.Distinct())
            {
                if (YamlRead.Mapping(value, _problems, $"resource '{key.Value}'") is { } binding)
                    LoadBinding(key, binding, path, resources);
            }
        }
        // Every device of the file is checked, not only those a resource names; but pyvisa-sim builds only the devices
        // resources name, so a device no resource uses cannot stop the file from loading: its errors become warnings.
        if (devices is null)
            return;
        foreach (var (key, _) in devices.Distinct())
        {
            if (_devices.ContainsKey((path, key.Value)))
                continue;
            var unused = new ProblemList();
            if (YamlRead.Mapping(devices.Get(key.Value), unused, $"device '{key.Value}'") is { } map)
            {
                var definition = DeviceLoader.Load(key.Value, map, path, unused);
                _allDevices.Add(new PyVisaSimBlueprint(definition));
            }
            _devices[(path, key.Value)] = null;
            foreach (var problem in unused.All)
            {
                _problems.Add(problem.Severity == SimProblemSeverity.Error
                    ? problem with { Severity = SimProblemSeverity.Warning, Message = $"{problem.Message} (no resource uses device '{key.Value}', so pyvisa-sim never builds it and the file still loads)" }
                    : problem);
            }
        }
    }

    /// <summary>The OpenVisa key <c>common_commands</c> of a file: true makes its devices answer the common commands they do not define.</summary>
    private static bool CommonCommands(YamlMapping root, ProblemList problems)
    {
        if (YamlRead.Scalar(root.Get("common_commands"), problems, "common_commands") is not { } node)
            return false;
        switch (node.Value)
        {
            case "true" or "True":
                return true;
            case "false" or "False":
                return false;
            default:
                problems.Error(node.Mark, $"common_commands: '{node.Value}' must be true or false (true: the simulator answers *IDN?, *RST, *CLS, *ESR?, *OPC?, SYST:ERR? … that the devices do not define)");
                return false;
        }
    }

    private void LoadBinding(YamlScalar key, YamlMapping binding, string path, List<SimResourceEntry> resources)
    {
        _problems.UnknownKeys(binding, $"resource '{key.Value}'", ResourceKeys);
        DeviceBlueprint? blueprint;
        if (YamlRead.Scalar(binding.Get("profile"), _problems, "profile") is { } profileNode)
        {
            if (binding.Has("device"))
                _problems.Warning(binding.KeyNode("device")!.Mark, $"resource '{key.Value}' names a profile, so its device is not used");
            var profilePath = SimFiles.Resolve(path, profileNode.Value, SimFiles.IsBundled(path));
            var profileRoot = ReadFile(profilePath, profileNode.Mark, $"the profile '{profileNode.Value}' of resource '{key.Value}'");
            blueprint = profileRoot is null ? null : LoadProfile(profileRoot, profilePath);
        }
        else
        {
            if (YamlRead.Scalar(binding.Get("device"), _problems, "device") is not { } deviceNode)
            {
                _problems.Error(key.Mark, $"resource '{key.Value}' needs 'device', the name of a device under devices:");
                return;
            }
            var file = path;
            var fileRoot = ReadFile(path, key.Mark, "the file");
            if (YamlRead.Scalar(binding.Get("filename"), _problems, "filename") is { } fileNode)
            {
                var bundledNode = YamlRead.Scalar(binding.Get("bundled"), _problems, "bundled");
                // pyvisa-sim treats any non-empty text as true, even "false".
                var bundled = bundledNode is { Value.Length: > 0 };
                if (bundledNode is { Value: "false" or "False" or "no" or "0" })
                    _problems.Warning(bundledNode.Mark, $"bundled: {bundledNode.Value} counts as true (pyvisa-sim takes any non-empty text as true); remove the key for a file of your own");
                if (SimFiles.IsBundled(path) && !bundled)
                {
                    _problems.Error(fileNode.Mark, "Only other bundled files can be loaded from bundled files.");
                    return;
                }
                file = SimFiles.Resolve(path, fileNode.Value, bundled);
                fileRoot = ReadFile(file, fileNode.Mark, $"the file '{fileNode.Value}' of resource '{key.Value}'");
                if (fileRoot is null || !CheckSpec(fileRoot, file, isRoot: false))
                    return;
            }
            if (fileRoot is null)
                return;
            blueprint = Device(file, deviceNode.Value, fileRoot, deviceNode.Mark);
        }
        if (blueprint is null)
            return;
        Dictionary<string, IReadOnlyList<string>>? channelIds = null;
        if (YamlRead.Mapping(binding.Get("channel_ids"), _problems, "channel_ids") is { } idsMap)
        {
            channelIds = [];
            foreach (var (group, ids) in idsMap.Distinct())
            {
                channelIds[group.Value] = YamlRead.ScalarList(ids, _problems, $"channel_ids of '{group.Value}'").Select(s => s.Value).ToList();
                if (blueprint is PyVisaSimBlueprint { Device: var device } && device.Channels.All(c => c.Name != group.Value))
                    _problems.Warning(group.Mark, $"channel_ids names the channel group '{group.Value}', which device '{device.Name}' does not have ({(device.Channels.Count == 0 ? "it has none" : string.Join(", ", device.Channels.Select(c => c.Name)))})");
            }
        }
        Bind(key.Value, blueprint, channelIds, key.Mark, resources);
    }

    private void Bind(string name, DeviceBlueprint blueprint, IReadOnlyDictionary<string, IReadOnlyList<string>>? channelIds, SourceMark mark, List<SimResourceEntry> resources)
    {
        if (!SimResourceNames.TryDescribe(name, out var resource, out var error))
        {
            _problems.Error(mark, $"'{name}' is not a valid VISA resource name: {error}");
            return;
        }
        // Looked up by name, not by scanning the list: a file of 100,000 resources took 69 s to check.
        if (_bound.TryGetValue(resource.Canonical, out var previous))
            _problems.Warning(mark, $"resource '{name}' is the same resource as the one at line {previous.Mark.Line} ({resource.Canonical}); this one replaces it");
        var eom = blueprint.EomFor(resource.Interface, resource.ResourceClass);
        if (eom is null)
        {
            _problems.Warning(mark, $"device '{blueprint.Name}' has no eom for '{InterfaceNames.NameOf(resource.Interface)} {resource.ResourceClass}', so resource '{name}' uses LF to end queries and replies (as pyvisa-sim does)");
            eom = new EndOfMessage("\n"u8.ToArray(), "\n"u8.ToArray());
        }
        if (previous is not null)
            resources.Remove(previous);
        var entry = new SimResourceEntry(resource.Canonical, resource.Interface, resource.ResourceClass, resource.Board, blueprint, eom, channelIds, mark);
        resources.Add(entry);
        _bound[resource.Canonical] = entry;
    }

    private DeviceBlueprint? Device(string file, string name, YamlMapping root, SourceMark from)
    {
        if (_devices.TryGetValue((file, name), out var cached))
            return cached;
        _devices[(file, name)] = null;
        var devices = root.Get("devices") as YamlMapping;
        if (devices?.Get(name) is not { } node)
        {
            var known = devices is null ? "it defines no devices" : $"it defines: {string.Join(", ", devices.Distinct().Select(d => $"'{d.Key.Value}'"))}";
            _problems.Error(from, $"the resource points at device '{name}', which {file} does not define ({known})");
            return null;
        }
        if (YamlRead.Mapping(node, _problems, $"device '{name}'") is not { } map)
            return null;
        var errorsBefore = _problems.ErrorCount;
        var definition = DeviceLoader.Load(name, map, file, _problems);
        definition.Seed = _seed;
        if (!_commonCommands.TryGetValue(file, out var common))
            _commonCommands[file] = common = CommonCommands(root, new ProblemList());
        definition.CommonCommands = common;
        DeviceBlueprint? blueprint = _problems.ErrorCount > errorsBefore ? null : new PyVisaSimBlueprint(definition);
        _devices[(file, name)] = blueprint;
        _allDevices.Add(blueprint ?? new PyVisaSimBlueprint(definition));
        return blueprint;
    }
}
