using System.Globalization;
using System.Text.RegularExpressions;
using OpenVisa.Sim.Expressions;
using OpenVisa.Sim.Loading;
using OpenVisa.Sim.Yaml;

namespace OpenVisa.Sim.Profiles;

/// <summary>
/// Types YAML values as PyYAML's <c>safe_load</c> does (YAML 1.1), which is how PyTestLab reads its profiles: plain
/// scalars become null, bool (true/yes/on …), int (decimal, 0x, 0o, 0b, underscores) or float (needs a dot: <c>1.e+6</c>,
/// <c>.inf</c>); quoted scalars stay text; mappings and lists become state maps and lists.
/// </summary>
internal static partial class YamlTyping
{
    [GeneratedRegex(@"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[-+]?(?:0|[1-9][0-9_]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalPattern();

    public static ExprValue Value(YamlNode node, ProblemList problems)
    {
        switch (node)
        {
            case YamlScalar scalar:
                return Scalar(scalar);
            case YamlSequence sequence:
                return ExprValue.List([.. sequence.Items.Select(item => Value(item, problems))]);
            case YamlMapping mapping:
                return ExprValue.Map(Map(mapping, problems));
            default:
                return ExprValue.None;
        }
    }

    public static StateMap Map(YamlMapping mapping, ProblemList problems)
    {
        var map = new StateMap();
        foreach (var (key, value) in mapping.Distinct())
            map[key.Value] = Value(value, problems);
        return map;
    }

    public static ExprValue Scalar(YamlScalar scalar)
    {
        if (!scalar.IsPlain)
            return ExprValue.Str(scalar.Value);
        var text = scalar.Value;
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return ExprValue.None;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                return ExprValue.True;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                return ExprValue.False;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return ExprValue.Float(double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return ExprValue.Float(double.NegativeInfinity);
            case ".nan" or ".NaN" or ".NAN":
                return ExprValue.Float(double.NaN);
        }
        var clean = text.Replace("_", "", StringComparison.Ordinal);
        if (DecimalPattern().IsMatch(text) && long.TryParse(clean, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return ExprValue.Int(integer);
        var unsigned = clean.TrimStart('+', '-');
        var negative = clean.StartsWith('-');
        if (unsigned.Length > 2 && unsigned[0] == '0' && unsigned[1] is 'x' or 'b' or 'o')
        {
            var radix = unsigned[1] switch { 'x' => 16, 'b' => 2, _ => 8 };
            if (PyVisaSim.PyInt.TryParse(unsigned, radix, out var based))
                return ExprValue.Int(negative ? -based : based);
        }
        else if (unsigned.Length > 1 && unsigned[0] == '0' && !unsigned.Contains('.', StringComparison.Ordinal) && PyVisaSim.PyInt.TryParse(unsigned.AsSpan(1), 8, out var octal))
        {
            return ExprValue.Int(negative ? -octal : octal);
        }
        if (FloatPattern().IsMatch(text) && text.Any(char.IsAsciiDigit) && double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            return ExprValue.Float(real);
        return ExprValue.Str(text);
    }
}
