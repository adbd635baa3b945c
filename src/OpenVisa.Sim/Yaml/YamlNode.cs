namespace OpenVisa.Sim.Yaml;

/// <summary>Where a node starts in its file, 1-based, for problems that point at the exact spot.</summary>
internal readonly record struct SourceMark(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>
/// A YAML node read the way PyYAML's <c>BaseLoader</c> reads it: every scalar is its text, nothing is typed,
/// so <c>default: 100.0</c> is the string "100.0". <see cref="YamlScalar.IsPlain"/> keeps whether the scalar was
/// quoted, for the PyTestLab format, which types plain scalars as YAML 1.1 does.
/// </summary>
internal abstract class YamlNode(SourceMark mark)
{
    public SourceMark Mark { get; } = mark;

    /// <summary>How many nodes this one stands for with every alias under it expanded (itself included).</summary>
    public long ExpandedCount { get; init; } = 1;

    /// <summary>How many levels deep this node goes with every alias under it expanded (1 for a scalar).</summary>
    public int ExpandedDepth { get; init; } = 1;

    public abstract string Kind { get; }
}

internal sealed class YamlScalar(SourceMark mark, string value, bool isPlain) : YamlNode(mark)
{
    public string Value { get; } = value;

    /// <summary>True when the scalar was written without quotes or block style.</summary>
    public bool IsPlain { get; } = isPlain;

    public override string Kind => "a text value";

    public override string ToString() => Value;
}

internal sealed class YamlSequence(SourceMark mark, IReadOnlyList<YamlNode> items) : YamlNode(mark)
{
    public IReadOnlyList<YamlNode> Items { get; } = items;

    public override string Kind => "a list";
}

/// <summary>A mapping in file order; a repeated key keeps its last value, as PyYAML does.</summary>
internal sealed class YamlMapping(SourceMark mark, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> entries) : YamlNode(mark)
{
    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = entries;

    public override string Kind => "a mapping";

    private Dictionary<string, int>? _lastIndex;

    // Built on first lookup: scanning the entries for each key made a mapping of 100,000 resources quadratic.
    private Dictionary<string, int> LastIndex
    {
        get
        {
            if (_lastIndex is null)
            {
                var index = new Dictionary<string, int>(Entries.Count, StringComparer.Ordinal);
                for (var i = 0; i < Entries.Count; i++)
                    index[Entries[i].Key.Value] = i;
                _lastIndex = index;
            }
            return _lastIndex;
        }
    }

    /// <summary>The value of <paramref name="key"/> (the last one when repeated), or null.</summary>
    public YamlNode? Get(string key) => LastIndex.TryGetValue(key, out var i) ? Entries[i].Value : null;

    /// <summary>The key node of <paramref name="key"/>, or null.</summary>
    public YamlScalar? KeyNode(string key) => LastIndex.TryGetValue(key, out var i) ? Entries[i].Key : null;

    public bool Has(string key) => LastIndex.ContainsKey(key);

    /// <summary>The entries with repeated keys reduced to their last occurrence, in first-occurrence order (Python dict order).</summary>
    public IEnumerable<KeyValuePair<YamlScalar, YamlNode>> Distinct()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            if (seen.Add(entry.Key.Value))
                yield return new KeyValuePair<YamlScalar, YamlNode>(entry.Key, Entries[LastIndex[entry.Key.Value]].Value);
        }
    }
}
