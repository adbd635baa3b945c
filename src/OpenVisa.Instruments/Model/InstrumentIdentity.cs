using System.Text.Json.Serialization;

namespace OpenVisa.Instruments;

/// <summary>What <c>*IDN?</c> says: vendor, model, serial number and firmware (missing parts are null).</summary>
/// <param name="Vendor">The manufacturer.</param>
/// <param name="Model">The model.</param>
/// <param name="Serial">The serial number.</param>
/// <param name="Firmware">The firmware version.</param>
public sealed record InstrumentIdentity(
    [property: JsonPropertyName("vendor")] string? Vendor,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("serial")] string? Serial,
    [property: JsonPropertyName("firmware")] string? Firmware)
{
    /// <summary>
    /// Splits an <c>*IDN?</c> reply on its first kind of separator (comma, then semicolon, then colon) into at most four
    /// parts, as QCoDeS does; blank parts become null.
    /// </summary>
    public static InstrumentIdentity Parse(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = reply.Trim();
        var separator = text.Contains(',', StringComparison.Ordinal) ? ','
            : text.Contains(';', StringComparison.Ordinal) ? ';'
            : ':';
        var parts = text.Split(separator, 4).Select(p => p.Trim()).Select(p => p.Length == 0 ? null : p).ToList();
        while (parts.Count < 4)
            parts.Add(null);
        return new InstrumentIdentity(parts[0], parts[1], parts[2], parts[3]);
    }

    /// <summary>"Keysight Technologies 34461A (serial:MY123, firmware:A.02)".</summary>
    public override string ToString() => $"{Vendor} {Model} (serial:{Serial}, firmware:{Firmware})";
}
