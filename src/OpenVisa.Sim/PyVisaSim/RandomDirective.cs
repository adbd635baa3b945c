using System.Globalization;
using System.Text.RegularExpressions;
using OpenVisa.Sim.Text;

namespace OpenVisa.Sim.PyVisaSim;

/// <summary>
/// pyvisa-sim's <c>{RANDOM(min, max, n):fmt}</c> reply: n values drawn with <c>random.uniform(min, max)</c>, each formatted
/// by what is left of the reply once the <c>RANDOM(...)</c> text is removed, joined by ", ". The arguments must be
/// separated by exactly ", " as pyvisa-sim's expression requires.
/// </summary>
internal sealed class RandomDirective
{
    private static readonly Regex Finder = new(@"{RANDOM\((\d*.\d*), (\d*.\d*), (\d*)\).*}", RegexOptions.CultureInvariant);
    private static readonly Regex Remover = new(@"RANDOM\((\d*.\d*), (\d*.\d*), (\d*)\)", RegexOptions.CultureInvariant);

    private RandomDirective(double minimum, double maximum, int count, PyFormatTemplate template)
    {
        Minimum = minimum;
        Maximum = maximum;
        Count = count;
        Template = template;
    }

    public double Minimum { get; }

    public double Maximum { get; }

    public int Count { get; }

    public PyFormatTemplate Template { get; }

    /// <summary>True when pyvisa-sim treats <paramref name="reply"/> as a directive: it contains "RANDOM" anywhere.</summary>
    public static bool Applies(string reply) => reply.Contains("RANDOM", StringComparison.Ordinal);

    /// <summary>Reads the directive; throws <see cref="FormatException"/> with pyvisa-sim's message when it is malformed.</summary>
    public static RandomDirective Parse(string reply)
    {
        var match = Finder.Match(reply);
        const string wrong = "pyvisa-sim: Wrong RANDOM directive, see documentation for correct usage.";
        if (!match.Success)
            throw new FormatException($"{wrong} Write {{RANDOM(min, max, count):format}}, e.g. {{RANDOM(0, 10, 1):.2f}}; found '{reply}'.");
        if (!PyFloat.TryParse(match.Groups[1].Value, out var minimum) || !PyFloat.TryParse(match.Groups[2].Value, out var maximum))
            throw new FormatException($"{wrong} The bounds '{match.Groups[1].Value}' and '{match.Groups[2].Value}' must be numbers.");
        if (!int.TryParse(match.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new FormatException($"{wrong} The count '{match.Groups[3].Value}' must be a whole number.");
        var template = PyFormatTemplate.Parse(Remover.Replace(reply, ""));
        return new RandomDirective(minimum, maximum, count, template);
    }

    /// <summary>Writes the reply: <see cref="Count"/> formatted values joined by ", ".</summary>
    public void Write(PythonRandom random, TextBuilder output)
    {
        for (var k = 0; k < Count; k++)
        {
            if (k > 0)
                output.Append(", ");
            Template.Format(PyValue.Float(random.Uniform(Minimum, Maximum)), output);
        }
    }
}
