using System.Security.Cryptography.X509Certificates;

namespace OpenVisa.Server.Http;

/// <summary>How the HTTP instrument API (<c>ovisa serve --http PORT</c>) listens and what it accepts.</summary>
public sealed class HttpServerOptions
{
    /// <summary>The largest request body accepted by default: 16 MiB, room for a large binary upload.</summary>
    public const long DefaultMaxRequestBodyBytes = 16L * 1024 * 1024;

    /// <summary>The port; 0 lets the system choose (see <see cref="HttpInstrumentServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// When set, every request must carry <c>Authorization: Bearer &lt;token&gt;</c>; others get 401. Null (the default)
    /// accepts anyone who can reach the port, as Lamb does, which is why the server binds to loopback unless told otherwise.
    /// </summary>
    public string? BearerToken { get; init; }

    /// <summary>When set, the server speaks HTTPS with this certificate (which must carry its private key).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Bodies larger than this get 413; default <see cref="DefaultMaxRequestBodyBytes"/>.</summary>
    public long MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// How long one request may take, waiting for the instrument's lock included, before it ends with 504 and
    /// <c>VI_ERROR_TMO</c>; default 30 s. A client may ask for less with the <c>X-Timeout-Ms</c> header.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="ConnectionThreads"/>: 64.</summary>
    public const int DefaultConnectionThreads = 64;

    /// <summary>
    /// How many connections are served each by a thread of its own (a blocking receive that wakes that thread, which
    /// parses the request, runs the handler and sends the response), the quickest way for a request to be answered;
    /// connections beyond it are served on the thread pool, so idle clients cannot take a thread each without bound.
    /// 0 serves every connection through Kestrel's socket transport. Default <see cref="DefaultConnectionThreads"/>.
    /// </summary>
    public int ConnectionThreads { get; init; } = DefaultConnectionThreads;

    /// <summary>How long a reservation lasts when its client asks for no lease; default 60 s.</summary>
    public TimeSpan DefaultLease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest lease a client may ask for; default 1 h, so a crashed client's reservation ends.</summary>
    public TimeSpan MaxLease { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A bench served through its drivers (<c>ovisa serve --bench FILE</c>): its parameters and waveforms appear under
    /// <c>/api/v1/bench</c> and in the console's bench view. Null (the default) serves no bench.
    /// </summary>
    public BenchApi.ServedBench? Bench { get; init; }
}
