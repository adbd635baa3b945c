using System.Net;
using System.Net.Sockets;

namespace OpenVisa.Perf;

/// <summary>
/// How the VXI-11 perf servers become findable for pyvisa-py 0.5, which looks VXI-11 devices up only through the portmapper
/// on 127.0.0.1:111: the portmapper that answers there (rpcbind) when there is one, else, as root, OpenVisa's own portmapper
/// run by the first server. A portmapper maps one server per RPC program, so the servers register one after another and
/// each one's pyvisa-py client connects (and keeps its connection) before the next takes the registration over.
/// </summary>
internal sealed record PerfPortmapperPlan(IReadOnlyList<PerfPortmapper> Modes, string Description)
{
    private const int PortmapperPort = 111;
    private const uint Vxi11CoreProgram = 0x0607AF;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The plan for <paramref name="servers"/> servers in start order, or null with the reason pyvisa-py cannot reach any.</summary>
    public static PerfPortmapperPlan? For(int servers, out string reason)
    {
        reason = "";
        if (Answers(PortmapperPort))
        {
            var registered = CorePortRegistered();
            if (registered is > 0 and var port && Answers(port))
            {
                reason = $"a VXI-11 server that answers (core port {port}) is registered with the portmapper on 127.0.0.1:{PortmapperPort}; the harness leaves it alone, " +
                    "and pyvisa-py 0.5 finds VXI-11 devices only through that portmapper";
                return null;
            }
            return new([.. Enumerable.Repeat(PerfPortmapper.System, servers)], $"the portmapper already on 127.0.0.1:{PortmapperPort}");
        }
        if (Environment.IsPrivilegedProcess)
            return new([PerfPortmapper.Own, .. Enumerable.Repeat(PerfPortmapper.System, servers - 1)], $"OpenVisa's own portmapper on 127.0.0.1:{PortmapperPort}, run by the first vxi11 server");
        reason = $"pyvisa-py 0.5 finds VXI-11 devices only through a portmapper on port {PortmapperPort}; none answers on 127.0.0.1:{PortmapperPort} and running one there needs root " +
            "(start rpcbind, Debian package rpcbind, or run ovisa perf as root)";
        return null;
    }

    /// <summary>The core port the portmapper on 127.0.0.1:111 maps VXI-11 to (0: none), or null when it cannot be asked.</summary>
    public static int? CorePortRegistered()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.ReceiveTimeout = socket.SendTimeout = (int)ProbeTimeout.TotalMilliseconds;
            socket.Connect(IPAddress.Loopback, PortmapperPort);
            // PMAPPROC_GETPORT (program 100000 version 2, procedure 3) for DEVICE_CORE version 1 over TCP (protocol 6).
            const uint xid = 0x4F56_0001;
            socket.Send(PerfRpc.Call(xid, 100_000, 2, 3, [Vxi11CoreProgram, 1, 6, 0]));
            var reply = new byte[256];
            var count = 0;
            do
            {
                var received = socket.Receive(reply.AsSpan(count));
                if (received == 0)
                    return null;
                count += received;
            }
            while (count < PerfRpc.MarkLength || count < Math.Min(reply.Length, PerfRpc.RecordLength(reply, "the portmapper")));
            var results = PerfRpc.MarkLength + PerfRpc.Results(reply.AsSpan(PerfRpc.MarkLength, count - PerfRpc.MarkLength), xid, "GETPORT", "the portmapper");
            return count >= results + 4 ? (int)PerfRpc.Get(reply, results) : null;
        }
        catch (Exception e) when (e is SocketException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>True when something accepts a TCP connection on 127.0.0.1:<paramref name="port"/> (on loopback a refusal is immediate).</summary>
    public static bool Answers(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
