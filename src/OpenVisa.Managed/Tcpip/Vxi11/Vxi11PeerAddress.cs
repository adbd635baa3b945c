using System.Net;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>Whether two connections come from the same client address, the test the VXI-11 server's ownership checks use.</summary>
internal static class Vxi11PeerAddress
{
    /// <summary>True for equal addresses (IPv4-mapped IPv6 unmapped), and for two loopback addresses (one host).</summary>
    public static bool Same(IPAddress a, IPAddress b)
    {
        a = a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;
        b = b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b;
        return a.Equals(b) || (IPAddress.IsLoopback(a) && IPAddress.IsLoopback(b));
    }
}
