// What the @lamb client itself costs per request: `dotnet run -c Release docs/perf/lamb-client-cost.cs [ROUNDS] [QUERIES]`.
// A trivial canned HTTP/1.1 responder (a blocking thread per connection, one fixed *IDN? reply echoing X-Request-Id)
// answers, in this process over loopback, (a) @lamb (LambLibrary) queries and (b) a raw blocking socket that writes the
// very request bytes @lamb sent and reads the reply, and (c) @lamb sending through HttpClient (the client before its
// keep-alive path; the internal switch, reached by reflection). Alternating rounds; prints the rate and the process CPU
// per query of each, so (a) - (b) is what the client's HTTP layer costs on top of the bytes on the wire.
#:project ../../src/OpenVisa.Lamb/OpenVisa.Lamb.csproj
#:property Nullable=enable
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Net.Sockets;
using System.Text;
using OpenVisa;
using OpenVisa.Lamb;

var rounds = args.Length > 0 ? int.Parse(args[0]) : 7;
var queries = args.Length > 1 ? int.Parse(args[1]) : 2000;

var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
listener.Listen(16);
byte[]? firstQuery = null;
var acceptor = new Thread(() =>
{
    while (true)
    {
        Socket c;
        try { c = listener.Accept(); } catch (SocketException) { return; } catch (ObjectDisposedException) { return; }
        new Thread(() => CannedResponder.Serve(c, bytes => firstQuery ??= bytes)) { IsBackground = true }.Start();
    }
}) { IsBackground = true };
acceptor.Start();
var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}";

using var lambRm = new ResourceManager(new LambLibrary(url));
using var lamb = lambRm.Open<MessageBasedResource>("BENCH0::INSTR");
lamb.Query("*IDN?");
var throughHttpClient = (LambLibrary)typeof(LambLibrary).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, [typeof(string), typeof(bool)])!
    .Invoke([url, false]);
using var httpClientRm = new ResourceManager(throughHttpClient);
using var viaHttpClient = httpClientRm.Open<MessageBasedResource>("BENCH0::INSTR");
var request = firstQuery ?? throw new InvalidOperationException("the responder saw no query");
Console.WriteLine("request @lamb sends:\n" + Encoding.Latin1.GetString(request).Replace("\r\n", "⏎\n"));
using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
raw.Connect(new Uri(url).Host, new Uri(url).Port);
var replyBuffer = new byte[4096];

(double Rate, double CpuUs) Measure(Action query, int n)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var started = Stopwatch.GetTimestamp();
    for (var i = 0; i < n; i++)
        query();
    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds;
    return (n / elapsed, used / n);
}
void LambQuery() { if (lamb.Query("*IDN?").Length == 0) throw new InvalidOperationException("empty reply"); }
void HttpClientQuery() { if (viaHttpClient.Query("*IDN?").Length == 0) throw new InvalidOperationException("empty reply"); }
void RawQuery()
{
    raw.Send(request);
    var have = 0;
    while (true)
    {
        var got = raw.Receive(replyBuffer.AsSpan(have));
        if (got == 0) throw new InvalidOperationException("closed");
        have += got;
        if (CannedResponder.IsWholeResponse(replyBuffer.AsSpan(0, have))) break;
    }
}

Measure(LambQuery, 500);
Measure(RawQuery, 500);
Measure(HttpClientQuery, 500);
var l = new List<(double Rate, double CpuUs)>();
var r = new List<(double Rate, double CpuUs)>();
var h = new List<(double Rate, double CpuUs)>();
for (var round = 0; round < rounds; round++)
{
    if (round % 2 == 0) { l.Add(Measure(LambQuery, queries)); r.Add(Measure(RawQuery, queries)); h.Add(Measure(HttpClientQuery, queries)); }
    else { h.Add(Measure(HttpClientQuery, queries)); r.Add(Measure(RawQuery, queries)); l.Add(Measure(LambQuery, queries)); }
    Console.WriteLine($"round {round + 1}: @lamb {l[^1].Rate,8:F0} q/s {l[^1].CpuUs,6:F1} µs CPU/q   raw {r[^1].Rate,8:F0} q/s {r[^1].CpuUs,6:F1} µs CPU/q   " +
        $"via HttpClient {h[^1].Rate,8:F0} q/s {h[^1].CpuUs,6:F1} µs CPU/q");
}
static double Median(IEnumerable<double> v) { var o = v.Order().ToArray(); return o.Length % 2 == 1 ? o[o.Length / 2] : (o[o.Length / 2 - 1] + o[o.Length / 2]) / 2; }
Console.WriteLine($"median: @lamb {Median(l.Select(x => x.Rate)):F0} q/s ({1e6 / Median(l.Select(x => x.Rate)):F1} µs), {Median(l.Select(x => x.CpuUs)):F1} µs CPU/q   " +
    $"raw {Median(r.Select(x => x.Rate)):F0} q/s ({1e6 / Median(r.Select(x => x.Rate)):F1} µs), {Median(r.Select(x => x.CpuUs)):F1} µs CPU/q");
Console.WriteLine($"via HttpClient: median {Median(h.Select(x => x.Rate)):F0} q/s ({1e6 / Median(h.Select(x => x.Rate)):F1} µs), {Median(h.Select(x => x.CpuUs)):F1} µs CPU/q; " +
    $"best {h.Max(x => x.Rate):F0} q/s, {h.Min(x => x.CpuUs):F1} µs CPU/q");
Console.WriteLine($"best:   @lamb {l.Max(x => x.Rate):F0} q/s, {l.Min(x => x.CpuUs):F1} µs CPU/q   raw {r.Max(x => x.Rate):F0} q/s, {r.Min(x => x.CpuUs):F1} µs CPU/q");
listener.Dispose();

static class CannedResponder
{
    private static readonly byte[] Body = "OpenVisa,BenchDevice,0,1.0"u8.ToArray();

    /// <summary>Answers every request on <paramref name="c"/> with the canned reply until the client closes.</summary>
    public static void Serve(Socket c, Action<byte[]> sawQuery)
    {
        c.NoDelay = true;
        var buffer = new byte[65536];
        var have = 0;
        var response = new byte[512];
        try
        {
            while (true)
            {
                int headEnd;
                while ((headEnd = buffer.AsSpan(0, have).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    var got = c.Receive(buffer.AsSpan(have));
                    if (got == 0) return;
                    have += got;
                }
                var head = Encoding.Latin1.GetString(buffer, 0, headEnd);
                var length = 0;
                var id = "";
                foreach (var line in head.Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line[15..].Trim());
                    if (line.StartsWith("X-Request-Id:", StringComparison.OrdinalIgnoreCase)) id = line[13..].Trim();
                }
                var total = headEnd + 4 + length;
                while (have < total)
                {
                    var got = c.Receive(buffer.AsSpan(have));
                    if (got == 0) return;
                    have += got;
                }
                if (head.StartsWith("POST /instrument/query_raw", StringComparison.Ordinal))
                    sawQuery(buffer.AsSpan(0, total).ToArray());
                var n = Encoding.Latin1.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {Body.Length}\r\nX-Request-Id: {id}\r\n\r\n", response);
                Body.CopyTo(response, n);
                c.Send(response.AsSpan(0, n + Body.Length));
                buffer.AsSpan(total, have - total).CopyTo(buffer);
                have -= total;
            }
        }
        catch (SocketException)
        {
        }
        finally
        {
            c.Dispose();
        }
    }

    public static bool IsWholeResponse(ReadOnlySpan<byte> bytes) => bytes.IndexOf("\r\n\r\n"u8) is >= 0 and var end && bytes.Length >= end + 4 + Body.Length;
}
