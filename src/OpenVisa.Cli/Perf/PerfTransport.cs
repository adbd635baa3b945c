namespace OpenVisa.Cli.Perf;

/// <summary>
/// One way of reaching the perf instrument that <c>ovisa perf</c> measures: SOCKET now; VXI-11, HiSLIP and the simulator
/// plug in by subclassing this and adding an instance to <see cref="PerfTransports.All"/>.
/// </summary>
/// <remarks>
/// A transport knows how to start its server side (in the <c>ovisa perf serve</c> child process, so the server can be
/// pinned to a CPU apart from the harness), which resource name and backend OpenVisa clients use to reach it, and which
/// baseline clients can talk to it: a raw client that speaks the wire protocol with nothing else in the way (the
/// physical limit), and Debian's pyvisa-py.
/// </remarks>
internal abstract class PerfTransport
{
    /// <summary>The name used by <c>--transports</c> and in the JSON results: socket, vxi11, hislip or sim.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// True when the server side runs in its own process (<c>ovisa perf serve</c>); false for a backend that answers in
    /// the client's process (the simulator), whose <see cref="StartServerAsync"/> only names the resource.
    /// </summary>
    public virtual bool NeedsServerProcess => true;

    /// <summary>
    /// Starts the server side in this process, answering as <paramref name="device"/> does, and returns where clients
    /// find it. Called in the <c>ovisa perf serve</c> child, or in the harness itself when <see cref="NeedsServerProcess"/>
    /// is false.
    /// </summary>
    public abstract Task<PerfServer> StartServerAsync(PerfDevice device, CancellationToken cancellationToken);

    /// <summary>True when <see cref="CreateRawClient"/> gives a client; false when the raw SOCKET figures are this transport's baseline.</summary>
    public virtual bool HasRawClient => false;

    /// <summary>
    /// A raw client for this transport's server (one socket, the protocol's framing, nothing else), or null when the raw
    /// SOCKET client against the SOCKET server is the baseline this transport is compared with.
    /// </summary>
    public virtual IPerfClient? CreateRawClient(string resourceName, int blockBytes) => null;

    /// <summary>
    /// The read termination pyvisa-py must use on this transport (<c>"\n"</c> on a stream, <c>""</c> where the protocol
    /// marks message ends), or null when pyvisa-py 0.5 cannot open this transport's resources.
    /// </summary>
    public virtual string? PyvisaPyReadTermination => null;

    /// <summary>Whether the server scaling figures (1, 8, 64 concurrent clients) mean anything for this transport.</summary>
    public virtual bool MeasuresServerScaling => NeedsServerProcess;
}

/// <summary>A started server side: where OpenVisa clients find it, and how to stop it.</summary>
/// <param name="ResourceName">The VISA resource name every client opens (OpenVisa, raw and pyvisa-py alike).</param>
/// <param name="Backend">The backend spec OpenVisa clients open it with, e.g. <c>@managed</c>.</param>
/// <param name="Stop">Stops the server; null when there is nothing to stop.</param>
internal sealed record PerfServer(string ResourceName, string Backend, Func<ValueTask>? Stop);
