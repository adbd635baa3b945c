namespace OpenVisa;

/// <summary>
/// How a binary block announces its length. The values match PyVISA's <c>header_fmt</c> argument
/// (<c>"ieee"</c>, <c>"hp"</c>, <c>"rs"</c>, <c>"empty"</c>).
/// </summary>
public enum BlockFormat
{
    /// <summary>
    /// IEEE 488.2 arbitrary block. Definite length: <c>#</c>, one digit <c>n</c> (written in hexadecimal, as
    /// PyVISA does, so <c>1</c>–<c>9</c> and <c>A</c>–<c>F</c> stand for 1–15), then <c>n</c> decimal digits giving
    /// the number of data bytes, then the data: <c>#15HELLO</c>, <c>#210</c> plus ten bytes, <c>#10</c> (empty).
    /// Indefinite length: <c>#0</c> followed by the data up to the end of the message (IEEE 488.2 ends it
    /// with a newline sent with END).
    /// </summary>
    Ieee,

    /// <summary>
    /// HP (Agilent/Keysight) block: <c>#A</c>, then the data length as a 16-bit unsigned integer in the same byte
    /// order as the data, then the data. At most 65535 data bytes.
    /// </summary>
    HP,

    /// <summary>
    /// Rohde &amp; Schwarz extended block for data of 1 GB or more: <c>#(</c>, the length in decimal digits
    /// (at most 18), <c>)</c>, then the data: <c>#(1234567890)</c>. Reading also accepts every
    /// <see cref="Ieee"/> form, since R&amp;S instruments send ordinary IEEE blocks for smaller data.
    /// </summary>
    RohdeSchwarz,

    /// <summary>Raw data with no header; the length must be known by other means (a number of points).</summary>
    Empty,
}
