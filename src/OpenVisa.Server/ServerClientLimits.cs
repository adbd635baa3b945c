namespace OpenVisa.Server;

/// <summary>
/// How much of a server its clients may take (<c>ovisa serve --max-clients</c>, <c>--max-sessions-per-client</c>,
/// <c>--max-message-bytes</c>), for the SOCKET, VXI-11 and HiSLIP servers; each null keeps the protocol server's own
/// default, or for HiSLIP what <see cref="InstrumentServerOptions.Hislip"/> says (see <c>docs/reliability.md</c>).
/// </summary>
public sealed record ServerClientLimits
{
    /// <summary>SOCKET: connections at once per instrument port (default 256). VXI-11: links at once (default 1024). HiSLIP: sessions at once (default 64).</summary>
    public int? MaxClients { get; init; }

    /// <summary>
    /// VXI-11: links one client connection may create (default 32). HiSLIP: sessions one client address may hold
    /// (default 16). So one client cannot take every link or session.
    /// </summary>
    public int? MaxSessionsPerClient { get; init; }

    /// <summary>Every protocol: the longest message a client may send (default 64 MiB); longer ones are refused.</summary>
    public int? MaxMessageBytes { get; init; }
}
