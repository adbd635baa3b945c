using System.Globalization;

namespace OpenVisa.Instruments.Drivers;

/// <summary>Reading SCPI replies in drivers' delegate parameters.</summary>
internal static class ScpiReplies
{
    public static double Number(string reply, string command) =>
        double.TryParse(reply.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"the reply '{reply.Trim()}' to '{command}' is not a number");

    public static bool Boolean(string reply, string command) => reply.Trim().ToUpperInvariant() switch
    {
        "1" or "ON" or "+1" => true,
        "0" or "OFF" or "+0" => false,
        _ => throw new FormatException($"the reply '{reply.Trim()}' to '{command}' is not 1/0 or ON/OFF"),
    };

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
