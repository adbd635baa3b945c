namespace OpenVisa;

/// <summary>
/// How each item of an ASCII value list is read or written; the counterparts of PyVISA's converter codes
/// (<see cref="AsciiConverters.FromCode"/> maps them).
/// </summary>
public enum AsciiConverter
{
    /// <summary>
    /// Chosen by the value type. Reading: integers in decimal or with the SCPI prefixes <c>#H</c>, <c>#Q</c>,
    /// <c>#B</c> (and a real number such as <c>+1.000E+00</c> when it is whole), reals in any SCPI form including
    /// <c>NAN</c> and <c>INF</c>, booleans as ON/OFF/TRUE/FALSE/1/0, strings as is. Writing: integers in decimal,
    /// reals in the shortest form that reads back to the same value, booleans as 1/0.
    /// </summary>
    Default,

    /// <summary>PyVISA <c>d</c>: decimal integers (<c>%d</c>). Writing a real truncates it toward zero, as <c>%d</c> does.</summary>
    Integer,

    /// <summary>PyVISA <c>f</c>: reads any real number; writes fixed point with six decimals (<c>%f</c>, <c>1.000000</c>).</summary>
    Fixed,

    /// <summary>PyVISA <c>e</c>: reads any real number; writes six decimals and an exponent (<c>%e</c>, <c>1.000000e+00</c>).</summary>
    Exponential,

    /// <summary>PyVISA <c>g</c>: reads any real number; writes six significant digits, exponent only when needed (<c>%g</c>).</summary>
    General,

    /// <summary>PyVISA <c>x</c>: integers in base 16, with an optional <c>0x</c> or <c>#H</c> prefix when reading.</summary>
    Hexadecimal,

    /// <summary>PyVISA <c>o</c>: integers in base 8, with an optional <c>0o</c> or <c>#Q</c> prefix when reading.</summary>
    Octal,

    /// <summary>PyVISA <c>b</c>: integers in base 2, with an optional <c>0b</c> or <c>#B</c> prefix when reading.</summary>
    Binary,

    /// <summary>PyVISA <c>s</c>: the item text itself (value type <see cref="string"/>).</summary>
    String,
}

/// <summary>Maps PyVISA's one-letter converter codes to <see cref="AsciiConverter"/>.</summary>
public static class AsciiConverters
{
    /// <summary>
    /// The converter for a PyVISA code: <c>d</c>; <c>f F</c>; <c>e E</c>; <c>g G</c>; <c>x X h H</c>; <c>o</c>;
    /// <c>b</c>; <c>s</c>. (PyVISA's <c>c</c>, a character's code, has no counterpart.)
    /// </summary>
    /// <exception cref="ArgumentException">The code is not one of those.</exception>
    public static AsciiConverter FromCode(char code) => code switch
    {
        'd' => AsciiConverter.Integer,
        'f' or 'F' => AsciiConverter.Fixed,
        'e' or 'E' => AsciiConverter.Exponential,
        'g' or 'G' => AsciiConverter.General,
        'x' or 'X' or 'h' or 'H' => AsciiConverter.Hexadecimal,
        'o' => AsciiConverter.Octal,
        'b' => AsciiConverter.Binary,
        's' => AsciiConverter.String,
        _ => throw new ArgumentException(
            $"'{code}' is not an ASCII converter code; use one of d, f, F, e, E, g, G, x, X, h, H, o, b, s.", nameof(code)),
    };
}
