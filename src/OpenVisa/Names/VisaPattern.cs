using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace OpenVisa;

/// <summary>
/// A VISA resource pattern, as <c>viFindRsrc</c> and <see cref="ResourceManager.ListResources"/> take it:
/// a regular expression, optionally followed by an attribute expression in braces, e.g.
/// <c>USB?*::INSTR{VI_ATTR_MANF_ID == 0x1AB1 &amp;&amp; VI_ATTR_USB_INTFC_NUM == 0}</c>.
/// </summary>
/// <remarks>
/// <para>
/// The regular expression uses VISA's syntax: <c>?</c> one character; <c>*</c> zero or more and <c>+</c> one or more
/// of the element before (so <c>?*</c> matches anything); <c>[list]</c> and <c>[^list]</c> with ranges such as
/// <c>[0-9]</c>; <c>|</c>; <c>( )</c>; and <c>\</c> to take the next character literally. All other characters,
/// <c>.</c> included, are literal. Matching ignores case and covers the whole name, as the VISA specification says:
/// <c>ASRL1</c> does not match <c>ASRL11::INSTR</c>. (PyVISA anchors only the start, so there it would.)
/// </para>
/// <para>
/// The attribute expression combines comparisons (<c>== != &lt; &gt; &lt;= &gt;=</c>) with <c>&amp;&amp;</c>,
/// <c>||</c>, <c>!</c> and parentheses; operands are attributes, integers (decimal or <c>0x</c> hex), strings in
/// double quotes (compared ignoring case) and the constants <c>VI_INTF_*</c>, <c>VI_NO_SEC_ADDR</c>, <c>VI_TRUE</c>
/// and <c>VI_FALSE</c>. Attribute values come from the resource name; a name that does not carry an attribute makes
/// every comparison with it false, and a name that does not parse carries none.
/// </para>
/// </remarks>
public sealed class VisaPattern
{
    private const int CacheLimit = 256;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private static readonly ConcurrentDictionary<string, VisaPattern> Cache = new(StringComparer.Ordinal);

    private readonly Regex _regex;
    private readonly AttributeExpression? _attributes;

    private VisaPattern(string pattern, Regex regex, AttributeExpression? attributes)
    {
        Pattern = pattern;
        _regex = regex;
        _attributes = attributes;
    }

    /// <summary>The pattern as given.</summary>
    public string Pattern { get; }

    /// <summary>True when the pattern has a <c>{…}</c> attribute expression.</summary>
    public bool HasAttributeExpression => _attributes is not null;

    /// <summary>Parses <paramref name="query"/>; compiled patterns are cached, so parsing the same query again is cheap.</summary>
    /// <exception cref="VisaException">
    /// <see cref="StatusCode.ErrorInvalidExpression"/>, with a message quoting the pattern and saying what is wrong
    /// (an empty pattern, an unbalanced bracket, parenthesis or brace, a misplaced <c>*</c>, an unknown attribute, a bad operator).
    /// </exception>
    public static VisaPattern Parse(string query)
    {
        if (query is null || string.IsNullOrWhiteSpace(query))
        {
            throw PatternError.Create(query ?? "", "the pattern is empty; use ?*::INSTR for every instrument or ?* for every resource");
        }
        if (Cache.TryGetValue(query, out var cached))
        {
            return cached;
        }
        var pattern = Compile(query);
        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }
        Cache[query] = pattern;
        return pattern;
    }

    /// <summary>True when <paramref name="resourceName"/> matches the whole regular expression and satisfies the attribute expression.</summary>
    public bool IsMatch(string resourceName)
    {
        ArgumentNullException.ThrowIfNull(resourceName);
        if (!RegexMatches(resourceName))
        {
            return false;
        }
        if (_attributes is null)
        {
            return true;
        }
        ResourceName.TryParse(resourceName, out var parsed);
        return _attributes.Evaluate(parsed);
    }

    /// <summary>True when the canonical form of <paramref name="name"/> matches and the name satisfies the attribute expression.</summary>
    public bool IsMatch(ResourceName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return RegexMatches(name.Canonical) && (_attributes is null || _attributes.Evaluate(name));
    }

    /// <summary>The names that match, in their original order.</summary>
    public IReadOnlyList<string> Filter(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Where(IsMatch).ToList();
    }

    /// <summary>The pattern as given.</summary>
    public override string ToString() => Pattern;

    private bool RegexMatches(string text)
    {
        try
        {
            return _regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new VisaException(StatusCode.ErrorInvalidExpression,
                $"Matching '{text}' against the pattern '{Pattern}' took longer than {MatchTimeout.TotalSeconds:0} s; simplify the pattern.",
                PatternError.Operation, innerException: e);
        }
    }

    private static VisaPattern Compile(string query)
    {
        var (regexPart, expressionText, expressionOffset) = Split(query);
        if (regexPart.Length == 0)
        {
            PatternError.Fail(query, "nothing comes before the '{'; use ?* to match every name");
        }
        var translated = VisaRegexTranslator.Translate(regexPart, query);
        Regex regex;
        try
        {
            regex = new Regex(translated, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new VisaException(StatusCode.ErrorInvalidExpression, $"Invalid resource pattern '{query}': {e.Message}", PatternError.Operation, innerException: e);
        }
        var attributes = expressionText is null ? null : AttributeExpressionParser.Parse(expressionText, expressionOffset, query);
        return new VisaPattern(query, regex, attributes);
    }

    /// <summary>
    /// Splits at the first <c>{</c> that is neither escaped nor inside a <c>[list]</c>. The expression runs to the
    /// closing <c>}</c>, which must end the pattern; spaces before the <c>{</c> are dropped, as names never hold them.
    /// </summary>
    private static (string Regex, string? Expression, int ExpressionOffset) Split(string query)
    {
        var inList = false;
        for (var i = 0; i < query.Length; i++)
        {
            switch (query[i])
            {
                case '\\':
                    i++;
                    break;
                case '[' when !inList:
                    inList = true;
                    break;
                case ']' when inList:
                    inList = false;
                    break;
                case '{' when !inList:
                    if (query[^1] != '}')
                    {
                        PatternError.Fail(query, $"the '{{' at position {i + 1} is never closed by '}}' at the end of the pattern");
                    }
                    var regexEnd = i;
                    while (regexEnd > 0 && query[regexEnd - 1] == ' ' && (regexEnd < 2 || query[regexEnd - 2] != '\\'))
                    {
                        regexEnd--;
                    }
                    return (query[..regexEnd], query[(i + 1)..^1], i + 1);
            }
        }
        return (query, null, 0);
    }
}
