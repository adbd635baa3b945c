using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OpenVisa.Managed.Tcpip.Vxi11.Portmap;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// Finds and connects a VXI-11 core channel: resolves the host, asks its portmapper on port 111 where DEVICE_CORE
/// listens (unless the name fixed the port), and connects, all within the open timeout. Every failure becomes a
/// <see cref="VisaException"/> that says which step failed and what to check.
/// </summary>
internal static class Vxi11Connector
{
    /// <summary>The connect timeout used when the caller gives zero: connecting in no time at all is never meant.</summary>
    public static readonly TimeSpan DefaultOpenTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Connects the core channel of <paramref name="target"/>.</summary>
    public static RpcTcpClient Connect(Vxi11Target target, TimeSpan openTimeout, Func<string, IPAddress[]> resolve, string resourceName, int portmapperPort = Portmap.Portmap.WellKnownPort)
    {
        if (openTimeout == TimeSpan.Zero)
            openTimeout = DefaultOpenTimeout;
        var started = Stopwatch.GetTimestamp();
        var addresses = Resolve(target, resolve, resourceName);
        VisaException? last = null;
        foreach (var address in addresses)
        {
            var remaining = Remaining(openTimeout, started);
            if (remaining <= TimeSpan.Zero && remaining != Timeout.InfiniteTimeSpan)
                break;
            try
            {
                var port = target.Port ?? LookUpCorePort(target, address, portmapperPort, remaining, resourceName);
                return ConnectCore(target, new IPEndPoint(address, port), Remaining(openTimeout, started), resourceName);
            }
            catch (VisaException e)
            {
                last = e;
            }
        }
        throw last ?? new VisaException(StatusCode.ErrorResourceNotFound,
            $"No time was left to connect to {target.HostDisplay} within the open timeout of {RpcTcpClient.FormatTimeout(openTimeout)}.", "Open", resourceName);
    }

    /// <summary>Asks the portmapper at <paramref name="address"/> for DEVICE_CORE version 1 on TCP.</summary>
    public static int LookUpCorePort(Vxi11Target target, IPAddress address, int portmapperPort, TimeSpan timeout, string resourceName)
    {
        var where = Show(address, portmapperPort);
        int port;
        try
        {
            using var portmapper = PortmapperClient.Connect(new IPEndPoint(address, portmapperPort), timeout);
            port = portmapper.GetPort(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Portmap.Portmap.Tcp);
        }
        catch (SocketException e)
        {
            var why = e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"No portmapper answers at {where} (connection refused): {target.HostDisplay} is not a VXI-11 instrument, or its RPC service is down. " +
                    "A HiSLIP instrument is TCPIP::host::hislip0::INSTR, a raw SCPI one TCPIP::host::5025::SOCKET; if the core channel's port is known, give it as TCPIP::host,port::inst0::INSTR.",
                SocketError.TimedOut => $"The portmapper at {where} did not answer within {RpcTcpClient.FormatTimeout(timeout)}: check the address, that the instrument is on and reachable, or allow a longer open timeout.",
                _ => $"Could not reach the portmapper at {where}: {e.Message} ({e.SocketErrorCode}).",
            };
            throw new VisaException(StatusCode.ErrorResourceNotFound, why, "Open", resourceName, e);
        }
        catch (Exception e) when (e is TimeoutException or IOException or RpcException or XdrException)
        {
            throw new VisaException(StatusCode.ErrorResourceNotFound,
                $"Asking the portmapper at {where} for the VXI-11 core port failed: {e.Message}", "Open", resourceName, e);
        }
        if (port == 0)
        {
            throw new VisaException(StatusCode.ErrorResourceNotFound,
                $"The portmapper at {where} has no VXI-11 core service (program 0x{Vxi11Protocol.CoreProgram:X}) registered: {target.HostDisplay} is not a VXI-11 instrument, or its server is not running. " +
                "A HiSLIP instrument is TCPIP::host::hislip0::INSTR, a raw SCPI one TCPIP::host::5025::SOCKET.", "Open", resourceName);
        }
        return port;
    }

    private static RpcTcpClient ConnectCore(Vxi11Target target, IPEndPoint endPoint, TimeSpan timeout, string resourceName)
    {
        try
        {
            return RpcTcpClient.Connect(endPoint, Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, timeout);
        }
        catch (SocketException e)
        {
            var where = Show(endPoint.Address, endPoint.Port);
            var source = target.Port is null ? "the port the portmapper gave" : "the port the resource name gives";
            var why = e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"Connection refused by the VXI-11 core channel at {where} ({source}): the instrument's server is not listening there.",
                SocketError.TimedOut => $"The VXI-11 core channel at {where} did not accept the connection within {RpcTcpClient.FormatTimeout(timeout)}.",
                _ => $"Could not connect to the VXI-11 core channel at {where}: {e.Message} ({e.SocketErrorCode}).",
            };
            throw new VisaException(StatusCode.ErrorResourceNotFound, why, "Open", resourceName, e);
        }
    }

    private static IPAddress[] Resolve(Vxi11Target target, Func<string, IPAddress[]> resolve, string resourceName)
    {
        if (IPAddress.TryParse(target.Host, out var literal))
            return [literal];
        try
        {
            var found = resolve(target.Host);
            if (found.Length > 0)
                return found;
        }
        catch (SocketException e)
        {
            throw new VisaException(StatusCode.ErrorResourceNotFound,
                $"The host name \"{target.Host}\" did not resolve ({e.Message}): check the spelling, or use the instrument's IP address.", "Open", resourceName, e);
        }
        throw new VisaException(StatusCode.ErrorResourceNotFound,
            $"The host name \"{target.Host}\" resolved to no address: use the instrument's IP address.", "Open", resourceName);
    }

    private static TimeSpan Remaining(TimeSpan timeout, long started) =>
        VisaTimeout.IsInfinite(timeout) ? Timeout.InfiniteTimeSpan : timeout - Stopwatch.GetElapsedTime(started);

    private static string Show(IPAddress address, int port) => new IPEndPoint(address, port).ToString();
}
