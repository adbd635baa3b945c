using System.Text;

namespace OpenVisa;

/// <summary>
/// Finds settings and their queries that evidently hold one value (<c>VOLT 5</c> then <c>VOLT?</c> answering <c>5</c>),
/// checks that a pyvisa-sim property would have answered every recorded query exactly as the instrument did, and
/// describes the property.
/// </summary>
internal static class SimPropertyFinder
{
    public static List<SimProperty> Find(List<SimDeviceWriter.Message> messages)
    {
        var headers = messages.Select(m => SetterHeader(m)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var properties = new List<SimProperty>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            var related = messages.Where(m => m.Text == header + "?" || m.Text.StartsWith(header + " ", StringComparison.Ordinal)).ToList();
            if (!related.Any(m => m.Text == header + "?" && m.Reply is not null))
                continue;
            // A setting the instrument answered, or a query it did not, is no simple property.
            if (related.Any(m => m.Text == header + "?" ? m.Reply is null : m.Reply is not null))
                continue;
            var property = AsText(header, related) ?? AsNumber(header, related);
            if (property is null)
                continue;
            property.Name = UniqueName(header, names);
            properties.Add(property);
        }
        return properties;
    }

    /// <summary>The header of a message that looks like a setting: printable ASCII, one command, a header and an argument.</summary>
    private static string? SetterHeader(SimDeviceWriter.Message message)
    {
        var text = message.Text;
        if (message.Reply is not null || text.Length == 0 || text.Any(c => c < ' ' || c > '~') || text.Contains(';', StringComparison.Ordinal) ||
            text.Contains('{', StringComparison.Ordinal) || text.Contains('}', StringComparison.Ordinal))
            return null;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || space == text.Length - 1)
            return null;
        var header = text[..space];
        return header.EndsWith('?') ? null : header;
    }

    // The value is kept as the text written, and every query answers that text.
    private static SimProperty? AsText(string header, List<SimDeviceWriter.Message> related)
    {
        string? value = null, initial = null;
        foreach (var m in related)
        {
            if (m.Text == header + "?")
            {
                if (value is null)
                    initial = value = m.ReplyText;
                else if (m.ReplyText != value)
                    return null;
            }
            else
            {
                value = m.Text[(header.Length + 1)..];
                initial ??= value;
            }
        }
        return new SimProperty(header, initial ?? "", "{}", null, [.. related.Select(m => m.Text)]);
    }

    // The value is a number, and every query prints it in one format (the instrument's, e.g. +5.00000000E+00).
    private static SimProperty? AsNumber(string header, List<SimDeviceWriter.Message> related)
    {
        var firstReply = related.First(m => m.Text == header + "?").ReplyText!;
        var format = PyFormatGuess.For(firstReply);
        if (format is null)
            return null;
        double? value = null;
        string? initial = null;
        foreach (var m in related)
        {
            if (m.Text == header + "?")
            {
                if (value is null)
                {
                    if (!format.TryParse(m.ReplyText!, out var read))
                        return null;
                    value = read;
                    initial = m.ReplyText;
                }
                if (format.Format(value.Value) != m.ReplyText)
                    return null;
            }
            else
            {
                var text = m.Text[(header.Length + 1)..];
                if (!format.TryParse(text, out var written))
                    return null;
                value = written;
                initial ??= text.Trim();
            }
        }
        return new SimProperty(header, initial!, format.Spec, format.Type, [.. related.Select(m => m.Text)]);
    }

    private static string UniqueName(string header, HashSet<string> names)
    {
        var builder = new StringBuilder();
        foreach (var c in header.ToLowerInvariant())
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        var name = builder.ToString().Trim('_');
        if (name.Length == 0)
            name = "property";
        var unique = name;
        for (var n = 2; !names.Add(unique); n++)
            unique = name + "_" + SimDeviceWriter.Number(n);
        return unique;
    }
}

/// <summary>A pyvisa-sim property made from recorded traffic.</summary>
internal sealed class SimProperty(string header, string initial, string getterFormat, string? type, IReadOnlyList<string> covers)
{
    public string Name { get; set; } = "";

    /// <summary>The recorded messages this property answers (they get no dialogue).</summary>
    public IReadOnlyList<string> Covers { get; } = covers;

    public void WriteTo(StringBuilder yaml)
    {
        yaml.Append("      ").Append(Name).Append(":\n");
        yaml.Append("        default: ").Append(Quote(initial)).Append('\n');
        yaml.Append("        getter:\n          q: ").Append(Quote(header + "?")).Append("\n          r: ").Append(Quote(getterFormat)).Append('\n');
        yaml.Append("        setter:\n          q: ").Append(Quote(header + " {}")).Append('\n');
        if (type is not null)
            yaml.Append("        specs:\n          type: ").Append(type).Append('\n');
    }

    private static string Quote(string text) => "\"" + SimYamlText.Escape(text) + "\"";
}
