namespace OpenVisa.Managed.Tcpip.Socket;

/// <summary>Where a TCP session connects: the host (a name, an IPv4 or an IPv6 literal without brackets) and the port.</summary>
/// <param name="Host">The host, without brackets.</param>
/// <param name="Port">The TCP port.</param>
internal sealed record TcpipSocketAddress(string Host, int Port)
{
    /// <summary>The host and port as <c>host:port</c>, IPv6 hosts in brackets, for messages.</summary>
    public string Display => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>The address a parsed <c>TCPIP::host::port::SOCKET</c> name gives.</summary>
    public static TcpipSocketAddress From(ResourceName name) =>
        name.HostAddress is { Length: > 0 } host && name.Port is { } port
            ? new TcpipSocketAddress(host, port)
            : throw new VisaException(StatusCode.ErrorInvalidResourceName,
                $"\"{name.Canonical}\" names no host and port to connect to.", "Open", name.Canonical);
}
