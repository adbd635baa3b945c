// The server half of the @lamb figures in docs/performance.md: `dotnet run -c Release docs/perf/lamb-server-rounds.cs [ROUNDS] [QUERIES]`.
// One process serves the same instrument over TCPIP SOCKET and over HTTP twice: with the HTTP server's default
// transport (a thread per connection) and with Kestrel's socket transport (HttpServerOptions.ConnectionThreads = 0).
// Clients, taking turns round after round so all see the same load:
//   socket      @managed SOCKET *IDN? (issue 16's yardstick)
//   raw-socket  a blocking socket sending "*IDN?\n" and reading the line: the SOCKET server's own cost
//   raw-http    a blocking socket sending the exact bytes @lamb sends for *IDN? (captured through a relay), reading the
//               response by its Content-Length: the HTTP server's own cost, without HttpClient
//   raw-http-k  the same against Kestrel's socket transport
//   lamb        @lamb *IDN? (HttpClient) against the default transport
//   lamb-k      the same against Kestrel's socket transport
// A third argument, a comma-separated list of these names, runs only those (e.g. under strace -f -c).
// Prints each round (queries/s and process CPU µs per query), then the median and best round of each and the ratios.
#:project ../../src/OpenVisa.Server/OpenVisa.Server.csproj
#:project ../../src/OpenVisa.Lamb/OpenVisa.Lamb.csproj
#:property Nullable=enable
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenVisa;
using OpenVisa.Lamb;
using OpenVisa.Managed.Server;
using OpenVisa.Server;
using OpenVisa.Server.Http;

var rounds = args.Length > 0 ? int.Parse(args[0]) : 9;
var queries = args.Length > 1 ? int.Parse(args[1]) : 2000;

var device = new IdnDevice();
var server = new InstrumentServer([new ServedInstrument("BENCH0::INSTR", device)],
    new InstrumentServerOptions { SocketPort = 0, Http = new HttpServerOptions() });
server.Start();
await using var kestrelSockets = new HttpInstrumentServer([new ServedInstrument("BENCH0::INSTR", device)], IPAddress.Loopback,
    new HttpServerOptions { ConnectionThreads = 0 });
await kestrelSockets.StartAsync();
var httpPort = new Uri(server.HttpUrl!).Port;
var socketPort = int.Parse(server.Endpoints.First(e => e.Protocol == "SOCKET").ResourceName.Split("::")[2]);

using var socketRm = new ResourceManager("@managed");
using var socket = socketRm.Open<MessageBasedResource>(server.Endpoints.First(e => e.Protocol == "SOCKET").ResourceName);
socket.ReadTermination = "\n";
using var lambRm = new ResourceManager(new LambLibrary(server.HttpUrl!));
using var lamb = lambRm.Open<MessageBasedResource>("BENCH0::INSTR");
using var lambKestrelRm = new ResourceManager(new LambLibrary(kestrelSockets.Url));
using var lambKestrel = lambKestrelRm.Open<MessageBasedResource>("BENCH0::INSTR");

var request = await CaptureLambQueryAsync(httpPort);
Console.WriteLine($"@lamb's *IDN? request, {request.Length} bytes:\n{Encoding.Latin1.GetString(request).Replace("\r\n", "\\r\\n\n")}\n");
using var rawSocket = new RawClient(socketPort, "*IDN?\n"u8.ToArray(), RawClient.LineReply);
using var rawHttp = new RawClient(httpPort, request, RawClient.HttpReply);
using var rawKestrel = new RawClient(kestrelSockets.Port, request, RawClient.HttpReply);

var clients = new (string Name, Action Query)[]
{
    ("socket", () => socket.Query("*IDN?")),
    ("raw-socket", rawSocket.Query),
    ("raw-http", rawHttp.Query),
    ("raw-http-k", rawKestrel.Query),
    ("lamb", () => lamb.Query("*IDN?")),
    ("lamb-k", () => lambKestrel.Query("*IDN?")),
};
if (args.Length > 2)
    clients = [.. clients.Where(c => args[2].Split(',').Contains(c.Name))];
var rates = clients.ToDictionary(c => c.Name, _ => new List<double>());
var cpu = clients.ToDictionary(c => c.Name, _ => new List<double>());
foreach (var c in clients)
    Measure(c.Query, 500);
Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
for (var round = 0; round < rounds; round++)
{
    // Rotate the order, so that no client always follows the same one.
    var line = new StringBuilder($"round {round + 1,2}:");
    for (var k = 0; k < clients.Length; k++)
    {
        var (name, query) = clients[(k + round) % clients.Length];
        var (rate, cpuUs) = Measure(query, queries);
        rates[name].Add(rate);
        cpu[name].Add(cpuUs);
    }
    foreach (var c in clients)
        line.Append($"  {c.Name} {rates[c.Name][^1],6:F0}/s {cpu[c.Name][^1],5:F1}µs");
    Console.WriteLine(line);
}
Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
foreach (var c in clients)
{
    var r = rates[c.Name];
    Console.WriteLine($"{c.Name,-11} median {Median(r),7:F0} q/s ({1e6 / Median(r),6:F1} µs)  best {r.Max(),7:F0} q/s  process CPU median {Median(cpu[c.Name]),5:F1} µs/query");
}
double RatioOfRounds(string a, string b) => !rates.ContainsKey(a) || !rates.ContainsKey(b) ? double.NaN : Median(rates[a].Zip(rates[b], (x, y) => x / y).ToList());
Console.WriteLine($"lamb / socket: median of round ratios {RatioOfRounds("lamb", "socket"):F2}; lamb-k / socket {RatioOfRounds("lamb-k", "socket"):F2}; lamb / lamb-k {RatioOfRounds("lamb", "lamb-k"):F2}");
Console.WriteLine($"raw-http / raw-socket: {RatioOfRounds("raw-http", "raw-socket"):F2}; raw-http / raw-http-k (thread per connection / Kestrel sockets): {RatioOfRounds("raw-http", "raw-http-k"):F2}");
await server.StopAsync();

static (double Rate, double CpuMicroseconds) Measure(Action query, int n)
{
    var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    var started = Stopwatch.GetTimestamp();
    for (var i = 0; i < n; i++)
        query();
    var elapsed = Stopwatch.GetElapsedTime(started);
    process.Refresh();
    return (n / elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / n);
}

static double Median(List<double> v) { var o = v.Order().ToArray(); return o.Length % 2 == 1 ? o[o.Length / 2] : (o[o.Length / 2 - 1] + o[o.Length / 2]) / 2; }

// @lamb's request for *IDN?, byte for byte: its client talks to the server through a relay that keeps a copy of what
// the client sent; the last request is the one to replay (the Host header is the relay's; the server ignores it).
static async Task<byte[]> CaptureLambQueryAsync(int serverPort)
{
    var relay = new TcpListener(IPAddress.Loopback, 0);
    relay.Start();
    var sent = new MemoryStream();
    var relaying = Task.Run(async () =>
    {
        using var client = await relay.AcceptTcpClientAsync();
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(IPAddress.Loopback, serverPort);
        var toServer = Task.Run(async () =>
        {
            var buffer = new byte[65536];
            int n;
            while ((n = await client.GetStream().ReadAsync(buffer)) > 0)
            {
                lock (sent) sent.Write(buffer, 0, n);
                await upstream.GetStream().WriteAsync(buffer.AsMemory(0, n));
            }
            upstream.Client.Shutdown(SocketShutdown.Send);
        });
        await upstream.GetStream().CopyToAsync(client.GetStream());
        await toServer;
    });
    using (var rm = new ResourceManager(new LambLibrary($"http://127.0.0.1:{((IPEndPoint)relay.LocalEndpoint).Port}")))
    using (var r = rm.Open<MessageBasedResource>("BENCH0::INSTR"))
    {
        r.Query("*IDN?");
        r.Query("*IDN?");
    }
    relay.Stop();
    await Task.WhenAny(relaying, Task.Delay(2000));
    byte[] all;
    lock (sent) all = sent.ToArray();
    var text = Encoding.Latin1.GetString(all);
    var start = text.LastIndexOf("POST ", StringComparison.Ordinal);
    return all[start..];
}

sealed class RawClient : IDisposable
{
    public delegate int ReplyLength(ReadOnlySpan<byte> received);
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _request;
    private readonly ReplyLength _replyLength;
    private readonly byte[] _buffer = new byte[65536];

    public RawClient(int port, byte[] request, ReplyLength replyLength)
    {
        _socket.Connect(IPAddress.Loopback, port);
        _request = request;
        _replyLength = replyLength;
    }

    public void Query()
    {
        _socket.Send(_request);
        var filled = 0;
        int length;
        while ((length = _replyLength(_buffer.AsSpan(0, filled))) < 0 || filled < length)
        {
            var n = _socket.Receive(_buffer.AsSpan(filled));
            if (n == 0)
                throw new IOException("the server closed the connection");
            filled += n;
        }
        if (filled != length)
            throw new IOException($"{filled - length} bytes more than one reply");
    }

    /// <summary>The length of a reply ending with a line feed; -1 while incomplete.</summary>
    public static int LineReply(ReadOnlySpan<byte> received)
    {
        var end = received.IndexOf((byte)'\n');
        return end < 0 ? -1 : end + 1;
    }

    /// <summary>The length of an HTTP response with a Content-Length; -1 while its headers are incomplete.</summary>
    public static int HttpReply(ReadOnlySpan<byte> received)
    {
        var end = received.IndexOf("\r\n\r\n"u8);
        if (end < 0)
            return -1;
        if (!received.StartsWith("HTTP/1.1 200"u8))
            throw new IOException("not 200: " + Encoding.Latin1.GetString(received[..end]));
        var headers = Encoding.Latin1.GetString(received[..end]);
        var at = headers.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase) + 16;
        var stop = headers.IndexOf('\r', at);
        return end + 4 + int.Parse(stop < 0 ? headers[at..] : headers[at..stop]);
    }

    public void Dispose() => _socket.Dispose();
}

sealed class IdnDevice : IMessageDevice
{
    private static readonly byte[] Identity = "OpenVisa,BenchDevice,0,1.0"u8.ToArray();

    public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        reply.Write(Identity);
        return ValueTask.FromResult(true);
    }
}
