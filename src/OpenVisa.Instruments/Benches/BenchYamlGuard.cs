using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OpenVisa.Instruments.Benches;

/// <summary>
/// Walks a bench file's YAML events before it is loaded into a tree, because YamlDotNet's tree loader recurses once per
/// level (50,000 nested brackets overflow the stack and end the process) and snapshots expand aliases (a few hundred
/// bytes of aliases repeating aliases stand for billions of values). Reports the first limit passed with its line.
/// </summary>
internal static class BenchYamlGuard
{
    /// <summary>The deepest nesting of lists and mappings, aliases expanded; bench files nest fewer than 10 levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most values the file may stand for with its aliases expanded.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>The problem found, or null when the text is within the limits (or malformed, which the loader reports).</summary>
    public static BenchProblem? Check(string text, string path)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (long Count, int Depth)>(StringComparer.Ordinal);
        // One frame per open list or mapping: its expanded count and depth so far, and its anchor.
        var frames = new Stack<(long Count, int Depth, string? Anchor)>();
        // Where each open list or mapping began, so a parse error can name where an unclosed '[' or '{' started.
        var opened = new Stack<(Mark Start, char? Bracket)>();
        ParsingEvent? last = null;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current;
                (long Count, int Depth)? done = null;
                string? anchor = null;
                switch (current)
                {
                    case SequenceStart or MappingStart:
                        if (frames.Count >= MaxDepth)
                            return Problem(path, current, $"the lists and mappings nest more than {MaxDepth} levels deep here; a bench file needs far fewer (is a '[' or '{{' left unclosed?)");
                        var start = (NodeEvent)current;
                        frames.Push((1, 1, start.Anchor.IsEmpty ? null : start.Anchor.Value));
                        opened.Push((current.Start, current switch
                        {
                            SequenceStart { Style: SequenceStyle.Flow } => '[',
                            MappingStart { Style: MappingStyle.Flow } => '{',
                            _ => null,
                        }));
                        continue;
                    case SequenceEnd or MappingEnd:
                        opened.Pop();
                        var frame = frames.Pop();
                        (done, anchor) = ((frame.Count, frame.Depth), frame.Anchor);
                        break;
                    case Scalar scalar:
                        (done, anchor) = ((1, 1), scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value);
                        break;
                    case AnchorAlias alias:
                        done = anchors.TryGetValue(alias.Value.Value, out var target) ? target : (1, 1);
                        break;
                }
                if (done is not { } node)
                    continue;
                if (anchor is not null)
                    anchors[anchor] = node;
                if (frames.Count == 0)
                    continue;
                var parent = frames.Pop();
                parent = (parent.Count + node.Count, Math.Max(parent.Depth, node.Depth + 1), parent.Anchor);
                if (parent.Count > MaxExpandedNodes)
                    return Problem(path, current, $"with its aliases ('*name') expanded the file stands for more than {MaxExpandedNodes:N0} values; aliases that repeat aliases multiply, so write the values out");
                if (parent.Depth > MaxDepth)
                    return Problem(path, current, $"with its aliases ('*name') expanded the file nests more than {MaxDepth} levels deep");
                frames.Push(parent);
            }
        }
        catch (YamlException e)
        {
            // Malformed YAML is reported by the loader with YamlDotNet's own message, unless a bracket is still open: then,
            // as PyYAML does, the place it was opened comes first, since the parser gives up only lines later.
            return Unclosed(path, opened, $"at line {e.Start.Line}, column {e.Start.Column}", e.InnerException?.Message ?? e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            if (Unclosed(path, opened, last is null ? "at the start" : $"after line {last.End.Line}, column {last.End.Column}", e.Message) is { } unclosed)
                return unclosed;
            // YamlDotNet's scanner throws these (not YamlException, so with no mark) for some malformed text, such as
            // "      : {\n0"; the last event read is the nearest place known.
            var line = last is null ? 1 : (int)last.End.Line;
            var column = last is null ? 1 : (int)last.End.Column;
            return new BenchProblem(path, line, column, "", $"this is not valid YAML after this point (YamlDotNet: {e.Message}); check the indentation, brackets and colons");
        }
        return null;
    }

    /// <summary>A problem at the innermost '[' or '{' still open, or null when none is.</summary>
    private static BenchProblem? Unclosed(string path, Stack<(Mark Start, char? Bracket)> opened, string gaveUp, string parserMessage)
    {
        foreach (var (start, bracket) in opened)
        {
            if (bracket is not { } open)
                continue;
            var close = open == '[' ? ']' : '}';
            return new BenchProblem(path, (int)start.Line, (int)start.Column, "",
                $"this is not valid YAML: the '{open}' opened here (line {start.Line}, column {start.Column}) is not closed with '{close}' where it should be; "
                + $"the parser gave up {gaveUp} (YamlDotNet: {parserMessage.TrimEnd('.')}). Check that every '{open}' has its '{close}' and the items are separated by commas");
        }
        return null;
    }

    private static BenchProblem Problem(string path, ParsingEvent at, string message) =>
        new(path, (int)at.Start.Line, (int)at.Start.Column, "", message);
}
