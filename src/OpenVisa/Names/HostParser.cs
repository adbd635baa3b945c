using System.Net;
using System.Net.Sockets;

namespace OpenVisa;

/// <summary>
/// Parses a host part: a host name, an IPv4 address or a bracketed IPv6 address (<c>[fe80::1]</c>, optionally with a
/// <c>%zone</c>), optionally followed by <c>,port</c> or <c>:port</c> where the name allows one (pyvisa-py's way of
/// skipping the VXI-11 portmapper, and pyvisa-sim's <c>localhost:2222</c>).
/// </summary>
internal static class HostParser
{
    private const string Label = "the host address";

    /// <summary>A parser for a host part; <paramref name="portRefusal"/> is null when a port suffix is allowed, else why not.</summary>
    public static FieldParser Host(string hostField, string? portRefusal) =>
        (token, context) => Parse(token, context, hostField, ResourceFieldNames.Port, portRefusal);

    /// <summary>
    /// Parses <paramref name="token"/>. The canonical text is the token as written (brackets kept); the host field holds
    /// the address without brackets, ready for a socket connect, and the port field the suffix port if any.
    /// </summary>
    public static FieldValue Parse(string token, NameParseContext context, string hostField, string portField, string? portRefusal)
    {
        FieldParsers.RequireNonEmpty(token, Label, context);
        string host;
        string? port = null;
        if (token[0] == '[')
        {
            var close = token.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                context.Fail($"{Label} '{token}' has no closing ']'");
            }
            host = token[1..close];
            if (!IsIPv6(host))
            {
                context.Fail($"'{host}' in brackets is not an IPv6 address");
            }
            var rest = token[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] is not (',' or ':'))
                {
                    context.Fail($"unexpected '{rest}' after the IPv6 address '[{host}]'");
                }
                port = rest[1..];
            }
        }
        else
        {
            host = token;
            var comma = token.LastIndexOf(',');
            var colons = token.Count(c => c == ':');
            if (comma >= 0)
            {
                (host, port) = (token[..comma], token[(comma + 1)..]);
            }
            else if (colons == 1)
            {
                var colon = token.IndexOf(':', StringComparison.Ordinal);
                (host, port) = (token[..colon], token[(colon + 1)..]);
            }
            else if (colons > 1)
            {
                context.Fail($"{Label} '{token}' looks like an IPv6 address; write it in brackets, e.g. [fe80::1]");
            }
            RequireHostName(host, token, context);
        }

        if (port is null)
        {
            return new FieldValue(token, [new(hostField, host)]);
        }
        if (portRefusal is not null)
        {
            context.Fail($"{Label} '{token}' carries a port; {portRefusal}");
        }
        var number = FieldParsers.ParseDecimal(port, "the port", 1, 65535, context);
        return new FieldValue(token, [new(hostField, host), new(portField, number.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    private static void RequireHostName(string host, string token, NameParseContext context)
    {
        if (host.Length == 0)
        {
            context.Fail($"{Label} in '{token}' is empty");
        }
        foreach (var c in host)
        {
            if (!(char.IsLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                var shown = char.IsWhiteSpace(c) ? "a space" : $"'{c}'";
                context.Fail($"{Label} '{host}' contains {shown}, which a host name cannot hold");
            }
        }
    }

    /// <summary>True for an IPv6 literal, with or without a <c>%zone</c> (numeric or an interface name).</summary>
    private static bool IsIPv6(string text)
    {
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        var address = percent < 0 ? text : text[..percent];
        if (!IPAddress.TryParse(address, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        return percent < 0 || (percent < text.Length - 1 && text[(percent + 1)..].All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'));
    }
}
