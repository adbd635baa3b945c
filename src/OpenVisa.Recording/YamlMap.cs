namespace OpenVisa;

/// <summary>A YAML mapping of a session file, in file order (keys are unique: <see cref="SessionYaml"/> refuses repeats).</summary>
internal sealed class YamlMap : List<KeyValuePair<string, object?>>
{
    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public object? Get(string key) => this.FirstOrDefault(p => p.Key == key).Value;

    /// <summary>True when <paramref name="key"/> is present.</summary>
    public bool Has(string key) => this.Any(p => p.Key == key);
}
