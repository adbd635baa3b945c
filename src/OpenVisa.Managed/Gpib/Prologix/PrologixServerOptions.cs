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

    /// <summary>Where connections and device failures are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
