using System.Text;
using OpenVisa.Sim.Expressions;
using OpenVisa.Sim.PyVisaSim;
using OpenVisa.Sim.Runtime;

namespace OpenVisa.Sim.Profiles;

/// <summary>
/// A PyTestLab-style profile answering message units. Each unit is tried against every key read as a literal SCPI command
/// (short/long forms, any case), then against every key read as a pattern (SCPI syntax, regex or glob), in the order the
/// profile lists them; a match runs its entry (delay, reply from <c>get</c>/<c>response</c>/<c>binary</c>, then
/// <c>set</c>/<c>inc</c>/<c>dec</c>), then the error rules. The replies of one message are joined by ';' as IEEE 488.2 asks.
/// </summary>
internal sealed class ProfileHandler : IMessageHandler
{
    private readonly ProfileDefinition _profile;
    private readonly StateMap _state;
    private readonly ExprScope _scope;

    public ProfileHandler(ProfileDefinition profile, PythonRandom random)
    {
        _profile = profile;
        _state = profile.InitialState.DeepCopy();
        _scope = new ExprScope(random) { State = _state, InitialState = profile.InitialState };
    }

    public string Description => $"profile '{_profile.Name}'";

    public bool JoinsReplies => true;

    public bool AnswersCommonCommands => true;

    public string Identification => _profile.Identification ?? $"Simulated,PyTestLab,{_profile.Name}-SIM,1.0";

    /// <summary>The live state, for tests and snapshots.</summary>
    public StateMap State => _state;

    /// <summary>Splits on ';' outside quoted strings; blank units are dropped.</summary>
    public void Split(ReadOnlySpan<byte> message, List<Range> units)
    {
        var start = 0;
        byte quote = 0;
        for (var k = 0; k <= message.Length; k++)
        {
            if (k < message.Length)
            {
                var b = message[k];
                if (quote != 0)
                {
                    if (b == quote)
                        quote = 0;
                    continue;
                }
                if (b is (byte)'"' or (byte)'\'')
                {
                    quote = b;
                    continue;
                }
                if (b != (byte)';')
                    continue;
            }
            var (from, to) = Trim(message, start, k);
            if (to > from)
                units.Add(new Range(from, to));
            start = k + 1;
        }
    }

    private static (int, int) Trim(ReadOnlySpan<byte> message, int from, int to)
    {
        while (from < to && message[from] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            from++;
        while (to > from && message[to - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            to--;
        return (from, to);
    }

    public UnitOutcome Handle(ReadOnlySpan<byte> unit, ReadOnlySpan<char> text, InstrumentContext context)
    {
        var command = Encoding.UTF8.GetString(unit).Trim();
        Span<Range> ranges = stackalloc Range[16];
        var scpi = ScpiUnit.Parse(command, ranges);
        foreach (var rule in _profile.Rules)
        {
            if (rule.Literal is { } literal && literal.Matches(scpi))
                return Execute(rule, command, [], null, scpi.IsQuery, context);
        }
        foreach (var rule in _profile.Rules)
        {
            if (rule.Pattern is { } pattern && pattern.TryMatch(command, out var groups, out var named))
                return Execute(rule, command, groups, named, scpi.IsQuery, context);
        }
        return UnitOutcome.Unmatched;
    }

    private UnitOutcome Execute(ProfileRule rule, string command, string?[] groups, Dictionary<string, string?>? named, bool isQuery, InstrumentContext context)
    {
        _scope.Groups = groups;
        _scope.NamedGroups = named;
        var action = rule.Action;
        string? reply = null;
        var binary = false;
        try
        {
            if (action.Delay is { } delay)
            {
                var seconds = Number(delay.Evaluate(_scope), "delay");
                context.Delay += Math.Max(0, seconds);
            }
            if (action.Get is { } get)
            {
                var value = Lookup(get.Resolve(_scope));
                reply = value.Kind == ExprKind.None ? "" : value.ToString();
            }
            else if (action.Response is { } response)
            {
                reply = response.Evaluate(_scope).ToString();
            }
            else if (action.Binary is { } spec)
            {
                BinaryReply.Write(spec, _scope, context.Reply);
                binary = true;
            }
            foreach (var (path, source) in action.Sets)
            {
                var target = path.Resolve(_scope);
                if (target.Length == 0)
                    _state.ResetTo(_profile.InitialState);
                else
                    Assign(target, source.Evaluate(_scope));
            }
            foreach (var (path, amount) in action.Increments)
                Add(path.Resolve(_scope), amount.Evaluate(_scope), +1);
            foreach (var (path, amount) in action.Decrements)
                Add(path.Resolve(_scope), amount.Evaluate(_scope), -1);
        }
        catch (ExprException e)
        {
            context.Reply.Clear();
            context.Status.PushError(-200, $"Execution error; {rule.Key}: {e.Message}");
            return UnitOutcome.NoReply;
        }
        CheckErrorRules(command, context);
        if (binary)
            return UnitOutcome.Reply;
        if (reply is null || (reply.Length == 0 && !isQuery))
            return isQuery && action.Replies ? WriteText("", context) : UnitOutcome.NoReply;
        return WriteText(reply, context);
    }

    // Text replies go out as Latin-1 when every character fits a byte (so "#8…" + chr(128) * n is a real block), else UTF-8.
    private static UnitOutcome WriteText(string reply, InstrumentContext context)
    {
        if (reply.AsSpan().ContainsAnyExceptInRange('\0', '\u00FF'))
            context.Reply.AppendUtf8(reply);
        else
            context.Reply.AppendLatin1(reply);
        return UnitOutcome.Reply;
    }

    private void CheckErrorRules(string command, InstrumentContext context)
    {
        foreach (var rule in _profile.Errors)
        {
            if (rule.Condition is null || !rule.Pattern.TryMatch(command, out var groups, out var named))
                continue;
            _scope.Groups = groups;
            _scope.NamedGroups = named;
            try
            {
                if (rule.Condition.Evaluate(_scope).IsTruthy)
                    context.Status.PushError(rule.Code, ValueSource.Substitute(rule.Message, _scope));
            }
            catch (ExprException e)
            {
                context.Status.PushError(-200, $"Execution error; error rule for {rule.Pattern.Source}: {e.Message}");
            }
        }
    }

    private static double Number(ExprValue value, string what)
    {
        if (value.IsNumber)
            return value.AsFloat;
        if (value.Kind == ExprKind.Str && PyFloat.TryParse(value.AsStr, out var parsed))
            return parsed;
        throw new ExprException($"{what} must be a number, not {value.TypeName} {value.Repr()}");
    }

    /// <summary>Reads a state path: a flat key (display.CH1) first, then nested maps.</summary>
    public ExprValue Lookup(string path)
    {
        if (_state.TryGetValue(path, out var flat))
            return flat;
        var current = ExprValue.Map(_state);
        foreach (var part in path.Split('.'))
        {
            if (current.Kind != ExprKind.Map || !current.AsMap.TryGetValue(part, out current))
                return ExprValue.None;
        }
        return current;
    }

    private void Assign(string path, ExprValue value)
    {
        if (_state.ContainsKey(path) || !path.Contains('.', StringComparison.Ordinal))
        {
            _state[path] = value;
            return;
        }
        var parts = path.Split('.');
        var map = _state;
        foreach (var part in parts[..^1])
        {
            if (!map.TryGetValue(part, out var next) || next.Kind != ExprKind.Map)
            {
                if (map.ContainsKey(part))
                    throw new ExprException($"cannot set '{path}': '{part}' holds {next.TypeName} {next.Repr()}, not a group of values");
                next = ExprValue.Map(new StateMap());
                map[part] = next;
            }
            map = next.AsMap;
        }
        map[parts[^1]] = value;
    }

    // inc/dec: numbers and numeric text add up; an int stays an int when the amount is whole.
    private void Add(string path, ExprValue amount, int sign)
    {
        var current = Lookup(path);
        var baseValue = current.Kind switch
        {
            ExprKind.None => ExprValue.Int(0),
            ExprKind.Str => ExprValue.FromCapturedText(current.AsStr) is { IsNumber: true } number ? number : throw new ExprException($"cannot add to '{path}', which holds the text {current.Repr()}"),
            _ when current.IsNumber => current,
            _ => throw new ExprException($"cannot add to '{path}', which holds {current.TypeName} {current.Repr()}"),
        };
        var step = amount.IsNumber ? amount : amount.Kind == ExprKind.Str && ExprValue.FromCapturedText(amount.AsStr) is { IsNumber: true } parsed ? parsed : throw new ExprException($"the amount for '{path}' must be a number, not {amount.Repr()}");
        Assign(path, ExprOperators.Binary(sign > 0 ? "+" : "-", baseValue, step));
    }

    public UnitOutcome HandleUnknown(ReadOnlySpan<byte> unit, InstrumentContext context) => UnitOutcome.NoReply;

    public void OnQueryError(InstrumentContext context)
    {
    }

    public void Reset(InstrumentContext context) => _state.ResetTo(_profile.InitialState);

    public void ClearStatus()
    {
    }
}
