using System.Globalization;
using OpenVisa.Sim.Runtime;

namespace OpenVisa.Sim.PyVisaSim;

/// <summary>
/// A pyvisa-sim device answering message units exactly as pyvisa-sim's <c>Device</c> does: exact, case-sensitive
/// byte matching tried in the order dialogues, property getters, status registers, error queues, setters (in the order
/// written), channel groups; an unknown command sets the <c>command_error</c> bits, adds to the error queues and replies
/// with the command-error text, or with nothing when none is configured. Each resource gets its own instance.
/// </summary>
internal sealed class PyVisaSimHandler : IMessageHandler
{
    private readonly DeviceDefinition _device;
    // Dialogues, getters, status registers and error queues in one table, each key bound to the first of them in
    // pyvisa-sim's order, so a query costs one lookup.
    private readonly Dictionary<string, (Kind Kind, int Index)>.AlternateLookup<ReadOnlySpan<char>> _queries;
    private readonly DialogueDefinition[] _dialogues;
    private readonly Dictionary<string, int> _registerOfError = new(StringComparer.Ordinal);
    private readonly List<(int Property, SetterDefinition Setter)> _setters = [];
    private readonly PyValue[] _values;
    private readonly int[] _registerValues;
    private readonly Queue<byte[]>[] _queueEntries;
    private readonly PyVisaSimChannels[] _channels;
    private readonly int _selectedChannel;
    private readonly Range[] _captures;

    private enum Kind
    {
        Dialogue,
        Getter,
        Register,
        Queue,
    }

    public PyVisaSimHandler(DeviceDefinition device, IReadOnlyDictionary<string, IReadOnlyList<string>>? channelIds)
    {
        _device = device;
        _dialogues = [.. device.Dialogues];
        var dialogues = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < _dialogues.Length; d++)
            dialogues[_dialogues[d].Query] = d;
        var getters = new Dictionary<string, int>(StringComparer.Ordinal);
        _values = new PyValue[device.Properties.Count];
        _selectedChannel = -1;
        for (var p = 0; p < device.Properties.Count; p++)
        {
            var property = device.Properties[p];
            _values[p] = property.Default;
            if (property.Getter is { } getter)
                getters[getter.Query] = p;
            if (property.Setter is { } setter)
                _setters.Add((p, setter));
            if (property.Name == "selected_channel")
                _selectedChannel = p;
        }
        _captures = new Range[Math.Max(1, _setters.Count == 0 ? 0 : _setters.Max(s => s.Setter.Pattern.FieldNames.Count))];
        var registers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < device.Error.Registers.Count; r++)
        {
            registers[device.Error.Registers[r].Query] = r;
            foreach (var key in device.Error.Registers[r].Bits.Keys)
                _registerOfError[key] = r;
        }
        _registerValues = new int[device.Error.Registers.Count];
        var queues = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var q = 0; q < device.Error.Queues.Count; q++)
            queues[device.Error.Queues[q].Query] = q;
        var queries = new Dictionary<string, (Kind, int)>(StringComparer.Ordinal);
        foreach (var (key, index) in dialogues)
            queries.TryAdd(key, (Kind.Dialogue, index));
        foreach (var (key, index) in getters)
            queries.TryAdd(key, (Kind.Getter, index));
        foreach (var (key, index) in registers)
            queries.TryAdd(key, (Kind.Register, index));
        foreach (var (key, index) in queues)
            queries.TryAdd(key, (Kind.Queue, index));
        _queries = queries.GetAlternateLookup<ReadOnlySpan<char>>();
        _queueEntries = [.. device.Error.Queues.Select(_ => new Queue<byte[]>())];
        _channels = [.. device.Channels.Select(group => new PyVisaSimChannels(
            group,
            channelIds is not null && channelIds.TryGetValue(group.Name, out var ids) && ids.Count > 0 ? ids : group.Ids,
            this))];
    }

    public string Description => $"pyvisa-sim device '{_device.Name}'";

    public bool JoinsReplies => false;

    public bool AnswersCommonCommands => _device.CommonCommands;

    public string Identification => $"OpenVisa,Simulated {_device.Name.Replace(',', ' ')},0,1.0";

    public void Split(ReadOnlySpan<byte> message, List<Range> units)
    {
        var delimiter = _device.Delimiter;
        if (delimiter.Length == 0)
        {
            units.Add(new Range(0, message.Length));
            return;
        }
        var start = 0;
        while (true)
        {
            var at = message[start..].IndexOf(delimiter);
            if (at < 0)
            {
                units.Add(new Range(start, message.Length));
                return;
            }
            units.Add(new Range(start, start + at));
            start += at + delimiter.Length;
        }
    }

    public UnitOutcome Handle(ReadOnlySpan<byte> unit, ReadOnlySpan<char> text, InstrumentContext context)
    {
        if (_queries.TryGetValue(text, out var found))
            return Answer(found.Kind, found.Index, context);
        var set = MatchSetters(text, context);
        if (set != UnitOutcome.Unmatched)
            return set;
        foreach (var channels in _channels)
        {
            var outcome = channels.Match(text, context);
            // pyvisa-sim takes a channel's answer only when it is truthy: an empty reply counts as no match.
            if (outcome == UnitOutcome.NoReply || (outcome == UnitOutcome.Reply && context.Reply.Length > 0))
                return outcome;
            context.Reply.Clear();
        }
        return UnitOutcome.Unmatched;
    }

    private UnitOutcome Answer(Kind kind, int index, InstrumentContext context)
    {
        if (kind == Kind.Dialogue)
            return ReplyDialogue(_dialogues[index], context);
        if (kind == Kind.Getter)
            return ReplyGetter(_device.Properties[index], _values[index], context);
        if (kind == Kind.Register)
        {
            var register = index;
            var value = _registerValues[register];
            _registerValues[register] = 0;
            Span<char> digits = stackalloc char[12];
            value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
            context.Reply.AppendLatin1(digits[..written]);
            return UnitOutcome.Reply;
        }
        context.Reply.Append(_queueEntries[index].TryDequeue(out var entry) ? entry : _device.Error.Queues[index].Default);
        return UnitOutcome.Reply;
    }

    // pyvisa-sim's Component._match_setters: the first pattern that parses the unit gives the property stringparser's
    // result (a value, a list or a dict); a value the specs reject answers the setter's error reply, or, without one,
    // lets the next setter try.
    private UnitOutcome MatchSetters(ReadOnlySpan<char> text, InstrumentContext context)
    {
        var captures = _captures;
        foreach (var (index, setter) in _setters)
        {
            if (!setter.Pattern.TryMatch(text, captures))
                continue;
            var raw = setter.Pattern.Result(text, captures);
            var property = _device.Properties[index];
            if (raw.IsContainer && property.Specs is { Type: PyKind.Int or PyKind.Float } specs)
                throw ContainerForNumber(setter, property, raw, text);
            if (property.Validate(raw, out var value) is null)
            {
                _values[index] = value;
                return ReplyBytes(setter.Reply, context);
            }
            if (setter.ErrorReply is { } error)
                return ReplyBytes(error, context);
            // A rejected value without its own error reply falls through to the next setter, as in pyvisa-sim.
        }
        return UnitOutcome.Unmatched;
    }

    /// <summary>
    /// pyvisa-sim converts the parsed value with <c>float()</c> or <c>int()</c>, which raise TypeError (not the ValueError
    /// it catches) for a dict or list, so the write itself fails.
    /// </summary>
    internal static SimDeviceException ContainerForNumber(SetterDefinition setter, PropertyDefinition property, PyValue raw, ReadOnlySpan<char> text)
    {
        var type = property.Specs!.Type == PyKind.Int ? "int" : "float";
        var accepts = type == "int" ? "a string, a bytes-like object or a real number" : "a string or a real number";
        return new SimDeviceException($"the setter '{setter.Pattern.Source}' of property '{property.Name}' parses '{StringParserPattern.FromLatin1Utf8(text)}' into the {raw.TypeName} {raw.Text}, which its {type} specs cannot convert (pyvisa-sim raises TypeError: {type}() argument must be {accepts}, not '{raw.TypeName}'); give the setter one unnamed field, e.g. {{}}.");
    }

    internal UnitOutcome ReplyDialogue(DialogueDefinition dialogue, InstrumentContext context)
    {
        if (dialogue.Reply is null)
            return UnitOutcome.NoReply;
        if (dialogue.Random is { } random)
        {
            context.Text.Clear();
            try
            {
                random.Write(context.Random, context.Text);
            }
            catch (FormatException e)
            {
                throw FormatFailure(dialogue.QueryText, dialogue.ReplyText ?? "", null, e);
            }
            context.Reply.AppendUtf8(context.Text.Span);
            return UnitOutcome.Reply;
        }
        if (dialogue.ReplyText is { } replyText && RandomDirective.Applies(replyText))
            throw new SimDeviceException($"the reply '{replyText}' to '{dialogue.QueryText}' ({dialogue.Mark}) is a malformed RANDOM directive; pyvisa-sim: Wrong RANDOM directive, see documentation for correct usage.");
        context.Reply.Append(dialogue.Reply);
        return UnitOutcome.Reply;
    }

    internal UnitOutcome ReplyGetter(PropertyDefinition property, PyValue value, InstrumentContext context)
    {
        var getter = property.Getter!;
        context.Text.Clear();
        try
        {
            if (getter.Random is { } random)
                random.Write(context.Random, context.Text);
            else if (getter.Template is { } template)
                template.Format(value, context.Text);
            else
                throw new SimDeviceException($"the getter '{getter.QueryText}' of property '{property.Name}' ({getter.Mark}) has an unusable reply '{getter.ReplyText}'.");
        }
        catch (FormatException e)
        {
            throw FormatFailure(getter.QueryText, getter.ReplyText, getter.Random is null ? value : null, e);
        }
        context.Reply.AppendUtf8(context.Text.Span);
        return UnitOutcome.Reply;
    }

    private static SimDeviceException FormatFailure(string query, string reply, PyValue? value, FormatException e)
    {
        var what = value is { } v ? $" the {v.TypeName} value {PyFormatTemplate.Repr(v, false)}" : "";
        return new SimDeviceException($"answering '{query}', the reply '{reply}' cannot format{what}: {e.Message}");
    }

    internal static UnitOutcome ReplyBytes(byte[]? reply, InstrumentContext context)
    {
        if (reply is null)
            return UnitOutcome.NoReply;
        context.Reply.Append(reply);
        return UnitOutcome.Reply;
    }

    /// <summary>The value of the device property <c>selected_channel</c> when it is text (pyvisa-sim compares it with the text ids).</summary>
    internal string? SelectedChannel() =>
        _selectedChannel >= 0 && _values[_selectedChannel].Kind == PyKind.Str ? _values[_selectedChannel].Text : null;

    /// <summary>pyvisa-sim's <c>error_response("command_error")</c>: registers, queues, and the reply.</summary>
    internal UnitOutcome CommandError(InstrumentContext context)
    {
        RaiseError("command_error");
        return ReplyBytes(_device.Error.CommandError, context);
    }

    private void RaiseError(string key)
    {
        if (_registerOfError.TryGetValue(key, out var register))
            _registerValues[register] |= _device.Error.Registers[register].Bits[key];
        for (var q = 0; q < _queueEntries.Length; q++)
        {
            if (_device.Error.Queues[q].Entries.TryGetValue(key, out var entry))
                _queueEntries[q].Enqueue(entry);
        }
    }

    public UnitOutcome HandleUnknown(ReadOnlySpan<byte> unit, InstrumentContext context) => CommandError(context);

    // pyvisa-sim's documentation says a read with nothing to read sets the query_error bits, but its code never raises
    // query_error (devices.py only ever calls error_response("command_error")): the code is followed.
    public void OnQueryError(InstrumentContext context)
    {
    }

    public void Reset(InstrumentContext context)
    {
        for (var p = 0; p < _values.Length; p++)
            _values[p] = _device.Properties[p].Default;
        foreach (var channels in _channels)
            channels.Reset();
    }

    public void ClearStatus()
    {
        Array.Clear(_registerValues);
        foreach (var queue in _queueEntries)
            queue.Clear();
    }
}
