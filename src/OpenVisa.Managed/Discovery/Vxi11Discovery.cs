using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVisa.Managed.Tcpip.Vxi11;
using OpenVisa.Managed.Tcpip.Vxi11.Portmap;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Discovery;

/// <summary>
/// Finds VXI-11 instruments on the local networks the way VXI-11 specifies: a portmapper GETPORT for DEVICE_CORE,
/// broadcast over UDP to port 111 on every IPv4 interface that can broadcast; every host whose portmapper answers with
/// a port is an instrument. Replies are collected until the time budget runs out.
/// </summary>
internal static class Vxi11Discovery
{
    /// <summary>SO_BINDTODEVICE on Linux: the limited broadcast leaves through this interface, not only the default route's.</summary>
    private const int SoBindToDevice = 25;

    /// <summary>The hosts that answered, by address, in address order.</summary>
    public static IReadOnlyList<IPAddress> Discover(TimeSpan budget, ILogger? logger = null, int portmapperPort = Portmap.WellKnownPort) =>
        Discover(Environment.TickCount64 + (long)budget.TotalMilliseconds, logger, portmapperPort);

    /// <summary>The hosts that answered by <paramref name="deadline"/> (<see cref="Environment.TickCount64"/>), fixed by the caller before any set-up.</summary>
    public static IReadOnlyList<IPAddress> Discover(long deadline, ILogger? logger = null, int portmapperPort = Portmap.WellKnownPort)
    {
        logger ??= NullLogger.Instance;
        var sockets = new List<Socket>();
        var found = new SortedSet<IPAddress>(Comparer<IPAddress>.Create(CompareAddresses));
        try
        {
            var xid = (uint)Random.Shared.Next();
            var call = Query(xid);
            foreach (var (name, address, broadcast) in BroadcastInterfaces())
            {
                var socket = Open(name, address, logger);
                if (socket is null)
                    continue;
                sockets.Add(socket);
                Send(socket, call, new IPEndPoint(broadcast, portmapperPort), logger);
                if (!broadcast.Equals(IPAddress.Broadcast))
                    Send(socket, call, new IPEndPoint(IPAddress.Broadcast, portmapperPort), logger);
            }
            if (sockets.Count > 0)
                Collect(sockets, xid, deadline, found, logger);
        }
        finally
        {
            foreach (var socket in sockets)
                socket.Dispose();
        }
        return [.. found];
    }

    /// <summary>Every IPv4 address of an interface that is up, is not loopback and can broadcast, with its broadcast address.</summary>
    private static IEnumerable<(string Name, IPAddress Address, IPAddress Broadcast)> BroadcastInterfaces()
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus is not (OperationalStatus.Up or OperationalStatus.Unknown) || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                continue;
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily != AddressFamily.InterNetwork || IPAddress.IsLoopback(unicast.Address))
                    continue;
                var mask = unicast.IPv4Mask;
                if (mask is null || mask.Equals(IPAddress.Broadcast))
                    continue; // a /32 has no one else to reach
                yield return (nic.Name, unicast.Address, DirectedBroadcast(unicast.Address, mask));
            }
        }
    }

    private static IPAddress DirectedBroadcast(IPAddress address, IPAddress mask)
    {
        var a = address.GetAddressBytes();
        var m = mask.GetAddressBytes();
        for (var i = 0; i < 4; i++)
            a[i] |= (byte)~m[i];
        return new IPAddress(a);
    }

    private static Socket? Open(string interfaceName, IPAddress address, ILogger logger)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { EnableBroadcast = true };
        try
        {
            if (OperatingSystem.IsLinux())
            {
                try
                {
                    socket.SetRawSocketOption((int)SocketOptionLevel.Socket, SoBindToDevice, Encoding.ASCII.GetBytes(interfaceName + "\0"));
                }
                catch (SocketException e)
                {
                    // Without the privilege the directed broadcast still goes out of the right interface.
                    logger.LogDebug("VXI-11 discovery: cannot bind to interface {Interface} ({Error})", interfaceName, e.SocketErrorCode);
                }
            }
            socket.Bind(new IPEndPoint(address, 0));
            return socket;
        }
        catch (SocketException e)
        {
            logger.LogDebug("VXI-11 discovery: skipping {Interface} {Address} ({Error})", interfaceName, address, e.SocketErrorCode);
            socket.Dispose();
            return null;
        }
    }

    private static void Send(Socket socket, byte[] call, IPEndPoint target, ILogger logger)
    {
        try
        {
            socket.SendTo(call, target);
        }
        catch (SocketException e)
        {
            logger.LogDebug("VXI-11 discovery: broadcast to {Target} from {Local} failed ({Error})", target, socket.LocalEndPoint, e.SocketErrorCode);
        }
    }

    /// <summary>A GETPORT call for DEVICE_CORE version 1 over TCP, as one UDP datagram.</summary>
    private static byte[] Query(uint xid)
    {
        var writer = new XdrWriter(64);
        writer.BeginDatagram();
        RpcMessage.WriteCallHeader(writer, xid, Portmap.Program, Portmap.Version, Portmap.ProcedureGetPort);
        new PortmapMapping(Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Portmap.Tcp, 0).Write(writer);
        return writer.Written.ToArray();
    }

    private static void Collect(List<Socket> sockets, uint xid, long deadline, SortedSet<IPAddress> found, ILogger logger)
    {
        var buffer = new byte[1024];
        while (true)
        {
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
                return;
            var readable = sockets.ToList();
            Socket.Select(readable, null, null, (int)Math.Min(left * 1000, int.MaxValue));
            foreach (var socket in readable)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int count;
                try
                {
                    count = socket.ReceiveFrom(buffer, ref from);
                }
                catch (SocketException e)
                {
                    logger.LogDebug("VXI-11 discovery: receive failed ({Error})", e.SocketErrorCode);
                    continue;
                }
                if (IsInstrument(buffer.AsSpan(0, count), xid))
                    found.Add(((IPEndPoint)from).Address);
            }
        }
    }

    /// <summary>True for a successful GETPORT reply to our call with a non-zero port; anything else is ignored.</summary>
    private static bool IsInstrument(ReadOnlySpan<byte> reply, uint xid)
    {
        try
        {
            var reader = new XdrReader(reply);
            return RpcMessage.TryReadReplyHeader(ref reader, xid, Portmap.Program, Portmap.Version, Portmap.ProcedureGetPort)
                && reader.ReadUInt32("port") is > 0 and <= 65535;
        }
        catch (Exception e) when (e is XdrException or RpcException)
        {
            return false;
        }
    }

    private static int CompareAddresses(IPAddress? left, IPAddress? right)
    {
        var a = left!.GetAddressBytes();
        var b = right!.GetAddressBytes();
        return a.AsSpan().SequenceCompareTo(b);
    }
}
