using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>The value types a YAML driver's parameters can hold.</summary>
public enum YamlValueType
{
    /// <summary>A real number (<c>double</c>); the default.</summary>
    Float,

    /// <summary>An integer (<c>long</c>).</summary>
    Int,

    /// <summary>A boolean, sent as 1/0 unless mapped.</summary>
    Bool,

    /// <summary>Text.</summary>
    Str,
}

/// <summary>A driver described in YAML: what <see cref="YamlDriverLoader"/> reads and <see cref="YamlInstrument"/> builds.</summary>
public sealed record YamlDriverDefinition
{
    /// <summary>The file it was read from.</summary>
    public required string File { get; init; }

    /// <summary>The key bench files use, <c>vendor/model</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Other keys that find the driver.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>What the instrument is.</summary>
    public required string Description { get; init; }

    /// <summary>The instrument interface the driver declares (e.g. <c>IPowerSupply</c>); null for none.</summary>
    public string? Interface { get; init; }

    /// <summary>The simulator file (absolute), null for none.</summary>
    public string? SimulationProfile { get; init; }

    /// <summary>The resource name the simulation profile answers at.</summary>
    public string? SimulationAddress { get; init; }

    /// <summary>The instrument's own parameters.</summary>
    public IReadOnlyList<YamlParameterDefinition> Parameters { get; init; } = [];

    /// <summary>The instrument's own functions.</summary>
    public IReadOnlyList<YamlFunctionDefinition> Functions { get; init; } = [];

    /// <summary>The channel lists.</summary>
    public IReadOnlyList<YamlChannelsDefinition> Channels { get; init; } = [];

    /// <summary>True for a driver shipped inside this assembly (<see cref="YamlDriverLibrary"/>), not read from a file.</summary>
    public bool IsEmbedded { get; init; }

    /// <summary>The name of the embedded simulation profile (a driver shipped with the library); null for none.</summary>
    public string? EmbeddedSimulationProfile { get; init; }
}

/// <summary>One parameter of a YAML driver; <c>{channel}</c> in its commands stands for the channel id.</summary>
public sealed record YamlParameterDefinition
{
    /// <summary>The parameter's name.</summary>
    public required string Name { get; init; }

    /// <summary>The value type.</summary>
    public YamlValueType Type { get; init; }

    /// <summary>The query that reads it.</summary>
    public string? Get { get; init; }

    /// <summary>The command that sets it, with <c>{0}</c> for the value.</summary>
    public string? Set { get; init; }

    /// <summary>The unit.</summary>
    public string? Unit { get; init; }

    /// <summary>The label.</summary>
    public string? Label { get; init; }

    /// <summary>What it is.</summary>
    public string? Docstring { get; init; }

    /// <summary>The validator built from the file; null for none.</summary>
    public Validator? Validator { get; init; }

    /// <summary>The channel variable whose value is the minimum (<c>min: "{vmin}"</c>); null for a fixed bound.</summary>
    public string? MinVariable { get; init; }

    /// <summary>The channel variable whose value is the maximum (<c>max: "{vmax}"</c>); null for a fixed bound.</summary>
    public string? MaxVariable { get; init; }

    /// <summary>Value (as written in the file) to instrument token; empty for none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Mapping { get; init; } = [];

    /// <summary>Raw = value × scale + offset.</summary>
    public double? Scale { get; init; }

    /// <summary>Raw = value × scale + offset.</summary>
    public double? Offset { get; init; }

    /// <summary>The ramp step.</summary>
    public double? Step { get; init; }

    /// <summary>The least time between sets, in seconds.</summary>
    public double? InterDelay { get; init; }

    /// <summary>The least time a set takes, in seconds.</summary>
    public double? PostDelay { get; init; }

    /// <summary>For text: whether the value is sent as a quoted SCPI string (<see cref="ScpiString.Quote"/>).</summary>
    public bool Quoted { get; init; }

    /// <summary>Further replies (instrument token to value, as written in the file) read as a mapped value; empty for none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Replies { get; init; } = [];

    /// <summary>
    /// The value type the declared interface requires when the YAML type alone does not say it (an enum such as
    /// <c>LoadMode</c> for a mapped <c>str</c>, <c>int</c> rather than <c>long</c>); null for the YAML type's own.
    /// </summary>
    public Type? InterfaceType { get; init; }
}

/// <summary>A command of a YAML driver, with <c>{0}</c>, <c>{1}</c> … for validated arguments.</summary>
public sealed record YamlFunctionDefinition
{
    /// <summary>The function's name.</summary>
    public required string Name { get; init; }

    /// <summary>The command.</summary>
    public required string Command { get; init; }

    /// <summary>One validator per argument.</summary>
    public IReadOnlyList<Validator> Arguments { get; init; } = [];

    /// <summary>What it does.</summary>
    public string? Docstring { get; init; }
}

/// <summary>A list of like channels: one channel per id, each with the same parameters and functions.</summary>
public sealed record YamlChannelsDefinition
{
    /// <summary>The list's name, e.g. <c>outputs</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The ids put into <c>{channel}</c>, e.g. 1, 2, 3.</summary>
    public required IReadOnlyList<string> Ids { get; init; }

    /// <summary>How each channel is named, with <c>{channel}</c>; default <c>ch{channel}</c>.</summary>
    public string NamePattern { get; init; } = "ch{channel}";

    /// <summary>Each channel's parameters.</summary>
    public IReadOnlyList<YamlParameterDefinition> Parameters { get; init; } = [];

    /// <summary>Each channel's functions.</summary>
    public IReadOnlyList<YamlFunctionDefinition> Functions { get; init; } = [];

    /// <summary>
    /// Per-channel values besides the id: <c>{input}</c> in a command stands for the value at the channel's position
    /// (a Lakeshore loop 2 reads input B: <c>variables: {input: [A, B]}</c>); empty for none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Variables { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
