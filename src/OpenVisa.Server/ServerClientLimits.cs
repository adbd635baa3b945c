namespace OpenVisa.Server;

/// <summary>
/// How much of a server its clients may take (<c>ovisa serve --max-clients</c>, <c>--max-sessions-per-client</c>,
/// <c>--max-message-bytes</c>), for the SOCKET and VXI-11 servers; each null keeps the protocol server's own default
/// (see <c>docs/reliability.md</c>). HiSLIP's limits are in <see cref="InstrumentServerOptions.Hislip"/>, which
/// <c>ovisa serve</c> fills from the same options.
/// </summary>
public sealed record ServerClientLimits
{
    /// <summary>SOCKET: connections at once per instrument port (default 256). VXI-11: links at once (default 1024).</summary>
    public int? MaxClients { get; init; }

    /// <summary>VXI-11: links one client connection may create (default 32), so one client cannot take every link.</summary>
    public int? MaxSessionsPerClient { get; init; }

    /// <summary>SOCKET and VXI-11: the longest message a client may send (default 64 MiB); longer ones are refused.</summary>
    public int? MaxMessageBytes { get; init; }
}
