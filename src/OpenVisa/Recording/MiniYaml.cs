using System.Globalization;
using System.Text;

namespace OpenVisa;

/// <summary>
/// Reads the part of YAML that PyTestLab's session files use (PyYAML <c>dump</c> output and hand-written variants):
/// block mappings and sequences, flow mappings and sequences, plain, single- and double-quoted scalars (folded over
/// lines), literal and folded block scalars, and comments. Every scalar comes back as text, as PyYAML's BaseLoader
/// gives it; mappings as <see cref="YamlMap"/>, sequences as <see cref="List{T}"/>. Anchors, aliases, tags and
/// several documents are not supported and are reported as errors.
/// </summary>
/// <remarks>The core library does not depend on a YAML package; this reader is small because the format it serves is.</remarks>
internal sealed partial class MiniYaml
{
    /// <summary>The deepest nesting of mappings and lists (block or flow); PyTestLab session files nest 4 levels.</summary>
    public const int MaxDepth = 64;

    private readonly List<string> _lines;
    private readonly string _source;
    private int _line;
    private int _depth;

    private MiniYaml(string text, string source)
    {
        _lines = [.. text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Replace('\t', ' '))];
        _source = source;
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    public static object? Parse(string text, string source)
    {
        var reader = new MiniYaml(text, source);
        reader.SkipBlank();
        if (reader._line < reader._lines.Count && reader._lines[reader._line].TrimEnd() == "---")
            reader._line++;
        var value = reader.ParseNode(0);
        reader.SkipBlank();
        if (reader._line < reader._lines.Count)
            throw reader.Error(reader._line, $"unexpected '{reader._lines[reader._line].Trim()}' after the end of the document");
        return value;
    }

    private object? ParseNode(int minIndent)
    {
        // Every nested block mapping or list comes through here, so this bounds the reader's recursion.
        if (++_depth > MaxDepth)
            throw Error(_line, $"the mappings and lists nest more than {MaxDepth} levels deep here; a session file needs far fewer");
        try
        {
            return ParseNodeAtDepth(minIndent);
        }
        finally
        {
            _depth--;
        }
    }

    private object? ParseNodeAtDepth(int minIndent)
    {
        SkipBlank();
        if (_line >= _lines.Count)
            return null;
        var (indent, content) = Split(_lines[_line]);
        if (indent < minIndent)
            return null;
        if (IsSequenceItem(content))
            return ParseSequence(indent);
        if (MappingKey(content, _line) is not null)
            return ParseMapping(indent);
        _line++;
        return ParseInline(content, indent - 1);
    }

    private YamlMap ParseMapping(int indent)
    {
        var map = new YamlMap();
        while (true)
        {
            SkipBlank();
            if (_line >= _lines.Count)
                return map;
            var (lineIndent, content) = Split(_lines[_line]);
            if (lineIndent < indent)
                return map;
            if (lineIndent > indent)
                throw Error(_line, "this line is indented more than the mapping it belongs to");
            var key = MappingKey(content, _line) ?? throw Error(_line, $"expected 'key: value' in a mapping, found '{content}'");
            var rest = content[key.ValueStart..].Trim();
            var at = _line++;
            if (map.Any(p => p.Key == key.Key))
                throw Error(at, $"the key '{key.Key}' appears twice");
            map.Add(new(key.Key, rest.Length == 0 || rest.StartsWith('#') ? ParseChild(indent) : ParseInline(rest, indent)));
        }
    }

    // The value of 'key:' with nothing after it: a more indented node, a sequence at the same indent (PyYAML's style), or null.
    private object? ParseChild(int indent)
    {
        SkipBlank();
        if (_line >= _lines.Count)
            return null;
        var (next, content) = Split(_lines[_line]);
        if (next > indent)
            return ParseNode(next);
        return next == indent && IsSequenceItem(content) ? ParseSequence(indent) : null;
    }

    private List<object?> ParseSequence(int indent)
    {
        var list = new List<object?>();
        while (true)
        {
            SkipBlank();
            if (_line >= _lines.Count)
                return list;
            var (lineIndent, content) = Split(_lines[_line]);
            if (lineIndent != indent || !IsSequenceItem(content))
            {
                if (lineIndent > indent)
                    throw Error(_line, "this line is indented more than the sequence it belongs to");
                return list;
            }
            var item = content.Length == 1 ? "" : content[1..];
            var itemIndent = indent + 1 + (item.Length - item.TrimStart().Length);
            item = item.Trim();
            if (item.Length == 0 || item.StartsWith('#'))
            {
                _line++;
                list.Add(ParseChild(indent));
            }
            else if (IsSequenceItem(item) || MappingKey(item, _line) is not null)
            {
                // "- key: value" starts a mapping (or "- - x" a sequence) whose column is the item's.
                _lines[_line] = new string(' ', itemIndent) + item;
                list.Add(ParseNode(itemIndent));
            }
            else
            {
                _line++;
                list.Add(ParseInline(item, indent));
            }
        }
    }

    /// <summary>A value that starts on the current line after a key or dash; <paramref name="indent"/> is the parent's column.</summary>
    private object? ParseInline(string text, int indent)
    {
        var start = _line - 1;
        switch (text[0])
        {
            case '"' or '\'':
            {
                var (value, end) = ReadQuoted(text, start);
                var trailing = end.Trim();
                if (trailing.Length > 0 && !trailing.StartsWith('#'))
                    throw Error(_line - 1, $"unexpected '{trailing}' after a quoted value");
                return value;
            }
            case '{' or '[':
                return ParseFlowText(GatherFlow(text, start), start);
            case '|' or '>':
                return ReadBlockScalar(text, indent);
            case '&' or '*' or '!':
                throw Error(start, "anchors, aliases and tags are not supported in session files");
            default:
                return ReadPlain(text, indent);
        }
    }

    private string ReadPlain(string first, int indent)
    {
        var builder = new StringBuilder(StripComment(first));
        var blank = 0;
        while (_line < _lines.Count)
        {
            var line = _lines[_line];
            if (line.Trim().Length == 0)
            {
                blank++;
                _line++;
                continue;
            }
            var (lineIndent, content) = Split(line);
            if (lineIndent <= indent || content.StartsWith('#') || MappingKey(content, _line) is not null || IsSequenceItem(content))
                break;
            builder.Append(blank > 0 ? new string('\n', blank) : " ").Append(StripComment(content));
            blank = 0;
            _line++;
        }
        // Blank lines that ended the scalar belong to what follows.
        _line -= blank;
        return builder.ToString();
    }

    private string ReadBlockScalar(string header, int indent)
    {
        var literal = header[0] == '|';
        var chomp = header.Contains('-', StringComparison.Ordinal) ? '-' : header.Contains('+', StringComparison.Ordinal) ? '+' : ' ';
        var lines = new List<string>();
        var blockIndent = -1;
        while (_line < _lines.Count)
        {
            var line = _lines[_line];
            if (line.Trim().Length == 0)
            {
                lines.Add("");
                _line++;
                continue;
            }
            var (lineIndent, _) = Split(line);
            if (blockIndent < 0)
                blockIndent = lineIndent;
            if (lineIndent < blockIndent || lineIndent <= indent)
                break;
            lines.Add(line[blockIndent..]);
            _line++;
        }
        var trailingBlank = lines.AsEnumerable().Reverse().TakeWhile(l => l.Length == 0).Count();
        _line -= trailingBlank;
        var body = lines.Take(lines.Count - trailingBlank).ToList();
        if (blockIndent < 0 && body.Count == 0)
            return "";
        string text;
        if (literal)
        {
            text = string.Join('\n', body);
        }
        else
        {
            var builder = new StringBuilder();
            for (var i = 0; i < body.Count; i++)
            {
                if (i > 0)
                    builder.Append(body[i].Length == 0 || body[i - 1].Length == 0 || body[i].StartsWith(' ') ? "\n" : " ");
                builder.Append(body[i]);
            }
            text = builder.ToString().Replace(" \n", "\n", StringComparison.Ordinal);
        }
        return chomp switch
        {
            '-' => text,
            '+' => text + new string('\n', trailingBlank + 1),
            _ => text + "\n",
        };
    }

    private void SkipBlank()
    {
        while (_line < _lines.Count)
        {
            var trimmed = _lines[_line].Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                if (trimmed is "---" or "..." && _line > 0)
                    throw Error(_line, "a session file holds one YAML document");
                return;
            }
            _line++;
        }
    }

    private static (int Indent, string Content) Split(string line)
    {
        var indent = line.Length - line.TrimStart(' ').Length;
        return (indent, line[indent..].TrimEnd());
    }

    private static bool IsSequenceItem(string content) => content == "-" || content.StartsWith("- ", StringComparison.Ordinal);

    private static string StripComment(string text)
    {
        var hash = text.IndexOf(" #", StringComparison.Ordinal);
        return (hash < 0 ? text : text[..hash]).Trim();
    }

    private InvalidDataException Error(int line, string message) =>
        new($"{_source} line {(line + 1).ToString(CultureInfo.InvariantCulture)}: {message}.");
}

/// <summary>A YAML mapping, in file order.</summary>
internal sealed class YamlMap : List<KeyValuePair<string, object?>>
{
    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public object? Get(string key) => this.FirstOrDefault(p => p.Key == key).Value;

    /// <summary>True when <paramref name="key"/> is present.</summary>
    public bool Has(string key) => this.Any(p => p.Key == key);
}
