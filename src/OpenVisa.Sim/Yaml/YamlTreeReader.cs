using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OpenVisa.Sim.Yaml;

/// <summary>A YAML text that could not be read as YAML.</summary>
internal sealed class YamlSyntaxException(SourceMark mark, string message) : Exception(message)
{
    public SourceMark Mark { get; } = mark;
}

/// <summary>
/// Reads YAML text into <see cref="YamlNode"/> trees with the marks of every node. Works from the parser's
/// events rather than YamlDotNet's representation model so that repeated keys behave as in PyYAML (the last
/// one wins) and every scalar stays text.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>Reads the single document in <paramref name="text"/>; null for an empty document.</summary>
    /// <exception cref="YamlSyntaxException">The text is not YAML, or holds more than one document.</exception>
    public static YamlNode? Read(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var last = new SourceMark(file, 1, 1);
        try
        {
            Expect<StreamStart>(parser, file);
            if (!parser.MoveNext() || parser.Current is StreamEnd)
                return null;
            if (parser.Current is not DocumentStart)
                throw new YamlSyntaxException(MarkOf(parser.Current!, file), "expected the start of a YAML document");
            parser.MoveNext();
            var root = ReadNode(parser, anchors, file, 1);
            last = MarkOf(parser.Current!, file);
            if (parser.Current is not DocumentEnd)
                throw new YamlSyntaxException(last, "expected the end of the YAML document");
            parser.MoveNext();
            if (parser.Current is DocumentStart)
                throw new YamlSyntaxException(MarkOf(parser.Current, file), "the file holds more than one YAML document (a second '---'); a simulator file is one document");
            return root;
        }
        catch (YamlException e)
        {
            throw new YamlSyntaxException(new SourceMark(file, (int)e.Start.Line, (int)e.Start.Column), "malformed YAML: " + Clean(e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these for some malformed inputs; report them like any YAML error.
            var mark = parser.Current is { } current ? MarkOf(current, file) : last;
            throw new YamlSyntaxException(mark, "malformed YAML near here: " + Clean(e.Message));
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the mark is reported separately.
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
    }

    private static SourceMark MarkOf(ParsingEvent e, string file) => new(file, (int)e.Start.Line, (int)e.Start.Column);

    private static void Expect<T>(IParser parser, string file)
        where T : ParsingEvent
    {
        if (!parser.MoveNext() || parser.Current is not T)
            throw new YamlSyntaxException(new SourceMark(file, 1, 1), $"expected {typeof(T).Name}");
    }

    private static YamlNode ReadNode(IParser parser, Dictionary<string, YamlNode> anchors, string file, int depth)
    {
        var current = parser.Current ?? throw new YamlSyntaxException(new SourceMark(file, 1, 1), "unexpected end of YAML");
        var mark = MarkOf(current, file);
        // Checked before going one level deeper, so the reader's own recursion stays bounded too.
        if (depth > YamlLimits.MaxDepth && current is SequenceStart or MappingStart)
            throw new YamlSyntaxException(mark, $"the lists and mappings nest more than {YamlLimits.MaxDepth} levels deep here; a simulator file needs far fewer (is a '[' or '{{' left unclosed?)");
        switch (current)
        {
            case Scalar scalar:
            {
                parser.MoveNext();
                var node = new YamlScalar(mark, scalar.Value, scalar.Style == ScalarStyle.Plain);
                Remember(scalar, node, anchors);
                return node;
            }
            case AnchorAlias alias:
            {
                parser.MoveNext();
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    throw new YamlSyntaxException(mark, $"the alias '*{alias.Value.Value}' names no anchor defined before it");
                return target;
            }
            case SequenceStart start:
            {
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (parser.Current is not SequenceEnd)
                    items.Add(ReadNode(parser, anchors, file, depth + 1));
                parser.MoveNext();
                var node = new YamlSequence(mark, items) { ExpandedCount = Count(mark, items), ExpandedDepth = Depth(mark, items) };
                Remember(start, node, anchors);
                return node;
            }
            case MappingStart start:
            {
                parser.MoveNext();
                var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                while (parser.Current is not MappingEnd)
                {
                    var keyNode = ReadNode(parser, anchors, file, depth + 1);
                    if (keyNode is not YamlScalar key)
                        throw new YamlSyntaxException(keyNode.Mark, $"a mapping key must be text, not {keyNode.Kind}");
                    entries.Add(new KeyValuePair<YamlScalar, YamlNode>(key, ReadNode(parser, anchors, file, depth + 1)));
                }
                parser.MoveNext();
                var values = entries.Select(e => e.Value).ToList();
                var node = new YamlMapping(mark, entries) { ExpandedCount = Count(mark, values) + entries.Count, ExpandedDepth = Depth(mark, values) };
                Remember(start, node, anchors);
                return node;
            }
            default:
                throw new YamlSyntaxException(mark, $"unexpected YAML event {current.GetType().Name}");
        }
    }

    // Aliases are shared, not copied, here; but whatever walks the tree later expands them, so their expanded size
    // and depth are what must stay bounded.
    private static long Count(SourceMark mark, List<YamlNode> children)
    {
        long count = 1;
        foreach (var child in children)
            count += child.ExpandedCount;
        if (count > YamlLimits.MaxExpandedNodes)
            throw new YamlSyntaxException(mark, $"this node holds more than {YamlLimits.MaxExpandedNodes:N0} values, counting each value its aliases ('*name') repeat; that is far more than a simulator needs (aliases that repeat aliases multiply, as in a 'billion laughs' file), so split the file or write fewer values");
        return count;
    }

    private static int Depth(SourceMark mark, List<YamlNode> children)
    {
        var depth = 1 + (children.Count == 0 ? 0 : children.Max(c => c.ExpandedDepth));
        if (depth > YamlLimits.MaxDepth)
            throw new YamlSyntaxException(mark, $"this node nests more than {YamlLimits.MaxDepth} levels deep once its aliases ('*name') are expanded; a simulator file needs far fewer");
        return depth;
    }

    private static void Remember(NodeEvent e, YamlNode node, Dictionary<string, YamlNode> anchors)
    {
        if (!e.Anchor.IsEmpty)
            anchors[e.Anchor.Value] = node;
    }
}
