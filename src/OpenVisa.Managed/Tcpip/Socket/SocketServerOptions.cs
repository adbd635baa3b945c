using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenVisa.Managed.Tcpip.Socket;

/// <summary>How a <see cref="SocketInstrumentServer"/> listens and frames messages.</summary>
public sealed class SocketServerOptions
{
    /// <summary>Where to listen; default 127.0.0.1 on a port the system chooses (port 0).</summary>
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>What ends a message in both directions; default <c>"\n"</c>, which also accepts <c>"\r\n"</c> from clients.</summary>
    public string Termination { get; init; } = "\n";

    /// <summary>The longest message a client may send before the server drops it (default 64 MiB); protects the server from a client that never terminates.</summary>
    public int MaxMessageLength { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// The longest reply the device may write for one message (default 64 MiB). A device that writes more fails that
    /// message: the client gets no reply (its read times out), the connection stays open, and the server logs why.
    /// </summary>
    public int MaxReplyBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// How many clients may be connected at once (default 256). A raw socket has no way to say "busy", so one beyond it
    /// is closed at once (the client sees the connection closed) and the server logs why. With
    /// <see cref="MaxReplyBytes"/> and <see cref="MaxMessageLength"/> this bounds the memory clients can hold.
    /// </summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>Told when a client connects and when it goes away (who uses the instrument); none when null.</summary>
    public OpenVisa.Managed.Server.IServedClientObserver? Clients { get; init; }

    /// <summary>Where connections, disconnections and device failures are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
