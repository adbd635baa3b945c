namespace OpenVisa.Sim.Expressions;

/// <summary>
/// A dictionary of state values keyed by text, in insertion order as Python's dict is, so <c>str(state)</c> and
/// snapshots list keys in the order the profile wrote them.
/// </summary>
internal sealed class StateMap : IEnumerable<KeyValuePair<string, ExprValue>>
{
    private readonly Dictionary<string, ExprValue> _values = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public int Count => _values.Count;

    public IEnumerable<string> Keys => _order;

    public ExprValue this[string key]
    {
        get => _values[key];
        set
        {
            if (!_values.ContainsKey(key))
                _order.Add(key);
            _values[key] = value;
        }
    }

    public bool TryGetValue(string key, out ExprValue value) => _values.TryGetValue(key, out value);

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public void Clear()
    {
        _values.Clear();
        _order.Clear();
    }

    public StateMap DeepCopy()
    {
        var copy = new StateMap();
        foreach (var key in _order)
            copy[key] = _values[key].DeepCopy();
        return copy;
    }

    /// <summary>Replaces the contents with a deep copy of <paramref name="source"/>.</summary>
    public void ResetTo(StateMap source)
    {
        Clear();
        foreach (var (key, value) in source)
            this[key] = value.DeepCopy();
    }

    public IEnumerator<KeyValuePair<string, ExprValue>> GetEnumerator()
    {
        foreach (var key in _order)
            yield return new KeyValuePair<string, ExprValue>(key, _values[key]);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
