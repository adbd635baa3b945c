using System.Net;
using System.Net.Sockets;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Managed.Tests;

/// <summary>A resolver that answers without DNS: fixed addresses, or "host not found" when given none.</summary>
internal sealed class FixedResolver(params IPAddress[] addresses) : IHostResolver
{
    public IPAddress[] Resolve(string host) =>
        addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
}
