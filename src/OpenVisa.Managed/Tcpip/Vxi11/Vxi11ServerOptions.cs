using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>How a <see cref="Vxi11InstrumentServer"/> makes its core channel findable.</summary>
public enum Vxi11PortmapperMode
{
    /// <summary>Register with the system portmapper (rpcbind) when one answers on the portmapper port; otherwise run one of our own there.</summary>
    Auto,

    /// <summary>Register with the system portmapper; fail when none answers.</summary>
    System,

    /// <summary>Run our own portmapper on the portmapper port, whatever else runs.</summary>
    Own,

    /// <summary>No portmapper: clients must give the core port, <c>TCPIP::host,port::inst0::INSTR</c>.</summary>
    None,
}

/// <summary>How a <see cref="Vxi11InstrumentServer"/> listens.</summary>
public sealed class Vxi11ServerOptions
{
    /// <summary>Where the core channel listens; default 127.0.0.1 on a port the system chooses.</summary>
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>The abort channel's port on the same address; 0 (the default) lets the system choose.</summary>
    public int AbortPort { get; init; }

    /// <summary>How clients find the core channel; default <see cref="Vxi11PortmapperMode.Auto"/>.</summary>
    public Vxi11PortmapperMode Portmapper { get; init; } = Vxi11PortmapperMode.Auto;

    /// <summary>The portmapper's port: 111, the well-known one (root on Unix), unless a test wants another.</summary>
    public int PortmapperPort { get; init; } = 111;

    /// <summary>The most data a client may send in one <c>device_write</c> (<c>maxRecvSize</c>); default 1 MiB.</summary>
    public int MaxReceiveSize { get; init; } = 1024 * 1024;

    /// <summary>The longest message (all <c>device_write</c> calls up to END) a link accepts; default 64 MiB.</summary>
    public int MaxMessageLength { get; init; } = 64 * 1024 * 1024;

    /// <summary>The most links open at once; <c>create_link</c> beyond it fails with error 9 (out of resources). Default 1024.</summary>
    public int MaxLinks { get; init; } = 1024;

    /// <summary>
    /// The longest reply the device may write for one message (default 64 MiB). A device that writes more fails that
    /// message: the next <c>device_read</c> gets error 17 (I/O error) saying so, and the link goes on.
    /// </summary>
    public int MaxReplyBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// The most links one client connection may hold (default 32), so one client cannot take every link of
    /// <see cref="MaxLinks"/>; <c>create_link</c> beyond it fails with error 9 (out of resources).
    /// </summary>
    public int MaxLinksPerConnection { get; init; } = 32;

    /// <summary>
    /// The most reply bytes a link keeps unread (default 64 MiB): while that many wait, <c>device_write</c> fails with
    /// error 9 (out of resources) until the client reads them (or clears the device), so a client that asks and never
    /// reads holds at most this plus one reply.
    /// </summary>
    public int MaxUnreadReplyBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Test seam: the address a <c>device_abort</c> caller is taken to come from (default: its remote address).</summary>
    internal Func<IPEndPoint, IPAddress>? AbortCallerAddressOf { get; init; }

    /// <summary>Told when a link is created and when it ends (who uses which instrument); none when null.</summary>
    public OpenVisa.Managed.Server.IServedClientObserver? Clients { get; init; }

    /// <summary>Where connections, links, refused calls and device failures are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
