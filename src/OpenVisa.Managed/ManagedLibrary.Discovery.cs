using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Discovery;
using OpenVisa.Managed.Discovery.Mdns;

namespace OpenVisa.Managed;

// Network discovery for ListResources.
public sealed partial class ManagedLibrary
{
    /// <summary>The instrument names mDNS announced, by canonical resource name; the latest browse wins.</summary>
    private readonly ConcurrentDictionary<string, string> _discoveredAliases = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The environment variable that sets <see cref="DiscoveryTimeout"/> in milliseconds; 0 turns discovery off.</summary>
    public const string DiscoveryTimeoutVariable = "OPENVISA_DISCOVERY_TIMEOUT_MS";

    /// <summary>The default time <see cref="ListResources"/> waits for instruments to answer a discovery broadcast.</summary>
    public static readonly TimeSpan DefaultDiscoveryTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long <see cref="ListResources"/> listens for VXI-11 instruments answering its portmapper broadcast and for mDNS (LXI) answers;
    /// <see cref="TimeSpan.Zero"/> lists only resources opened in this process. Defaults to 1 s, or to
    /// <c>OPENVISA_DISCOVERY_TIMEOUT_MS</c> when that is set.
    /// </summary>
    public TimeSpan DiscoveryTimeout { get; set; } = DiscoveryTimeoutFromEnvironment();

    /// <summary>
    /// The instruments that answer within <see cref="DiscoveryTimeout"/>: VXI-11 ones answering a portmapper broadcast
    /// (as <c>TCPIP0::address::inst0::INSTR</c>) and, at the same time, those announcing <c>_lxi._tcp</c>,
    /// <c>_vxi-11._tcp</c>, <c>_hislip._tcp</c> or <c>_scpi-raw._tcp</c> over mDNS. Nothing when discovery is off or
    /// <paramref name="pattern"/> can match no TCPIP name, so <c>ListResources("ASRL?*")</c> costs no waiting.
    /// </summary>
    private IEnumerable<string> Discover(VisaPattern pattern)
    {
        var instr = pattern.IsMatch("TCPIP0::192.168.0.1::inst0::INSTR") || pattern.IsMatch("TCPIP0::192.168.0.1::hislip0::INSTR");
        var socket = pattern.IsMatch("TCPIP0::192.168.0.1::5025::SOCKET");
        if (DiscoveryTimeout <= TimeSpan.Zero || !(instr || socket))
            return [];
        // mDNS on a thread of its own while the broadcast runs here: both share the one budget, as one deadline fixed
        // now, so the set-up (a process's first listing pays for JIT and sockets) counts against it too.
        var deadline = Environment.TickCount64 + (long)DiscoveryTimeout.TotalMilliseconds;
        IReadOnlyList<MdnsServiceInstance> services = [];
        var browse = new Thread(() => services = MdnsBrowser.Browse(LxiServiceTypes.All, deadline, Logger))
        {
            IsBackground = true,
            Name = "OpenVisa mDNS browse",
        };
        browse.Start();
        var vxi11 = pattern.IsMatch("TCPIP0::192.168.0.1::inst0::INSTR")
            ? Vxi11Discovery.Discover(deadline, Logger).Select(address => ResourceName.Parse($"TCPIP::{address}::INSTR").Canonical).ToList()
            : [];
        browse.Join();
        foreach (var service in services)
        {
            Logger.LogDebug("mDNS: {Instance} ({Type}) at {Host}:{Port} is {Resource}", service.InstanceName, service.ServiceType, service.HostName, service.Port, service.ResourceName);
            if (service.ResourceName is { } found)
                _discoveredAliases[found] = service.InstanceName;
        }
        return vxi11.Concat(services.Select(s => s.ResourceName).OfType<string>()).Where(pattern.IsMatch);
    }

    /// <summary>
    /// Parses <paramref name="resourceName"/>; a name an instrument announced over mDNS gets the instrument's name
    /// (the DNS-SD instance, e.g. <c>Keysight DSOX1204G - MY123</c>) as its alias, so <c>ListResourcesInfo</c> and
    /// <c>ovisa list --json</c> show which instrument each address is.
    /// </summary>
    public override ResourceInfo ParseResource(int resourceManagerSession, string resourceName)
    {
        var info = base.ParseResource(resourceManagerSession, resourceName);
        return info.Alias is null && _discoveredAliases.TryGetValue(info.ResourceName, out var alias) ? info with { Alias = alias } : info;
    }

    private static TimeSpan DiscoveryTimeoutFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(DiscoveryTimeoutVariable);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? TimeSpan.FromMilliseconds(milliseconds)
            : DefaultDiscoveryTimeout;
    }
}
