namespace OpenVisa.Perf;

/// <summary>
/// One way of reaching the perf instrument that <c>ovisa perf</c> measures (SOCKET, VXI-11, HiSLIP, the simulator); another
/// plugs in by subclassing this and adding an instance to <see cref="PerfTransports.All"/>.
/// </summary>
/// <remarks>
/// A transport knows how to start its server side (in the <c>ovisa perf serve</c> child process, so the server can be
/// pinned to a CPU apart from the harness), which resource name and backend OpenVisa clients use to reach it, and which
/// baseline clients can talk to it: a raw client that speaks the wire protocol with nothing else in the way (the
/// physical limit), and Debian's pyvisa-py.
/// </remarks>
internal abstract class PerfTransport
{
    /// <summary>The name used by <c>--transports</c> and in the JSON results: socket, vxi11, hislip, sim or http.</summary>
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
    public abstract Task<PerfServer> StartServerAsync(PerfDevice device, PerfServeOptions options, CancellationToken cancellationToken);

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

    /// <summary>
    /// True when pyvisa-py finds this transport's server only through the portmapper on port 111 (VXI-11 in pyvisa-py 0.5),
    /// which maps one server per program: the harness then registers each server in turn (<see cref="PerfServeOptions.Portmapper"/>)
    /// and connects its pyvisa-py client before the next server takes the registration over.
    /// </summary>
    public virtual bool PyvisaPyNeedsPortmapper => false;

    /// <summary>
    /// True when the <c>ivi</c> and <c>pyvisa-ivi</c> clients (a VISA shared library, libopenvisa over <c>@managed</c>,
    /// between the client and this server) are measured here when a library is given.
    /// </summary>
    public virtual bool MeasuresIviClients => false;

    /// <summary>Whether the server scaling figures (1, 8, 64 concurrent clients) mean anything for this transport.</summary>
    public virtual bool MeasuresServerScaling => NeedsServerProcess;
}

/// <summary>A started server side: where OpenVisa clients find it, and how to stop it.</summary>
/// <param name="ResourceName">The VISA resource name every client opens (OpenVisa, raw and pyvisa-py alike).</param>
/// <param name="Backend">The backend spec OpenVisa clients open it with, e.g. <c>@managed</c>.</param>
/// <param name="Stop">Stops the server; null when there is nothing to stop.</param>
internal sealed record PerfServer(string ResourceName, string Backend, Func<ValueTask>? Stop)
{
    /// <summary>The name pyvisa-py opens (the same as <see cref="ResourceName"/> where it can), or null when pyvisa-py cannot reach this server.</summary>
    public string? PyvisaPyResourceName { get; init; }

    /// <summary>Something the harness should print among its notes, e.g. why pyvisa-py cannot reach this server.</summary>
    public string? Note { get; init; }
}

/// <summary>How a perf server child is asked to start.</summary>
/// <param name="Portmapper">Whether and how a VXI-11 server registers with the portmapper on port 111; other transports ignore it.</param>
internal sealed record PerfServeOptions(PerfPortmapper Portmapper = PerfPortmapper.None);

/// <summary>How a VXI-11 perf server makes its core channel findable (pyvisa-py 0.5 asks only the portmapper on port 111).</summary>
internal enum PerfPortmapper
{
    /// <summary>Not at all: clients give the core port in the resource name.</summary>
    None,

    /// <summary>Register with the portmapper already on port 111 (rpcbind, or an earlier perf server's own).</summary>
    System,

    /// <summary>Run OpenVisa's own portmapper on port 111 (root only) and register there.</summary>
    Own,
}
