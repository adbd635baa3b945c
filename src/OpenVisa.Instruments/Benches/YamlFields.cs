using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace OpenVisa.Instruments.Benches;

/// <summary>Reads typed values out of YAML nodes, recording a located problem for each value of the wrong kind.</summary>
internal sealed class YamlFields(string file)
{
    private readonly List<BenchProblem> _problems = [];

    public string File { get; } = file;

    public IReadOnlyList<BenchProblem> Problems => _problems;

    public bool HasErrors => _problems.Any(p => p.Severity == BenchSeverity.Error);

    public void Error(YamlNode? node, string field, string message) => Add(node, field, message, BenchSeverity.Error);

    public void Warning(YamlNode? node, string field, string message) => Add(node, field, message, BenchSeverity.Warning);

    public static int LineOf(YamlNode? node) => node is null ? 0 : (int)node.Start.Line;

    public YamlMappingNode? Mapping(YamlNode? node, string field)
    {
        if (node is null || IsNull(node))
            return null;
        if (node is YamlMappingNode mapping)
            return mapping;
        Error(node, field, $"expected a mapping (key: value lines), found {Describe(node)}");
        return null;
    }

    public string? String(YamlNode? node, string field)
    {
        if (node is null || IsNull(node))
            return null;
        if (node is YamlScalarNode scalar)
            return scalar.Value;
        Error(node, field, $"expected text, found {Describe(node)}");
        return null;
    }

    public bool? Bool(YamlNode? node, string field)
    {
        if (node is null || IsNull(node))
            return null;
        if (node is YamlScalarNode { Value: { } text })
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "true" or "yes" or "on" or "1":
                    return true;
                case "false" or "no" or "off" or "0":
                    return false;
            }
        }
        Error(node, field, $"expected true or false, found {Describe(node)}");
        return null;
    }

    public double? Number(YamlNode? node, string field)
    {
        if (node is null || IsNull(node))
            return null;
        if (node is YamlScalarNode { Value: { } text }
            && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }
        Error(node, field, $"expected a number, found {Describe(node)}");
        return null;
    }

    public int? PositiveInteger(YamlNode? node, string field)
    {
        if (node is null || IsNull(node))
            return null;
        if (node is YamlScalarNode { Value: { } text }
            && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            return number;
        }
        Error(node, field, $"expected a whole number above 0, found {Describe(node)}");
        return null;
    }

    public IReadOnlyList<string> StringList(YamlNode? node, string field)
    {
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode scalar when IsNull(scalar):
                return [];
            case YamlScalarNode scalar:
                return [scalar.Value ?? ""];
            case YamlSequenceNode sequence:
                return [.. sequence.Children.Select((item, i) => String(item, $"{field}[{i}]") ?? "")];
            default:
                Error(node, field, $"expected text or a list of texts, found {Describe(node)}");
                return [];
        }
    }

    /// <summary>Reports keys outside <paramref name="known"/>, suggesting the nearest known key.</summary>
    public void UnknownKeys(YamlMappingNode mapping, string field, IReadOnlyCollection<string> known, BenchSeverity severity = BenchSeverity.Error)
    {
        foreach (var (keyNode, _) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (known.Contains(key))
                continue;
            var nearest = known.OrderBy(k => Distance(k, key)).FirstOrDefault();
            var hint = nearest is not null && Distance(nearest, key) <= Math.Max(2, key.Length / 3) ? $"; did you mean '{nearest}'?" : $"; known fields: {string.Join(", ", known)}";
            Add(keyNode, Join(field, key), $"unknown field '{key}'{hint}", severity);
        }
    }

    /// <summary>A plain .NET view of a node (dictionaries, lists, strings) for snapshots.</summary>
    public static object? Plain(YamlNode? node) => node switch
    {
        null => null,
        YamlScalarNode scalar when IsNull(scalar) => null,
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => sequence.Children.Select(Plain).ToList(),
        YamlMappingNode mapping => mapping.Children.ToDictionary(p => (p.Key as YamlScalarNode)?.Value ?? "", p => Plain(p.Value)),
        _ => null,
    };

    public static string Join(string field, string key) => field.Length == 0 ? key : field + "." + key;

    public static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" };

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar when IsNull(scalar) => "nothing (null)",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };

    private void Add(YamlNode? node, string field, string message, BenchSeverity severity) =>
        _problems.Add(new BenchProblem(File, LineOf(node), node is null ? 0 : (int)node.Start.Column, field, message, severity));

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }
}
