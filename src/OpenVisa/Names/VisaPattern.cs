namespace OpenVisa;

// PLACEHOLDER: replaced wholesale by the resource-name work (issue 2, item 2).
/// <summary>A VISA resource pattern.</summary>
public sealed class VisaPattern
{
    private readonly System.Text.RegularExpressions.Regex _regex;

    private VisaPattern(string pattern) =>
        _regex = new System.Text.RegularExpressions.Regex("^(?:" + pattern.Replace("?", ".", StringComparison.Ordinal).Replace("*", ".*", StringComparison.Ordinal) + ")$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>Parses a pattern.</summary>
    public static VisaPattern Parse(string pattern) => new(pattern);

    /// <summary>True when the name matches.</summary>
    public bool IsMatch(string resourceName) => _regex.IsMatch(resourceName);
}
