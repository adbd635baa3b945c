using System.Net;
using OpenVisa.Managed.Discovery.Mdns;
using OpenVisa.Server;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// <c>ovisa serve --advertise</c>: the mDNS services for what the server serves. Each instrument is announced under its
/// own name for each LAN transport: SOCKET as <c>_scpi-raw._tcp</c> on its port, VXI-11 as <c>_vxi-11._tcp</c> on the
/// portmapper's port, HiSLIP as <c>_hislip._tcp</c>; the TXT record names the device (<c>device=hislip1</c>), since
/// one VXI-11 or HiSLIP server serves several.
/// </summary>
internal static class ServeAdvertising
{
    public static IReadOnlyList<MdnsAnnouncement> Announcements(IEnumerable<ServedEndpoint> endpoints, int portmapperPort)
    {
        var announcements = new List<MdnsAnnouncement>();
        foreach (var endpoint in endpoints)
        {
            if (!ResourceName.TryParse(endpoint.ResourceName, out var name) || name is null)
                continue;
            var announcement = endpoint.Protocol switch
            {
                "SOCKET" when name.Port is { } port => new MdnsAnnouncement(endpoint.Instrument, LxiServiceTypes.ScpiRaw, port, ["txtvers=1"]),
                "VXI-11" => new MdnsAnnouncement(endpoint.Instrument, LxiServiceTypes.Vxi11, portmapperPort, ["txtvers=1", $"{LxiServiceTypes.DeviceKey}={name.LanDeviceName}"]),
                "HiSLIP" => new MdnsAnnouncement(endpoint.Instrument, LxiServiceTypes.Hislip, name.HislipPort ?? ResourceName.DefaultHislipPort,
                    ["txtvers=1", $"{LxiServiceTypes.DeviceKey}={name.LanDeviceName?.Split(',')[0]}"]),
                _ => null,
            };
            if (announcement is not null)
                announcements.Add(announcement);
        }
        return announcements;
    }

    /// <summary>The addresses to announce: the bound one, or every interface's when bound to all.</summary>
    public static IReadOnlyList<IPAddress>? Addresses(IPAddress bind) =>
        bind.Equals(IPAddress.Any) ? null : [bind];

    /// <summary>The host name the services point at: this machine's name with <c>-ovisa</c>, so it never collides with the system responder's.</summary>
    public static string HostName => $"{Environment.MachineName.ToLowerInvariant()}-ovisa.local";
}
