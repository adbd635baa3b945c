using System.Net;

namespace OpenVisa.Managed.Discovery.Mdns;

/// <summary>One service an instrument announced over DNS-SD.</summary>
/// <param name="InstanceName">The instance label, e.g. <c>Keysight DSOX1204G - MY123</c>: the instrument's name, used as its alias.</param>
/// <param name="ServiceType">The service type, e.g. <c>_hislip._tcp.local</c>.</param>
/// <param name="HostName">The SRV target, e.g. <c>scope-7.local</c>.</param>
/// <param name="Port">The SRV port.</param>
/// <param name="Address">The host's IPv4 address when the answer carried it.</param>
/// <param name="Text">The TXT strings.</param>
internal sealed record MdnsServiceInstance(string InstanceName, string ServiceType, string HostName, int Port, IPAddress? Address, IReadOnlyList<string> Text)
{
    /// <summary>The VISA resource name, with the address when known (mDNS host names need an mDNS resolver); null for other service types.</summary>
    public string? ResourceName => LxiServiceTypes.ResourceName(ServiceType, Address?.ToString() ?? HostName, Port, Device);

    /// <summary>The <c>device=</c> TXT value, when the announcer named a device other than the first.</summary>
    public string? Device => Text.Select(t => t.Split('=', 2)).FirstOrDefault(kv => kv.Length == 2 && kv[0].Equals(LxiServiceTypes.DeviceKey, StringComparison.OrdinalIgnoreCase))?[1];
}
