using System.Globalization;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// Where a VXI-11 session goes: the host, a fixed core port when the name gives one (<c>TCPIP::host,port::inst0::INSTR</c>
/// skips the portmapper, as pyvisa-py allows), and the LAN device name sent in <c>create_link</c> unchanged, so gateway
/// names such as <c>gpib0,5</c> reach the gateway as written.
/// </summary>
/// <param name="Host">Host name or address, IPv6 without brackets.</param>
/// <param name="Port">The core channel's port, or null to ask the portmapper.</param>
/// <param name="DeviceName">The LAN device name, e.g. <c>inst0</c>.</param>
internal sealed record Vxi11Target(string Host, int? Port, string DeviceName)
{
    /// <summary>The target of a parsed <c>TCPIP[board]::host[,port]::[device]::INSTR</c> name.</summary>
    public static Vxi11Target From(ResourceName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.InterfaceType != InterfaceType.Tcpip || !name.ResourceClass.Equals("INSTR", StringComparison.OrdinalIgnoreCase))
        {
            throw new VisaException(StatusCode.ErrorInvalidResourceName,
                $"\"{name.Canonical}\" is not a TCPIP INSTR resource; VXI-11 names look like TCPIP::192.168.1.10::inst0::INSTR.", "Open", name.Canonical);
        }
        if (name.IsHislip)
        {
            throw new VisaException(StatusCode.ErrorInvalidResourceName,
                $"\"{name.Canonical}\" names a HiSLIP device ({name.LanDeviceName}), not a VXI-11 one.", "Open", name.Canonical);
        }
        var host = name.HostAddress ?? throw new VisaException(StatusCode.ErrorInvalidResourceName, $"\"{name.Canonical}\" has no host.", "Open", name.Canonical);
        return new Vxi11Target(host, name.Port, name.LanDeviceName ?? "inst0");
    }

    /// <summary>The host as written in messages, IPv6 in brackets.</summary>
    public string HostDisplay => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;

    /// <summary><c>host:port</c> for a port.</summary>
    public string Display(int port) => $"{HostDisplay}:{port.ToString(CultureInfo.InvariantCulture)}";
}
