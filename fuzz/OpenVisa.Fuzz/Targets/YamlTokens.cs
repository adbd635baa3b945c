using System.Text;

namespace OpenVisa.Fuzz.Targets;

/// <summary>The YAML syntax the file targets splice into their inputs: indicators, anchors, aliases, tags, flow collections.</summary>
internal static class YamlTokens
{
    public static readonly IReadOnlyList<byte[]> All =
    [
        .. new[] { ": ", "- ", "\n  ", "\n", "{", "}", "[", "]", ", ", "&a ", "*a", "!!str ", "!!binary ", "|\n  ", ">-\n  ", "'", "\"", "\\u00", "? ", "# ", "---\n", "...\n", "<<: *a", "~", "null", "1e999", "-0x80000000" }
            .Select(Encoding.UTF8.GetBytes),
    ];
}
