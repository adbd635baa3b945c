using System.CommandLine.Parsing;
using System.Globalization;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// Parses <c>--timeout</c>. The parser's own message for a non-number names a .NET type
/// (<c>System.Nullable`1[System.Int32]</c>), and a negative value other than -1 has no meaning; both get a sentence
/// that says what the option takes, so the user can fix the command line (exit 2).
/// </summary>
internal static class TimeoutOption
{
    /// <summary>-1 is VISA's "wait forever" (VI_TMO_INFINITE), the only negative value allowed.</summary>
    public const int Infinite = -1;

    public static int? Parse(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
            return null;
        var text = result.Tokens[^1].Value;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds))
        {
            result.AddError($"--timeout takes a whole number of milliseconds (0 or more, or -1 to wait forever), not '{text}'; e.g. --timeout 2000");
            return null;
        }
        if (milliseconds < Infinite)
        {
            result.AddError($"--timeout cannot be negative ({text}); give milliseconds, 0 or more, or -1 to wait forever");
            return null;
        }
        return milliseconds;
    }
}
