using System.Globalization;

namespace OpenVisa.Instruments.Drivers.Keysight;

/// <summary>
/// What <c>:WAVeform:PREamble?</c> returns: format (0 BYTE, 1 WORD, 4 ASCII), type (0 normal, 1 peak, 2 average,
/// 3 high resolution), points, count, and the scaling that turns sample codes into times and volts:
/// time = (i − XReference) × XIncrement + XOrigin; volts = (code − YReference) × YIncrement + YOrigin.
/// </summary>
public sealed record WaveformPreamble(int Format, int Type, int Points, int Count, double XIncrement, double XOrigin, double XReference, double YIncrement, double YOrigin, double YReference)
{
    /// <summary>Parses the ten comma-separated fields; throws <see cref="FormatException"/> quoting the reply.</summary>
    public static WaveformPreamble Parse(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var fields = reply.Trim().Split(',');
        if (fields.Length != 10)
            throw new FormatException($"A waveform preamble has 10 fields; '{reply.Trim()}' has {fields.Length}.");
        var numbers = new double[10];
        for (var i = 0; i < 10; i++)
        {
            if (!double.TryParse(fields[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
                throw new FormatException($"Field {i + 1} of the waveform preamble '{reply.Trim()}' is not a number: '{fields[i].Trim()}'.");
        }
        return new WaveformPreamble((int)numbers[0], (int)numbers[1], (int)numbers[2], (int)numbers[3], numbers[4], numbers[5], numbers[6], numbers[7], numbers[8], numbers[9]);
    }

    /// <summary>Volts for each sample code.</summary>
    public double[] Scale(ReadOnlySpan<byte> codes)
    {
        var volts = new double[codes.Length];
        for (var i = 0; i < codes.Length; i++)
            volts[i] = ((codes[i] - YReference) * YIncrement) + YOrigin;
        return volts;
    }
}
