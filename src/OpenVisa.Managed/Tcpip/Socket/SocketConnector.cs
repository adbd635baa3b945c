using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Socket;

/// <summary>
/// Opens the TCP connection of a SOCKET (and later HiSLIP) session within the open timeout, trying each address of
/// the host in turn, and turns every failure into a <see cref="VisaException"/> that names host, port and cause.
/// </summary>
internal static class SocketConnector
{
    /// <summary>The connect timeout used when the caller gives zero: connecting in no time at all is never meant.</summary>
    public static readonly TimeSpan DefaultOpenTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Connects, with Nagle's algorithm off; the returned socket is in blocking mode.</summary>
    public static Sock Connect(TcpipSocketAddress address, TimeSpan openTimeout, IHostResolver resolver, string resourceName)
    {
        if (openTimeout == TimeSpan.Zero)
            openTimeout = DefaultOpenTimeout;
        var infinite = VisaTimeout.IsInfinite(openTimeout);
        var started = Stopwatch.GetTimestamp();
        var addresses = Resolve(address, resolver, resourceName);
        SocketException? lastError = null;
        IPAddress? lastAddress = null;
        foreach (var ip in addresses)
        {
            var remaining = infinite ? Timeout.InfiniteTimeSpan : openTimeout - Stopwatch.GetElapsedTime(started);
            if (!infinite && remaining <= TimeSpan.Zero)
                break;
            lastAddress = ip;
            try
            {
                return ConnectOne(new IPEndPoint(ip, address.Port), remaining);
            }
            catch (SocketException e)
            {
                lastError = e;
            }
        }
        var waited = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        throw Failure(address, lastAddress ?? addresses[0], lastError, waited, resourceName);
    }

    private static IPAddress[] Resolve(TcpipSocketAddress address, IHostResolver resolver, string resourceName)
    {
        if (IPAddress.TryParse(address.Host, out var literal))
            return [literal];
        try
        {
            var found = resolver.Resolve(address.Host);
            if (found.Length > 0)
                return found;
        }
        catch (SocketException e)
        {
            throw new VisaException(StatusCode.ErrorResourceNotFound,
                $"The host name \"{address.Host}\" did not resolve ({e.Message}): check the spelling, or use the instrument's IP address.",
                "Open", resourceName, e);
        }
        throw new VisaException(StatusCode.ErrorResourceNotFound,
            $"The host name \"{address.Host}\" resolved to no address: use the instrument's IP address.", "Open", resourceName);
    }

    private static Sock ConnectOne(IPEndPoint endPoint, TimeSpan timeout)
    {
        var socket = new Sock(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            if (OperatingSystem.IsLinux())
                ConnectBlocking(socket, endPoint, timeout);
            else
                ConnectNonBlocking(socket, endPoint, timeout);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Linux bounds a blocking connect by SO_SNDTIMEO. Staying blocking matters: once .NET has made a socket
    /// non-blocking it never goes back, and every later sync call detours through its async engine at about three times
    /// the CPU cost of a plain system call.
    /// </summary>
    private static void ConnectBlocking(Sock socket, IPEndPoint endPoint, TimeSpan timeout)
    {
        socket.SendTimeout = ToSocketTimeout(timeout);
        socket.Connect(endPoint);
        socket.SendTimeout = 0;
    }

    /// <summary>Elsewhere a blocking connect has no timeout: start it non-blocking and wait for writability.</summary>
    private static void ConnectNonBlocking(Sock socket, IPEndPoint endPoint, TimeSpan timeout)
    {
        socket.Blocking = false;
        try
        {
            socket.Connect(endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress)
        {
            var micros = VisaTimeout.IsInfinite(timeout) ? -1 : (int)Math.Min(int.MaxValue, Math.Max(1, timeout.TotalMicroseconds));
            if (!socket.Poll(micros, SelectMode.SelectWrite))
                throw new SocketException((int)SocketError.TimedOut);
            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success)
                throw new SocketException((int)error);
        }
        socket.Blocking = true;
    }

    /// <summary>A timeout in .NET's socket convention: milliseconds, at least 1, and 0 for infinite.</summary>
    private static int ToSocketTimeout(TimeSpan timeout) =>
        VisaTimeout.IsInfinite(timeout) ? 0 : (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 1, int.MaxValue);

    private static VisaException Failure(TcpipSocketAddress address, IPAddress ip, SocketException? error, long waitedMs, string resourceName)
    {
        var target = new TcpipSocketAddress(ip.ToString(), address.Port).Display;
        var named = IPAddress.TryParse(address.Host, out _) ? "" : $" ({address.Host})";
        var detail = error?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused =>
                $"Connection refused by {target}{named}: is the instrument listening on that port? Raw SCPI instruments usually listen on 5025.",
            SocketError.TimedOut or null =>
                $"No answer from {target}{named} within {waitedMs} ms: check the address, that the instrument is on and reachable, or allow a longer open timeout.",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown =>
                $"{target}{named} is unreachable from this computer ({error.Message}): check the address and the network route.",
            _ => $"Could not connect to {target}{named}: {error.Message} ({error.SocketErrorCode}).",
        };
        return new VisaException(StatusCode.ErrorResourceNotFound, detail, "Open", resourceName, error);
    }
}
