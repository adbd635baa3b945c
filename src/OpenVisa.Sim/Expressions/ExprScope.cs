using OpenVisa.Sim.PyVisaSim;

namespace OpenVisa.Sim.Expressions;

/// <summary>
/// What an expression can see: the instrument state (<c>state</c>, <c>initial_state</c>), the groups the command pattern
/// captured (<c>g1</c>…, <c>$1</c>…, and named ones), local variables (lambda parameters, <c>i</c>/<c>n</c>/<c>x</c> in a
/// waveform formula) and the instrument's seeded random generator.
/// </summary>
internal sealed class ExprScope(PythonRandom random)
{
    private static readonly IReadOnlyList<string?> NoGroups = [];

    public PythonRandom Random { get; } = random;

    public StateMap? State { get; set; }

    public StateMap? InitialState { get; set; }

    /// <summary>Positional groups; index 0 is group 1. A group that did not take part is null.</summary>
    public IReadOnlyList<string?> Groups { get; set; } = NoGroups;

    /// <summary>Named groups, e.g. <c>value</c> for a <c>&lt;value&gt;</c> placeholder.</summary>
    public IReadOnlyDictionary<string, string?>? NamedGroups { get; set; }

    /// <summary>Local variables (lambda parameters, formula variables).</summary>
    public Dictionary<string, ExprValue> Locals { get; } = new(StringComparer.Ordinal);

    /// <summary>The text of capture <paramref name="name"/> (a number or a name); empty for a group that did not take part.</summary>
    public string Capture(string name)
    {
        if (int.TryParse(name, out var index))
        {
            if (index < 1 || index > Groups.Count)
                throw new ExprException($"${name} names group {index}, but the command pattern captured {Groups.Count} group{(Groups.Count == 1 ? "" : "s")}");
            return Groups[index - 1] ?? "";
        }
        if (NamedGroups is not null && NamedGroups.TryGetValue(name, out var named))
            return named ?? "";
        throw new ExprException($"${name} names no group of the command pattern" + (NamedGroups is { Count: > 0 } ? $" (it has {string.Join(", ", NamedGroups.Keys.Select(k => "$" + k))})" : ""));
    }

    /// <summary>Looks up a bare name: locals, state, groups g1…, named groups.</summary>
    public bool TryResolve(string name, out ExprValue value)
    {
        if (Locals.TryGetValue(name, out value))
            return true;
        switch (name)
        {
            case "state" when State is not null:
                value = ExprValue.Map(State);
                return true;
            case "initial_state" when InitialState is not null:
                value = ExprValue.Map(InitialState);
                return true;
        }
        if (name.Length > 1 && name[0] == 'g' && int.TryParse(name.AsSpan(1), out var index) && index >= 1)
        {
            if (index > Groups.Count)
                throw new ExprException($"{name} names group {index}, but the command pattern captured {Groups.Count} group{(Groups.Count == 1 ? "" : "s")}");
            value = Groups[index - 1] is { } text ? ExprValue.Str(text) : ExprValue.None;
            return true;
        }
        if (NamedGroups is not null && NamedGroups.TryGetValue(name, out var named))
        {
            value = named is null ? ExprValue.None : ExprValue.Str(named);
            return true;
        }
        value = default;
        return false;
    }
}
