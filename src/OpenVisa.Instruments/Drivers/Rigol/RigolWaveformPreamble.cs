using OpenVisa.Instruments.Drivers.Keysight;

namespace OpenVisa.Instruments.Drivers.Rigol;

/// <summary>
/// What a Rigol scope's <c>:WAVeform:PREamble?</c> returns: the same ten fields as an InfiniiVision's (format 0 BYTE,
/// 1 WORD, 2 ASCii; type 0 NORMal, 1 MAXimum, 2 RAW; points, count, x increment, x origin, x reference, y increment,
/// y origin, y reference), but Rigol counts the y origin in codes, not volts:
/// volts = (code − YOrigin − YReference) × YIncrement; time = (i − XReference) × XIncrement + XOrigin.
/// </summary>
public sealed record RigolWaveformPreamble(WaveformPreamble Fields)
{
    /// <summary>Parses the ten comma-separated fields; throws <see cref="FormatException"/> quoting the reply.</summary>
    public static RigolWaveformPreamble Parse(string reply) => new(WaveformPreamble.Parse(reply));

    /// <summary>Volts for each sample code.</summary>
    public double[] Scale(ReadOnlySpan<byte> codes)
    {
        var volts = new double[codes.Length];
        var zero = Fields.YOrigin + Fields.YReference;
        for (var i = 0; i < codes.Length; i++)
            volts[i] = (codes[i] - zero) * Fields.YIncrement;
        return volts;
    }
}
