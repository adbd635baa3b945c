using System.Net;
using System.Net.Sockets;
using OpenVisa.Managed.Tcpip.Socket;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>Opens the two TCP connections of a HiSLIP session within the open timeout, with errors that name host, port and cause.</summary>
internal static class HislipConnector
{
    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>; the socket stays in blocking mode for cheap sync I/O.</summary>
    public static Sock Connect(string host, int port, in HislipDeadline deadline, string resourceName, IHostResolver? resolver = null)
    {
        var addresses = Resolve(host, resourceName, resolver ?? DnsHostResolver.Instance);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            if (deadline.HasExpired)
                break;
            var socket = new Sock(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                ConnectOne(socket, new IPEndPoint(address, port), deadline);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw Failure(host, port, last, deadline, resourceName);
    }

    private static IPAddress[] Resolve(string host, string resourceName, IHostResolver resolver)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
            return [literal];
        try
        {
            var found = resolver.Resolve(host);
            if (found.Length > 0)
                return found;
        }
        catch (SocketException e)
        {
            throw new VisaException(StatusCode.ErrorResourceNotFound,
                $"The host name \"{host}\" did not resolve ({e.Message}): check the spelling, or use the instrument's IP address.", "Open", resourceName, e);
        }
        throw new VisaException(StatusCode.ErrorResourceNotFound, $"The host name \"{host}\" resolved to no address: use the instrument's IP address.", "Open", resourceName);
    }

    private static void ConnectOne(Sock socket, IPEndPoint endPoint, in HislipDeadline deadline)
    {
        var milliseconds = deadline.IsInfinite ? 0 : (int)Math.Clamp(deadline.RemainingMs, 1, int.MaxValue);
        if (OperatingSystem.IsLinux())
        {
            // Linux bounds a blocking connect by SO_SNDTIMEO, and the socket never leaves blocking mode.
            socket.SendTimeout = milliseconds;
            socket.Connect(endPoint);
            socket.SendTimeout = 0;
            return;
        }
        socket.Blocking = false;
        try
        {
            socket.Connect(endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress)
        {
            if (!socket.Poll(milliseconds == 0 ? -1 : milliseconds * 1000L > int.MaxValue ? int.MaxValue : milliseconds * 1000, SelectMode.SelectWrite))
                throw new SocketException((int)SocketError.TimedOut);
            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success)
                throw new SocketException((int)error);
        }
        socket.Blocking = true;
    }

    private static VisaException Failure(string host, int port, SocketException? error, in HislipDeadline deadline, string resourceName)
    {
        var target = $"{host}:{port}";
        var detail = error?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused =>
                $"Connection refused by {target}: is the instrument serving HiSLIP on that port? HiSLIP listens on 4880 unless the name says otherwise (hislip0,PORT).",
            SocketError.TimedOut or SocketError.WouldBlock or null =>
                $"No answer from {target} within {deadline.ElapsedMs} ms: check the address, that the instrument is on and reachable, or allow a longer open timeout.",
            _ => $"Could not connect to {target}: {error.Message} ({error.SocketErrorCode}).",
        };
        return new VisaException(StatusCode.ErrorResourceNotFound, detail, "Open", resourceName, error);
    }
}
