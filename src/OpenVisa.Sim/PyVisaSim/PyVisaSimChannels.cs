using OpenVisa.Sim.Runtime;

namespace OpenVisa.Sim.PyVisaSim;

/// <summary>
/// The live state of one channel group of a pyvisa-sim device: per-channel property values and the selected channel,
/// matched as pyvisa-sim's <c>Channels.match</c> does. With <c>can_select</c>, each id is tried in order with its queries
/// expanded (<c>CH {ch_id}:VOLT?</c> → <c>CH 2:VOLT?</c>); without, the device property <c>selected_channel</c> picks the
/// channel and queries are compared as written.
/// </summary>
internal sealed class PyVisaSimChannels
{
    private readonly ChannelGroupDefinition _definition;
    private readonly PyVisaSimHandler _device;
    private readonly IReadOnlyList<string> _ids;
    private readonly Dictionary<string, PyValue>[] _values;
    private readonly Dictionary<string, (int Id, DialogueDefinition? Dialogue, int Property)> _expanded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Id, DialogueDefinition? Dialogue, int Property)> _plain = new(StringComparer.Ordinal);
    private readonly List<(int Property, SetterDefinition Setter)> _setters = [];
    private string? _selected;
    private readonly Range[] _captures;

    public PyVisaSimChannels(ChannelGroupDefinition definition, IReadOnlyList<string> ids, PyVisaSimHandler device)
    {
        _definition = definition;
        _device = device;
        _ids = ids;
        _values = [.. definition.Properties.Select(_ => new Dictionary<string, PyValue>(StringComparer.Ordinal))];
        var properties = definition.Properties;
        for (var p = 0; p < properties.Count; p++)
        {
            if (properties[p].Setter is { } setter)
                _setters.Add((p, setter));
        }
        _captures = new Range[Math.Max(1, _setters.Count == 0 ? 0 : _setters.Max(s => s.Setter.Pattern.FieldNames.Count))];
        if (definition.CanSelect)
        {
            // Per id, dialogues then getters, first found wins: the order pyvisa-sim tries them in.
            for (var id = 0; id < ids.Count; id++)
            {
                var forId = new Dictionary<string, (int, DialogueDefinition?, int)>(StringComparer.Ordinal);
                foreach (var dialogue in definition.Dialogues)
                    forId[Expand(dialogue.Query, ids[id])] = (id, dialogue, -1);
                var getters = new Dictionary<string, (int, DialogueDefinition?, int)>(StringComparer.Ordinal);
                for (var p = 0; p < properties.Count; p++)
                {
                    if (properties[p].Getter is { } getter)
                        getters[Expand(getter.Query, ids[id])] = (id, null, p);
                }
                foreach (var (key, value) in forId)
                    _expanded.TryAdd(key, value);
                foreach (var (key, value) in getters)
                    _expanded.TryAdd(key, value);
            }
        }
        else
        {
            foreach (var dialogue in definition.Dialogues)
                _plain[dialogue.Query] = (-1, dialogue, -1);
            var getters = new Dictionary<string, (int, DialogueDefinition?, int)>(StringComparer.Ordinal);
            for (var p = 0; p < properties.Count; p++)
            {
                if (properties[p].Getter is { } getter)
                    getters[getter.Query] = (-1, null, p);
            }
            foreach (var (key, value) in getters)
                _plain.TryAdd(key, value);
        }
    }

    // Expands {ch_id} in a query held as Latin-1 bytes: decode, expand, encode back.
    private static string Expand(string latin1Query, string id)
    {
        var text = StringParserPattern.FromLatin1Utf8(latin1Query);
        var expanded = ChannelKey.Expand(text, id);
        return Text.SimText.Latin1(System.Text.Encoding.UTF8.GetBytes(expanded));
    }

    public void Reset()
    {
        foreach (var values in _values)
            values.Clear();
        _selected = null;
    }

    private PyValue Value(int property) =>
        _values[property].TryGetValue(_selected ?? "", out var value) ? value : _definition.Properties[property].Default;

    /// <summary>Matches a unit; <see cref="UnitOutcome.Unmatched"/> when nothing in this group does.</summary>
    public UnitOutcome Match(ReadOnlySpan<char> text, InstrumentContext context)
    {
        var lookup = (_definition.CanSelect ? _expanded : _plain).GetAlternateLookup<ReadOnlySpan<char>>();
        if (!_definition.CanSelect)
        {
            if (_device.SelectedChannel() is not { } id || !_ids.Contains(id))
                return UnitOutcome.Unmatched;
            _selected = id;
        }
        if (lookup.TryGetValue(text, out var found))
        {
            if (_definition.CanSelect)
                _selected = _ids[found.Id];
            if (found.Dialogue is { } dialogue)
                return _device.ReplyDialogue(dialogue, context);
            var property = _definition.Properties[found.Property];
            return _device.ReplyGetter(property, Value(found.Property), context);
        }
        return MatchSetters(text, context);
    }

    // pyvisa-sim's Channels._match_setters: a dict result with ch_id selects that channel and sets str() of its field
    // "0" (a KeyError when there is none); any other result sets str() of the whole result. A rejected value answers the
    // setter's error reply, else the device's command error; no other setter is tried.
    private UnitOutcome MatchSetters(ReadOnlySpan<char> text, InstrumentContext context)
    {
        var captures = _captures;
        foreach (var (index, setter) in _setters)
        {
            var pattern = setter.Pattern;
            if (!pattern.TryMatch(text, captures))
                continue;
            var raw = pattern.Result(text, captures);
            var property = _definition.Properties[index];
            string given;
            if (raw.Kind == PyKind.Dict && pattern.Field("ch_id", text, captures) is { } channel)
            {
                // pyvisa-sim keys the values by the parsed ch_id itself: {ch_id:d} gives the int 1, which is not the id
                // "1" the queries read, so such a value lands where no getter finds it. A key no text id can equal does the same.
                _selected = channel.Kind == PyKind.Str ? channel.Text : $"\u0000{channel.TypeName}:{channel}";
                if (pattern.Field("0", text, captures) is not { } field)
                    throw new SimDeviceException($"the channel setter '{pattern.Source}' of property '{property.Name}' captures {{ch_id}} but no unnamed field holding the value (pyvisa-sim raises KeyError: '0'); write it as e.g. 'CH {{ch_id}}:VOLT {{:.3f}}'.");
                given = field.ToString();
            }
            else
            {
                given = raw.ToString();
            }
            if (property.Validate(PyValue.Str(given), out var value) is null)
            {
                _values[index][_selected ?? ""] = value;
                return PyVisaSimHandler.ReplyBytes(setter.Reply, context);
            }
            if (setter.ErrorReply is { } error)
                return PyVisaSimHandler.ReplyBytes(error, context);
            return _device.CommandError(context);
        }
        return UnitOutcome.Unmatched;
    }
}
