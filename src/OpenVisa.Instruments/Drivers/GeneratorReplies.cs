using System.Globalization;

namespace OpenVisa.Instruments.Drivers;

/// <summary>Reading waveform-generator replies: output loads, where high impedance is written several ways.</summary>
internal static class GeneratorReplies
{
    /// <summary>
    /// The load in ohms; <see cref="double.PositiveInfinity"/> for high impedance, which instruments answer as
    /// <c>INF</c>, <c>INFINITY</c>, <c>HZ</c> or 9.9E+37.
    /// </summary>
    public static double Load(string reply, string command)
    {
        var text = reply.Trim().Trim('"');
        if (text.StartsWith("INF", StringComparison.OrdinalIgnoreCase) || text.Equals("HZ", StringComparison.OrdinalIgnoreCase))
            return double.PositiveInfinity;
        var value = ScpiReplies.Number(text, command);
        return value >= 9.9e37 ? double.PositiveInfinity : value;
    }

    /// <summary>The load as a command argument: <paramref name="infinite"/> for high impedance, else the ohms.</summary>
    public static string FormatLoad(double load, string infinite) =>
        double.IsPositiveInfinity(load) ? infinite : load.ToString("R", CultureInfo.InvariantCulture);
}
