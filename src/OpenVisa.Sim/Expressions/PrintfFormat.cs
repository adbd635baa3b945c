using System.Text;
using OpenVisa.Sim.PyVisaSim;
using OpenVisa.Sim.Text;

namespace OpenVisa.Sim.Expressions;

/// <summary>Python's <c>"text %d" % value</c> for one value (or a list of values), through the same formatting as <c>format()</c>.</summary>
internal static class PrintfFormat
{
    public static string Apply(string template, ExprValue argument)
    {
        var values = argument.Kind == ExprKind.List ? argument.AsList : [argument];
        var output = new TextBuilder();
        var next = 0;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i++];
            if (c != '%')
            {
                output.Append(c);
                continue;
            }
            if (i < template.Length && template[i] == '%')
            {
                output.Append('%');
                i++;
                continue;
            }
            var spec = new StringBuilder();
            var align = "";
            while (i < template.Length && template[i] is '-' or '+' or ' ' or '#' or '0')
            {
                var flag = template[i++];
                if (flag == '-')
                    align = "<";
                else
                    spec.Append(flag);
            }
            while (i < template.Length && (char.IsAsciiDigit(template[i]) || template[i] == '.'))
                spec.Append(template[i++]);
            if (i >= template.Length)
                throw new ExprException($"incomplete format in '{template}'");
            var type = template[i++];
            if (next >= values.Count)
                throw new ExprException($"not enough arguments for format string '{template}'");
            var value = values[next++];
            var text = spec.ToString();
            if (align.Length > 0)
                text = text.Replace("0", "", StringComparison.Ordinal).Length == text.Length ? text : text.TrimStart('0');
            var pyType = type switch
            {
                'd' or 'i' or 'u' => "d",
                's' or 'r' => "",
                _ => type.ToString(),
            };
            var pyValue = type switch
            {
                's' => PyValue.Str(value.ToString()),
                'r' => PyValue.Str(value.Repr()),
                'd' or 'i' or 'u' when value.Kind == ExprKind.Float => PyValue.Int((long)Math.Truncate(value.AsFloat)),
                _ => value.ToPyValue(forNumericSpec: true),
            };
            try
            {
                PyFormatSpec.Parse(align + text + pyType).Format(pyValue, output);
            }
            catch (FormatLimitException e)
            {
                throw new ExprLimitException($"'%{text}{type}': {e.Message}");
            }
            catch (FormatException e)
            {
                throw new ExprException($"'%{text}{type}' cannot format {value.Repr()}: {e.Message}");
            }
        }
        if (next < values.Count)
            throw new ExprException($"not all arguments converted during string formatting of '{template}'");
        return output.ToString();
    }
}
