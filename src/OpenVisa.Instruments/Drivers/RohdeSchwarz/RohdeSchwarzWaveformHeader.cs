using System.Globalization;

namespace OpenVisa.Instruments.Drivers.RohdeSchwarz;

/// <summary>
/// What an R&amp;S RTB/RTM/RTA scope's <c>CHANnel&lt;m&gt;:DATA:HEADer?</c> returns: the time of the first sample, the time
/// at the end of the record, the record length and the values per sample interval (1; 2 for envelope waveforms).
/// Sample <c>i</c> was taken at XStart + i × (XStop − XStart) / Points.
/// </summary>
public sealed record RohdeSchwarzWaveformHeader(double XStart, double XStop, int Points, int ValuesPerSample)
{
    /// <summary>Seconds between samples.</summary>
    public double XIncrement => Points == 0 ? 0 : (XStop - XStart) / Points;

    /// <summary>Parses the four comma-separated fields; throws <see cref="FormatException"/> quoting the reply.</summary>
    public static RohdeSchwarzWaveformHeader Parse(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var fields = reply.Trim().Split(',');
        if (fields.Length != 4)
            throw new FormatException($"A waveform header has 4 fields (x start, x stop, record length, values per sample); '{reply.Trim()}' has {fields.Length}.");
        var numbers = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(fields[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
                throw new FormatException($"Field {i + 1} of the waveform header '{reply.Trim()}' is not a number: '{fields[i].Trim()}'.");
        }
        return new RohdeSchwarzWaveformHeader(numbers[0], numbers[1], (int)numbers[2], (int)numbers[3]);
    }
}
