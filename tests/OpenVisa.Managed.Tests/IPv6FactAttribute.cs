using System.Net;
using System.Net.Sockets;

namespace OpenVisa.Managed.Tests;

/// <summary>A fact that is skipped, with the reason, on hosts without an IPv6 loopback address.</summary>
public sealed class IPv6FactAttribute : FactAttribute
{
    public IPv6FactAttribute()
    {
        if (!HasIPv6Loopback())
            Skip = "This host has no IPv6 loopback address ([::1] cannot be bound), so the IPv6 test cannot run.";
    }

    private static bool HasIPv6Loopback()
    {
        if (!Socket.OSSupportsIPv6)
            return false;
        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
