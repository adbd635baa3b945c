using System.Globalization;

namespace OpenVisa.Managed.Tcpip.Socket;

/// <summary>
/// The host and port of a <c>TCPIP[board]::host::port::SOCKET</c> name. The host may be a name, an IPv4 literal or an
/// IPv6 literal, bracketed (<c>[::1]</c>) or not: the port is always the field before the class, so colons in the
/// host cannot be mistaken for separators.
/// </summary>
/// <param name="Host">The host, without brackets.</param>
/// <param name="Port">The TCP port.</param>
internal sealed record TcpipSocketAddress(string Host, int Port)
{
    private const string Separator = "::";

    /// <summary>The host and port as <c>host:port</c>, IPv6 hosts in brackets, for messages.</summary>
    public string Display => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses <paramref name="resourceName"/>; <see cref="StatusCode.ErrorInvalidResourceName"/> says which part is wrong.</summary>
    public static TcpipSocketAddress Parse(string resourceName)
    {
        const string Expected = "expected TCPIP[board]::host::port::SOCKET, e.g. TCPIP::192.168.1.10::5025::SOCKET";
        var first = resourceName.IndexOf(Separator, StringComparison.Ordinal);
        var last = resourceName.LastIndexOf(Separator, StringComparison.Ordinal);
        if (!resourceName.StartsWith("TCPIP", StringComparison.OrdinalIgnoreCase) || first < 0 ||
            !resourceName.AsSpan(last + Separator.Length).Equals("SOCKET", StringComparison.OrdinalIgnoreCase))
            throw Invalid(resourceName, Expected);
        var body = resourceName[(first + Separator.Length)..last];
        var portSeparator = body.LastIndexOf(Separator, StringComparison.Ordinal);
        if (portSeparator < 0)
            throw Invalid(resourceName, "it has no port; " + Expected);
        var host = body[..portSeparator];
        var portText = body[(portSeparator + Separator.Length)..];
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        if (host.Length == 0)
            throw Invalid(resourceName, "the host is empty; " + Expected);
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw Invalid(resourceName, $"the port \"{portText}\" is not a number from 1 to 65535");
        return new TcpipSocketAddress(host, port);
    }

    private static VisaException Invalid(string resourceName, string why) =>
        new(StatusCode.ErrorInvalidResourceName, $"\"{resourceName}\" is not a TCPIP SOCKET resource name: {why}.", "Open", resourceName);
}
