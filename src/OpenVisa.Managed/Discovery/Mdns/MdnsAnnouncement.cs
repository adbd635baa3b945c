namespace OpenVisa.Managed.Discovery.Mdns;

/// <summary>One service to advertise: an instrument reachable over one transport.</summary>
/// <param name="InstanceName">The instance label, e.g. the instrument's name; unique per service type.</param>
/// <param name="ServiceType">E.g. <c>_hislip._tcp.local</c> (<see cref="LxiServiceTypes"/>).</param>
/// <param name="Port">The TCP port.</param>
/// <param name="Text">TXT strings (<c>key=value</c>); <c>device=hislip1</c> names a device other than the type's first.</param>
public sealed record MdnsAnnouncement(string InstanceName, string ServiceType, int Port, IReadOnlyList<string> Text);
