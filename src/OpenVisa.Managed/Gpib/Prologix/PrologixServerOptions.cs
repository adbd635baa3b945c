using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenVisa.Managed.Gpib.Prologix;

/// <summary>Where a <see cref="PrologixAdapterServer"/> listens.</summary>
public sealed class PrologixServerOptions
{
    /// <summary>Where to listen; default 127.0.0.1 on a port the system chooses (real adapters use 1234).</summary>
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>The longest data line a client may send before it is dropped (default 64 MiB).</summary>
    public int MaxLineLength { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Told when a client first talks to an instrument behind the adapter (its GPIB address) and when the client goes
    /// away (who uses which instrument); none when null.
    /// </summary>
    public OpenVisa.Managed.Server.IServedClientObserver? Clients { get; init; }

    /// <summary>Where connections and device failures are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
