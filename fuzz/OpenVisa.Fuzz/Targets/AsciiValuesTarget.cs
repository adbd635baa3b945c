namespace OpenVisa.Fuzz.Targets;

/// <summary>Comma-separated ASCII values as instruments send them: parsed or refused with an AsciiValueFormatException.</summary>
public sealed class AsciiValuesTarget : TextTarget
{
    /// <inheritdoc/>
    public override string Name => "ascii-values";

    /// <inheritdoc/>
    public override string Description => "ASCII number lists through AsciiValues.Parse as double, int and long";

    /// <inheritdoc/>
    protected override IEnumerable<string> SeedTexts() =>
        ["1,2,3", "+1.000E+00,-2.5E-3,9.9E37", "0x1F,#H1F,#B101,#Q17", "  4 , 5 ,6\n", "nan,inf,-inf", "1e309,-1e-400", "9223372036854775807,-9223372036854775808"];

    /// <inheritdoc/>
    protected override IEnumerable<string> TokenTexts => [",", "E", "e+", "-", ".", "#H", "#B", "#Q", "0x", "9999999999999999999999", "NaN", " "];

    /// <inheritdoc/>
    protected override void Run(string text)
    {
        var count = AsciiValues.Count(text);
        foreach (var values in new Array[] { AsciiValues.Parse<double>(text), AsciiValues.Parse<int>(text), AsciiValues.Parse<long>(text) })
        {
            if (values.Length != count)
                throw Broken($"AsciiValues.Count says {count} items, Parse gave {values.Length}");
        }
    }

    /// <inheritdoc/>
    public override bool IsExpected(Exception error) => error is FormatException;
}
