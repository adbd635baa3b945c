// Serial and Prologix figures of docs/performance.md: `dotnet run -c Release docs/perf/serial-prologix.cs [ROUNDS]`
// (needs socat; 15 rounds by default: on a loaded machine fewer rounds of a few blocks each swing too far to compare).
// Serial: OpenVisa's serial server answers on one end of a socat pty pair; on the other end the @managed ASRL session
// and a raw FileStream take turns: *IDN? round trips, and 1 MiB blocks (DATA? 1048576). Prologix: OpenVisa's emulated
// GPIB-ETHERNET adapter on 127.0.0.1; @managed GPIB0::1::INSTR (OPENVISA_GPIB0) and a raw socket speaking the same
// ++ sequence (the escaped data line, then ++read eoi) take turns at *IDN?. Rounds alternate so both see the same load.
// Blocks are read two ways on each side, since a new 1 MiB array costs about as much as reading it here (the kernel
// faults in and zeroes fresh pages): OpenVisa into the caller's array (QueryBinaryValues<byte>(cmd, array)) beside the
// raw reader's reused buffer, and OpenVisa's new array per block (QueryBinaryValues<byte>(cmd)) beside a raw read into
// a new array per block. A first round on each side warms up (the JIT's tiering compiles the hot paths in a background
// thread for a second or more) and is not counted.
#:project ../../src/OpenVisa.Managed/OpenVisa.Managed.csproj
#:property Nullable=enable
#:property TreatWarningsAsErrors=false
#:property PublishAot=false

using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using OpenVisa;
using OpenVisa.Managed.Gpib.Prologix;
using OpenVisa.Managed.Serial;
using OpenVisa.Managed.Server;

var rounds = args.Length > 0 ? int.Parse(args[0]) : 15;
const int Queries = 1000;
const int Blocks = 8;
const int BlockBytes = 1 << 20;
const int PrologixQueries = 3000;

var device = new Device();
var folder = Directory.CreateTempSubdirectory("ovisa-perf-pty-").FullName;
var a = Path.Combine(folder, "a");
var b = Path.Combine(folder, "b");
using var socat = Process.Start(new ProcessStartInfo("socat", [$"pty,raw,echo=0,link={a}", $"pty,raw,echo=0,link={b}"]) { UseShellExecute = false })!;
while (!File.Exists(a) || !File.Exists(b))
    Thread.Sleep(20);
await using (var server = new SerialInstrumentServer(b, device))
{
    server.Start();
    var visaIdn = new List<double>(); var rawIdn = new List<double>(); var visaBlock = new List<double>(); var rawBlock = new List<double>();
    var visaNewArray = new List<double>(); var rawNewArray = new List<double>();
    var into = new byte[BlockBytes];
    for (var round = 0; round <= rounds; round++) // round 0 warms up
    {
        using (var rm = new ResourceManager("@managed"))
        using (var port = rm.Open<SerialResource>($"ASRL{a}::INSTR"))
        {
            port.Timeout = TimeSpan.FromSeconds(30);
            port.Query("*IDN?");
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Queries; i++)
                port.Query("*IDN?");
            visaIdn.Add(Queries / watch.Elapsed.TotalSeconds);
            watch.Restart();
            for (var i = 0; i < Blocks; i++)
                port.QueryBinaryValues<byte>($"DATA? {BlockBytes}", into.AsSpan());
            visaBlock.Add(Blocks * BlockBytes / watch.Elapsed.TotalSeconds / (1 << 20));
            watch.Restart();
            for (var i = 0; i < Blocks; i++)
                port.QueryBinaryValues<byte>($"DATA? {BlockBytes}");
            visaNewArray.Add(Blocks * BlockBytes / watch.Elapsed.TotalSeconds / (1 << 20));
        }
        using (var raw = new FileStream(a, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 0))
        {
            var buffer = new byte[64 * 1024];
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Queries; i++)
            {
                raw.Write("*IDN?\n"u8);
                ReadUntilNewline(raw, buffer);
            }
            rawIdn.Add(Queries / watch.Elapsed.TotalSeconds);
            var total = 2 + 7 + BlockBytes + 1; // "#7" + 7 digits + payload + LF
            watch.Restart();
            for (var i = 0; i < Blocks; i++)
            {
                raw.Write(Encoding.ASCII.GetBytes($"DATA? {BlockBytes}\n"));
                for (var got = 0; got < total;)
                    got += raw.Read(buffer, 0, Math.Min(buffer.Length, total - got));
            }
            rawBlock.Add(Blocks * BlockBytes / watch.Elapsed.TotalSeconds / (1 << 20));
            watch.Restart();
            for (var i = 0; i < Blocks; i++)
            {
                raw.Write(Encoding.ASCII.GetBytes($"DATA? {BlockBytes}\n"));
                var block = GC.AllocateUninitializedArray<byte>(total);
                for (var got = 0; got < total;)
                    got += raw.Read(block, got, total - got);
            }
            rawNewArray.Add(Blocks * BlockBytes / watch.Elapsed.TotalSeconds / (1 << 20));
        }
    }
    foreach (var figures in new[] { visaIdn, rawIdn, visaBlock, rawBlock, visaNewArray, rawNewArray })
        figures.RemoveAt(0);
    Report("serial *IDN?/s", visaIdn, rawIdn);
    Report("serial 1 MiB block MiB/s (into the caller's array | raw reused buffer)", visaBlock, rawBlock);
    Report("serial 1 MiB block MiB/s (a new array per block, both sides)", visaNewArray, rawNewArray);
    Report("serial 1 MiB block MiB/s (OpenVisa new array | raw reused buffer)", visaNewArray, rawBlock);
}
socat.Kill();

await using (var adapter = new PrologixAdapterServer(new Dictionary<int, IMessageDevice> { [1] = device }))
{
    adapter.Start();
    Environment.SetEnvironmentVariable("OPENVISA_GPIB0", adapter.Binding);
    var visa = new List<double>(); var raw = new List<double>();
    using var rm = new ResourceManager("@managed");
    using var instrument = rm.Open<GpibInstrResource>("GPIB0::1::INSTR");
    instrument.ReadTermination = "\n";
    instrument.Query("*IDN?");
    using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    socket.Connect(adapter.LocalEndPoint);
    socket.Send("++mode 1\n++auto 0\n++eos 3\n++addr 1\n"u8);
    var buffer = new byte[4096];
    for (var round = 0; round <= rounds; round++) // round 0 warms up
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < PrologixQueries; i++)
            instrument.Query("*IDN?");
        visa.Add(PrologixQueries / watch.Elapsed.TotalSeconds);
        watch.Restart();
        for (var i = 0; i < PrologixQueries; i++)
        {
            socket.Send("*IDN?\u001b\n\n"u8);
            socket.Send("++read eoi\n"u8);
            var end = false;
            while (!end)
            {
                var count = socket.Receive(buffer);
                end = count == 0 || buffer.AsSpan(0, count).Contains((byte)'\n');
            }
        }
        raw.Add(PrologixQueries / watch.Elapsed.TotalSeconds);
    }
    visa.RemoveAt(0);
    raw.RemoveAt(0);
    Report("Prologix *IDN?/s", visa, raw);
}

static void ReadUntilNewline(Stream stream, byte[] buffer)
{
    while (true)
    {
        var count = stream.Read(buffer, 0, buffer.Length);
        if (count == 0 || buffer.AsSpan(0, count).Contains((byte)'\n'))
            return;
    }
}

static void Report(string what, List<double> visa, List<double> raw)
{
    static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
    var roundRatios = visa.Zip(raw, (v, r) => v / r);
    Console.WriteLine($"{what}: OpenVisa {string.Join(" ", visa.Select(v => v.ToString("F0")))} | raw {string.Join(" ", raw.Select(v => v.ToString("F0")))} | ratio of medians {Median(visa) / Median(raw):F2}, median of round ratios {Median(roundRatios):F2}");
}

/// <summary>Answers *IDN? and DATA? n (a definite block of n bytes).</summary>
sealed class Device : IMessageDevice
{
    public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        var text = Encoding.ASCII.GetString(message.Span);
        if (text == "*IDN?")
        {
            reply.Write("OpenVisa,PerfDevice,0,1.0"u8);
            return ValueTask.FromResult(true);
        }
        if (text.StartsWith("DATA? ", StringComparison.Ordinal))
        {
            var length = int.Parse(text[6..]);
            var digits = length.ToString();
            reply.Write(Encoding.ASCII.GetBytes($"#{digits.Length}{digits}"));
            var payload = reply.GetSpan(length)[..length];
            for (var i = 0; i < length; i++)
                payload[i] = (byte)i;
            reply.Advance(length);
            return ValueTask.FromResult(true);
        }
        return ValueTask.FromResult(false);
    }
}
