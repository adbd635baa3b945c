using System.Net;

namespace OpenVisa.Managed.Tcpip.Socket;

/// <summary>Turns a host name into addresses; a seam so tests can check resolution failures without asking a DNS server.</summary>
internal interface IHostResolver
{
    /// <summary>The addresses of <paramref name="host"/>, in the order to try them; throws <see cref="System.Net.Sockets.SocketException"/> when it does not resolve.</summary>
    IPAddress[] Resolve(string host);
}

/// <summary>The system resolver (hosts file, DNS, mDNS as the OS is configured).</summary>
internal sealed class DnsHostResolver : IHostResolver
{
    public static readonly DnsHostResolver Instance = new();

    public IPAddress[] Resolve(string host) => Dns.GetHostAddresses(host);
}
