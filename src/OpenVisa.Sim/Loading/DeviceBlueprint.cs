using OpenVisa.Sim.Profiles;
using OpenVisa.Sim.PyVisaSim;
using OpenVisa.Sim.Runtime;
using OpenVisa.Sim.Yaml;

namespace OpenVisa.Sim.Loading;

/// <summary>A loaded device definition from which each resource makes its own instrument.</summary>
internal abstract class DeviceBlueprint(string name, string file, SourceMark mark)
{
    public string Name { get; } = name;

    public string File { get; } = file;

    public SourceMark Mark { get; } = mark;

    /// <summary>"pyvisa-sim" or "profile".</summary>
    public abstract string Dialect { get; }

    public abstract long? Seed { get; }

    /// <summary>A fresh handler: its own property values or state.</summary>
    public abstract IMessageHandler CreateHandler(IReadOnlyDictionary<string, IReadOnlyList<string>>? channelIds, PythonRandom random);

    /// <summary>The terminators for a resource of this interface and class; null when the definition has none.</summary>
    public abstract EndOfMessage? EomFor(InterfaceType type, string resourceClass);

    /// <summary>The commands the device answers, for <c>ovisa sim check</c>.</summary>
    public abstract IEnumerable<SimDialogueInfo> Describe();
}

internal sealed class PyVisaSimBlueprint(DeviceDefinition device) : DeviceBlueprint(device.Name, device.File, device.Mark)
{
    public DeviceDefinition Device { get; } = device;

    public override string Dialect => "pyvisa-sim";

    public override long? Seed => Device.Seed;

    public override IMessageHandler CreateHandler(IReadOnlyDictionary<string, IReadOnlyList<string>>? channelIds, PythonRandom random) =>
        new PyVisaSimHandler(Device, channelIds);

    public override EndOfMessage? EomFor(InterfaceType type, string resourceClass) =>
        Device.Eoms.TryGetValue((type, resourceClass), out var eom) ? eom : null;

    public override IEnumerable<SimDialogueInfo> Describe()
    {
        foreach (var d in Device.Dialogues)
            yield return new SimDialogueInfo("dialogue", d.QueryText, d.ReplyText);
        foreach (var info in DescribeProperties(Device.Properties, ""))
            yield return info;
        foreach (var r in Device.Error.Registers)
            yield return new SimDialogueInfo("status register", r.QueryText, string.Join(", ", r.Bits.Select(b => $"{b.Key} sets {b.Value}")));
        foreach (var q in Device.Error.Queues)
            yield return new SimDialogueInfo("error queue", q.QueryText, $"empty: {Text.SimText.Show(q.Default)}");
        foreach (var group in Device.Channels)
        {
            var label = $"channel {group.Name} [{string.Join(", ", group.Ids)}]{(group.CanSelect ? "" : " via selected_channel")}: ";
            foreach (var d in group.Dialogues)
                yield return new SimDialogueInfo(label + "dialogue", d.QueryText, d.ReplyText);
            foreach (var info in DescribeProperties(group.Properties, label))
                yield return info;
        }
    }

    private static IEnumerable<SimDialogueInfo> DescribeProperties(IEnumerable<PropertyDefinition> properties, string prefix)
    {
        foreach (var p in properties)
        {
            if (p.Getter is { } getter)
                yield return new SimDialogueInfo($"{prefix}get {p.Name}", getter.QueryText, getter.ReplyText);
            if (p.Setter is { } setter)
                yield return new SimDialogueInfo($"{prefix}set {p.Name}", setter.Pattern.Source, setter.Reply is null ? null : Text.SimText.Show(setter.Reply));
        }
    }
}

internal sealed class ProfileBlueprint(ProfileDefinition profile) : DeviceBlueprint(profile.Name, profile.File, profile.Mark)
{
    private static readonly EndOfMessage LineFeed = new("\n"u8.ToArray(), "\n"u8.ToArray());

    public ProfileDefinition Profile { get; } = profile;

    public override string Dialect => "profile";

    public override long? Seed => Profile.Seed;

    public override IMessageHandler CreateHandler(IReadOnlyDictionary<string, IReadOnlyList<string>>? channelIds, PythonRandom random) =>
        new ProfileHandler(Profile, random);

    public override EndOfMessage? EomFor(InterfaceType type, string resourceClass) => LineFeed;

    public override IEnumerable<SimDialogueInfo> Describe()
    {
        foreach (var rule in Profile.Rules)
        {
            var action = rule.Action;
            var reply = action.Get is not null ? $"state {action.Get.Text}"
                : action.Response is not null ? action.Response.Text
                : action.Binary is { } binary ? binary.FormulaText is not null ? $"binary {binary.DataType} block: {binary.FormulaText}" : $"binary file {binary.FilePath}"
                : null;
            var changes = string.Join(", ", action.Sets.Select(s => s.Path.Text.Length == 0 ? "reset state" : $"{s.Path.Text} = {s.Value.Text}")
                .Concat(action.Increments.Select(s => $"{s.Path.Text} += {s.Amount.Text}"))
                .Concat(action.Decrements.Select(s => $"{s.Path.Text} -= {s.Amount.Text}")));
            // Keys that read as a plain command are matched that way first, whatever else they could be.
            var kind = rule.Literal is null && rule.Pattern is { } pattern ? pattern.Kind.ToString().ToLowerInvariant() : "command";
            yield return new SimDialogueInfo(changes.Length > 0 ? $"{kind}; {changes}" : kind, rule.Key, reply);
        }
        foreach (var error in Profile.Errors)
            yield return new SimDialogueInfo("error rule", error.Pattern.Source, $"{error.Code},\"{error.Message}\"");
    }
}

/// <summary>A resource the file serves: its canonical name, interface, the device behind it and its terminators.</summary>
internal sealed record SimResourceEntry(
    string Name,
    InterfaceType Interface,
    string ResourceClass,
    int Board,
    DeviceBlueprint Blueprint,
    EndOfMessage Eom,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? ChannelIds,
    SourceMark Mark);

/// <summary>Everything one simulator file (with the files it names) serves.</summary>
internal sealed class SimCatalog(string origin, IReadOnlyList<SimResourceEntry> resources, IReadOnlyList<DeviceBlueprint> devices, IReadOnlyList<SimProblem> problems)
{
    private readonly Dictionary<string, SimResourceEntry> _byName = resources.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    public string Origin { get; } = origin;

    public IReadOnlyList<SimResourceEntry> Resources { get; } = resources;

    public IReadOnlyList<DeviceBlueprint> Devices { get; } = devices;

    public IReadOnlyList<SimProblem> Problems { get; } = problems;

    public bool TryFind(string canonicalName, out SimResourceEntry entry) => _byName.TryGetValue(canonicalName, out entry!);
}
