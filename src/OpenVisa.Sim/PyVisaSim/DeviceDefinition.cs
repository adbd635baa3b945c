using OpenVisa.Sim.Yaml;

namespace OpenVisa.Sim.PyVisaSim;

/// <summary>A dialogue: a query and its reply (null: the device answers nothing).</summary>
/// <param name="Query">The query's bytes, as a Latin-1 string (one character per byte).</param>
/// <param name="Reply">The reply's bytes, or null for no reply.</param>
/// <param name="Random">The RANDOM directive when the reply is one.</param>
/// <param name="Mark">Where the dialogue is written.</param>
/// <param name="QueryText">The query as written, for listings.</param>
/// <param name="ReplyText">The reply as written, for listings.</param>
internal sealed record DialogueDefinition(string Query, byte[]? Reply, RandomDirective? Random, SourceMark Mark, string QueryText, string? ReplyText);

/// <summary>A property getter: the query and the Python format of the reply (<c>{:.2f}</c>).</summary>
internal sealed record GetterDefinition(string Query, string QueryText, PyFormatTemplate? Template, RandomDirective? Random, string ReplyText, SourceMark Mark);

/// <summary>A property setter: the stringparser pattern, the reply on success and the reply on a rejected value (each may be absent).</summary>
internal sealed record SetterDefinition(StringParserPattern Pattern, byte[]? Reply, byte[]? ErrorReply, SourceMark Mark);

/// <summary>A property: a default value, validated by its specs, read by its getter and written by its setter.</summary>
internal sealed record PropertyDefinition(string Name, PyValue Default, PropertySpecs? Specs, GetterDefinition? Getter, SetterDefinition? Setter, SourceMark Mark)
{
    /// <summary>Validates a value; null when accepted (with the converted value), else the reason.</summary>
    public string? Validate(PyValue raw, out PyValue value)
    {
        if (Specs is null)
        {
            value = raw;
            return null;
        }
        return Specs.Validate(raw, Name, out value);
    }
}

/// <summary>Dialogues and properties, the parts a device and a channel group share.</summary>
internal class ComponentDefinition
{
    public List<DialogueDefinition> Dialogues { get; } = [];

    public List<PropertyDefinition> Properties { get; } = [];
}

/// <summary>A channel group: its ids (text, as YAML gives them), whether commands name the channel, its dialogues and properties.</summary>
internal sealed class ChannelGroupDefinition(string name, IReadOnlyList<string> ids, bool canSelect, SourceMark mark) : ComponentDefinition
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Ids { get; } = ids;

    /// <summary>True unless <c>can_select</c> is the exact text "False": commands carry <c>{ch_id}</c>.</summary>
    public bool CanSelect { get; } = canSelect;

    public SourceMark Mark { get; } = mark;
}

/// <summary>A status register: the query reading (and clearing) it, and the bits each error sets.</summary>
internal sealed record RegisterDefinition(string Query, string QueryText, IReadOnlyDictionary<string, int> Bits);

/// <summary>An error queue: the query popping it, the reply when empty, and the entry each error adds.</summary>
internal sealed record ErrorQueueDefinition(string Query, string QueryText, byte[] Default, IReadOnlyDictionary<string, byte[]> Entries);

/// <summary>A device's <c>error</c> section.</summary>
internal sealed class ErrorDefinition
{
    /// <summary>The reply to an unknown command or rejected value; null for none.</summary>
    public byte[]? CommandError { get; set; }

    /// <summary>The reply on a query error; pyvisa-sim never sends it, the simulator applies its registers and queues when a read finds nothing.</summary>
    public byte[]? QueryError { get; set; }

    public List<RegisterDefinition> Registers { get; } = [];

    public List<ErrorQueueDefinition> Queues { get; } = [];
}

/// <summary>The terminators of one interface: what ends a query, what ends a reply.</summary>
internal sealed record EndOfMessage(byte[] Query, byte[] Reply);

/// <summary>One device definition of a pyvisa-sim file.</summary>
internal sealed class DeviceDefinition(string name, string file, SourceMark mark) : ComponentDefinition
{
    public string Name { get; } = name;

    public string File { get; } = file;

    public SourceMark Mark { get; } = mark;

    /// <summary>Splits one write into several messages; ";" unless the device says otherwise (empty: no splitting).</summary>
    public byte[] Delimiter { get; set; } = ";"u8.ToArray();

    /// <summary>Terminators by (interface, class), e.g. (Asrl, "INSTR").</summary>
    public Dictionary<(InterfaceType, string), EndOfMessage> Eoms { get; } = [];

    public ErrorDefinition Error { get; set; } = new();

    public List<ChannelGroupDefinition> Channels { get; } = [];

    /// <summary>
    /// Whether the simulator answers the common commands the device does not define (<c>*IDN? *RST *CLS *ESR? *OPC?</c> …,
    /// <c>SYST:ERR?</c>): an OpenVisa extension, the top-level <c>common_commands: true</c> of the file defining the device.
    /// False by default, as in pyvisa-sim, where such a command gets the device's error response.
    /// </summary>
    public bool CommonCommands { get; set; }

    /// <summary>The seed for RANDOM replies (an OpenVisa extension: the file's top-level <c>seed</c>); null draws one.</summary>
    public long? Seed { get; set; }
}
