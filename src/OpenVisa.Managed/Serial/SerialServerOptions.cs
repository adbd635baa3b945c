using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenVisa.Managed.Serial;

/// <summary>How a <see cref="SerialInstrumentServer"/> sets up its port and frames messages.</summary>
public sealed class SerialServerOptions
{
    /// <summary>The baud rate (default 9600, VISA's default); a pty ignores it.</summary>
    public int BaudRate { get; init; } = 9600;

    /// <summary>What ends a message in both directions; default <c>"\n"</c>, which also accepts <c>"\r\n"</c> from clients.</summary>
    public string Termination { get; init; } = "\n";

    /// <summary>The longest message the server collects before it drops it (default 64 MiB).</summary>
    public int MaxMessageLength { get; init; } = 64 * 1024 * 1024;

    /// <summary>Told when the line starts and stops being served (a serial line is one client: its peer); none when null.</summary>
    public OpenVisa.Managed.Server.IServedClientObserver? Clients { get; init; }

    /// <summary>Where the port's opening, failures and device errors are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
