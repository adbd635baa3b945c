using System.Globalization;

namespace OpenVisa.Managed.Discovery.Mdns;

/// <summary>
/// The DNS-SD service types instruments announce (LXI Device Specification, VXI-11, IVI-6.1 HiSLIP, raw SCPI), and
/// the VISA resource name each becomes.
/// </summary>
public static class LxiServiceTypes
{
    /// <summary>An LXI instrument's web interface; VISA reaches it over VXI-11 (<c>inst0</c>).</summary>
    public const string Lxi = "_lxi._tcp.local";

    /// <summary>VXI-11 (the port is the portmapper's).</summary>
    public const string Vxi11 = "_vxi-11._tcp.local";

    /// <summary>HiSLIP.</summary>
    public const string Hislip = "_hislip._tcp.local";

    /// <summary>Raw SCPI over TCP (VISA's SOCKET).</summary>
    public const string ScpiRaw = "_scpi-raw._tcp.local";

    /// <summary>
    /// The TXT key naming a device other than the type's first (<c>device=hislip1</c>, <c>device=inst2</c>): DNS-SD
    /// gives only host and port, and one VXI-11 or HiSLIP server may serve several devices.
    /// </summary>
    public const string DeviceKey = "device";

    /// <summary>The service types a browse asks for.</summary>
    public static IReadOnlyList<string> All { get; } = [Lxi, Vxi11, Hislip, ScpiRaw];

    /// <summary>
    /// The resource name for a service of <paramref name="serviceType"/> on <paramref name="host"/>:<paramref name="port"/>
    /// (<paramref name="device"/> from the TXT record, else the first device); null for a type that has none.
    /// </summary>
    public static string? ResourceName(string serviceType, string host, int port, string? device = null)
    {
        var text = serviceType.ToLowerInvariant() switch
        {
            Hislip => HislipName(host, port, device is not null && device.StartsWith("hislip", StringComparison.OrdinalIgnoreCase) ? device : "hislip0"),
            Vxi11 or Lxi => $"TCPIP::{host}::{(device is not null && device.StartsWith("inst", StringComparison.OrdinalIgnoreCase) ? device : "inst0")}::INSTR",
            ScpiRaw => string.Create(CultureInfo.InvariantCulture, $"TCPIP::{host}::{port}::SOCKET"),
            _ => null,
        };
        return text is null ? null : OpenVisa.ResourceName.TryParse(text, out var parsed) ? parsed!.Canonical : null;
    }

    private static string HislipName(string host, int port, string device) =>
        port == OpenVisa.ResourceName.DefaultHislipPort ? $"TCPIP::{host}::{device}::INSTR" : string.Create(CultureInfo.InvariantCulture, $"TCPIP::{host}::{device},{port}::INSTR");
}
