using System.Text;
using System.Text.Json.Nodes;

namespace OpenVisa.Instruments;

/// <summary>
/// The readable console form of a snapshot, laid out as QCoDeS's <c>print_readable_snapshot</c>: the component's
/// name, a "parameter / value" table sorted by name with units, lines cut at a width, then each submodule.
/// </summary>
public static class SnapshotText
{
    private const int MaxNameField = 50;

    /// <summary>Formats <paramref name="snapshot"/> (an instrument's, a module's or a channel list's).</summary>
    /// <param name="snapshot">A snapshot as <see cref="ISnapshotable.BuildSnapshot"/> writes it.</param>
    /// <param name="maxChars">The longest line; longer ones end in "..."; -1 for no limit.</param>
    public static string Format(JsonObject snapshot, int maxChars = 80)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder();
        Write(snapshot, maxChars, text);
        return text.ToString();
    }

    private static void Write(JsonObject snapshot, int maxChars, StringBuilder text)
    {
        if (snapshot["channels"] is JsonObject channels)
        {
            foreach (var (_, channel) in channels)
            {
                if (channel is JsonObject c)
                    Write(c, maxChars, text);
            }
            return;
        }
        var name = snapshot["name"]?.GetValue<string>() ?? "(unnamed)";
        var parameters = snapshot["parameters"] as JsonObject ?? [];
        var field = Math.Min(parameters.Select(p => p.Key.Length).DefaultIfEmpty(0).Max() + 1, MaxNameField);
        text.Append(name).Append(":\n");
        text.Append("  parameter ".PadRight(field + 2)).Append("value\n");
        text.Append('-', maxChars > 0 ? maxChars : 80).Append('\n');
        foreach (var (key, node) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (node is not JsonObject parameter)
                continue;
            var line = new StringBuilder();
            line.Append((parameter["name"]?.GetValue<string>() ?? key).PadRight(field)).Append(": ");
            line.Append(parameter.ContainsKey("value") ? SnapshotJson.ReadableValue(parameter["value"]) : "Not available");
            var unit = parameter["unit"]?.GetValue<string>() ?? "";
            if (unit.Length > 0)
                line.Append(" (").Append(unit).Append(')');
            if (maxChars > 3 && line.Length > maxChars)
            {
                line.Length = maxChars - 3;
                line.Append("...");
            }
            text.Append(line).Append('\n');
        }
        if (snapshot["submodules"] is JsonObject submodules)
        {
            foreach (var (_, module) in submodules)
            {
                if (module is JsonObject m && (m["snapshotable"]?.GetValue<bool>() ?? true))
                    Write(m, maxChars, text);
            }
        }
    }
}
