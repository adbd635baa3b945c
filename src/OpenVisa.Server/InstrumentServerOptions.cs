using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVisa.Managed.Tcpip.Hislip;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Server;

/// <summary>Which protocols an <see cref="InstrumentServer"/> offers, and where.</summary>
public sealed class InstrumentServerOptions
{
    /// <summary>The address every listener binds; default 127.0.0.1, so nothing is reachable from other computers unless asked.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Raw SOCKET: the first instrument on this port, the next on port + 1, …; null for no SOCKET listeners, 0 for ports the system chooses.</summary>
    public int? SocketPort { get; init; }

    /// <summary>Serve every instrument over VXI-11 as <c>inst0</c>, <c>inst1</c>, … and under its own name.</summary>
    public bool Vxi11 { get; init; }

    /// <summary>How the VXI-11 core channel is made findable; default: the system portmapper when one runs, else our own.</summary>
    public Vxi11PortmapperMode Portmapper { get; init; } = Vxi11PortmapperMode.Auto;

    /// <summary>The portmapper's port; 111 unless a test wants another.</summary>
    public int PortmapperPort { get; init; } = 111;

    /// <summary>The VXI-11 core channel's port; 0 (the default) lets the system choose, since clients ask the portmapper.</summary>
    public int Vxi11Port { get; init; }

    /// <summary>HiSLIP: every instrument on this port as <c>hislip0</c>, <c>hislip1</c>, …; null for none, 0 for a port the system chooses.</summary>
    public int? HislipPort { get; init; }

    /// <summary>HiSLIP negotiation, TLS certificate and SASL credentials; defaults when null.</summary>
    public HislipServerOptions? Hislip { get; init; }

    /// <summary>
    /// The longest reply a device may write for one message, over every protocol (default 64 MiB; <c>ovisa serve
    /// --max-reply-bytes</c>). Beyond it the message fails the protocol's way (see <c>docs/reliability.md</c>) and the
    /// server goes on serving everyone. It replaces the <see cref="HislipServerOptions.MaxReplyBytes"/> of <see cref="Hislip"/>.
    /// </summary>
    public int MaxReplyBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Client limits of the SOCKET, VXI-11 and HiSLIP servers; the protocols' defaults where a limit is null.</summary>
    public ServerClientLimits Limits { get; init; } = new();

    /// <summary>Serial: the first instrument on this serial device (e.g. one end of a socat pty pair); null for none.</summary>
    public string? SerialDevice { get; init; }

    /// <summary>
    /// Prologix: a GPIB-ETHERNET adapter emulated on this TCP port (real ones use 1234) with every instrument behind it at
    /// a GPIB address (its own when its name is a GPIB name, else 1, 2, …); null for none, 0 for a port the system chooses.
    /// </summary>
    public int? PrologixPort { get; init; }

    /// <summary>The HTTP instrument API (Lamb-compatible routes and <c>/api/v1/</c>) with these options; null for none.</summary>
    public Http.HttpServerOptions? Http { get; init; }

    /// <summary>Where listeners and connections are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
