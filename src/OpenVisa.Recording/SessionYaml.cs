using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OpenVisa;

/// <summary>
/// Reads a PyTestLab session file (PyYAML <c>dump</c> output and hand-written variants) with YamlDotNet's parser into
/// plain values: every scalar comes back as text, as PyYAML's BaseLoader gives it (an empty plain value is null);
/// mappings as <see cref="YamlMap"/>, sequences as <see cref="List{T}"/>. Works from the parser's events so that a
/// repeated key, an anchor, an alias or a tag is refused with its line and column instead of silently changing what
/// the session holds, and so that nesting stays bounded.
/// </summary>
internal static class SessionYaml
{
    /// <summary>The deepest nesting of mappings and lists (block or flow); PyTestLab session files nest 4 levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The text is not YAML, or uses what a session file does not.</exception>
    public static object? Parse(string text, string source)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
                return null;
            parser.Consume<DocumentStart>();
            var value = ReadNode(parser, source, 1);
            parser.Consume<DocumentEnd>();
            if (parser.Current is DocumentStart second)
                throw Error(source, second.Start, "a session file holds one YAML document");
            return value;
        }
        catch (YamlException e)
        {
            throw Error(source, e.Start, "malformed YAML: " + Clean(e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these for some malformed inputs; report them like any YAML error.
            var at = parser.Current?.Start ?? Mark.Empty;
            throw Error(source, at, "malformed YAML near here: " + Clean(e.Message));
        }
    }

    private static object? ReadNode(IParser parser, string source, int depth)
    {
        var current = parser.Current ?? throw Error(source, Mark.Empty, "the YAML ends in the middle of a value");
        if (current is AnchorAlias || current is NodeEvent { Anchor.IsEmpty: false } || current is NodeEvent { Tag.IsEmpty: false })
            throw Error(source, current.Start, "anchors, aliases and tags are not supported in session files");
        if (depth > MaxDepth && current is SequenceStart or MappingStart)
            throw Error(source, current.Start, $"the mappings and lists nest more than {MaxDepth} levels deep here; a session file needs far fewer");
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return scalar.Style == ScalarStyle.Plain && scalar.Value.Length == 0 ? null : scalar.Value;
            case SequenceStart:
            {
                parser.MoveNext();
                var items = new List<object?>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                    items.Add(ReadNode(parser, source, depth + 1));
                return items;
            }
            case MappingStart:
            {
                parser.MoveNext();
                var map = new YamlMap();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var at = parser.Current?.Start ?? Mark.Empty;
                    if (ReadNode(parser, source, depth + 1) is not string key)
                        throw Error(source, at, "a mapping key must be text");
                    if (map.Has(key))
                        throw Error(source, at, $"the key '{key}' appears twice");
                    map.Add(new KeyValuePair<string, object?>(key, ReadNode(parser, source, depth + 1)));
                }
                return map;
            }
            default:
                throw Error(source, current.Start, $"unexpected YAML event {current.GetType().Name}");
        }
    }

    // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the line and column are reported separately.
    private static string Clean(string message)
    {
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
    }

    private static InvalidDataException Error(string source, Mark at, string message) =>
        new($"{source} line {at.Line.ToString(CultureInfo.InvariantCulture)}, column {at.Column.ToString(CultureInfo.InvariantCulture)}: {message.TrimEnd('.')}.");
}
