using System.Globalization;

namespace OpenVisa.Managed.Discovery.Mdns;

/// <summary>
/// The DNS-SD service types instruments announce (LXI Device Specification, VXI-11, IVI-6.1 HiSLIP, raw SCPI), and
/// the VISA resource name each becomes.
/// </summary>
internal static class LxiServiceTypes
{
    public const string Lxi = "_lxi._tcp.local";
    public const string Vxi11 = "_vxi-11._tcp.local";
    public const string Hislip = "_hislip._tcp.local";
    public const string ScpiRaw = "_scpi-raw._tcp.local";

    /// <summary>The HiSLIP port a name without a port means.</summary>
    public const int HislipDefaultPort = 4880;

    /// <summary>The service types a browse asks for.</summary>
    public static readonly IReadOnlyList<string> All = [Lxi, Vxi11, Hislip, ScpiRaw];

    /// <summary>The resource name for a service of <paramref name="serviceType"/> on <paramref name="host"/>:<paramref name="port"/>; null for a type that has none.</summary>
    public static string? ResourceName(string serviceType, string host, int port)
    {
        var text = serviceType.ToLowerInvariant() switch
        {
            Hislip => port == HislipDefaultPort ? $"TCPIP::{host}::hislip0::INSTR" : string.Create(CultureInfo.InvariantCulture, $"TCPIP::{host}::hislip0,{port}::INSTR"),
            Vxi11 or Lxi => $"TCPIP::{host}::inst0::INSTR",
            ScpiRaw => string.Create(CultureInfo.InvariantCulture, $"TCPIP::{host}::{port}::SOCKET"),
            _ => null,
        };
        return text is null ? null : OpenVisa.ResourceName.TryParse(text, out var parsed) ? parsed!.Canonical : null;
    }
}
