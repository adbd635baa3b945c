// OpenVisa's side of the USBTMC measurement (eng/usb-perf/run.sh): the same work as raw_client.c, through
// ResourceManager("@managed") and a UsbInstrResource over the fake libusb named by OPENVISA_LIBUSB, in alternating
// rounds with the floor (RawFloor.cs: raw_client.c's calls from C# with the cheapest P/Invoke there is).
// Usage: UsbPerf [ROUND_TRIPS] [ROUNDS] [KIND]; KIND runs one kind only (warm-up included), for a profiler.
using System.Diagnostics;
using System.Globalization;
using OpenVisa;
using UsbPerf;

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
using var floor = new RawFloor(Environment.GetEnvironmentVariable("OPENVISA_LIBUSB") ?? throw new InvalidOperationException("set OPENVISA_LIBUSB to the fake libusb"));
using var rm = new ResourceManager("@managed");
using var instrument = rm.Open<UsbInstrResource>("USB0::0xF4CE::0x0001::FAKE0001::INSTR");
instrument.Timeout = TimeSpan.FromSeconds(30);
var (reply, floorLength, noTransitionLength) = (instrument.Query("*IDN?"), floor.Query(), floor.QueryWithoutTransition());
if (reply.TrimEnd('\n') != "FAKE,USBTMC,FAKE0001,1.0" || floorLength != 25 || noTransitionLength != 25)
    throw new InvalidOperationException($"the fake's *IDN? replies are not the ones expected: '{reply}', {floorLength} and {noTransitionLength} bytes");

// The kinds: the floor; the floor without the GC transition (a lower bound, see RawFloor); "OpenVisa-library", the
// backend alone (VisaLibrary.Write and Read on the session, bytes in and out, no resource layer); OpenVisa's Query.
string[] kinds = args.Length > 2 ? [args[2]] : ["floor", "floor-no-transition", "OpenVisa-library", "OpenVisa"];
var library = instrument.Library;
var session = instrument.Session;
var replyBuffer = new byte[MessageBasedResource.DefaultChunkSize];
void Run(string kind, int queries)
{
    // One loop per kind, no delegate call in it: the floor's query is about a tenth of a microsecond.
    switch (kind)
    {
        case "floor":
            for (var i = 0; i < queries; i++) floor.Query();
            break;
        case "floor-no-transition":
            for (var i = 0; i < queries; i++) floor.QueryWithoutTransition();
            break;
        case "OpenVisa-library":
            for (var i = 0; i < queries; i++) { library.Write(session, "*IDN?\n"u8); library.Read(session, replyBuffer); }
            break;
        case "OpenVisa":
            for (var i = 0; i < queries; i++) instrument.Query("*IDN?");
            break;
        default:
            throw new ArgumentException($"unknown kind {kind}");
    }
}

// Warm-up by time, not count: the tiered JIT compiles the optimised code in the background, seconds after the
// first calls on a loaded machine, and 2000 queries had measured unoptimised code (7-12 us a query instead of ~1 us).
var clock = Stopwatch.StartNew();
while (clock.Elapsed < TimeSpan.FromSeconds(3))
{
    foreach (var kind in kinds)
        Run(kind, 1000);
}

var perSecond = kinds.ToDictionary(k => k, _ => new List<double>());
var cpuPerQuery = kinds.ToDictionary(k => k, _ => new List<double>());
for (var round = 0; round < rounds; round++)
{
    foreach (var kind in kinds)
    {
        var allocated0 = GC.GetAllocatedBytesForCurrentThread();
        var collections0 = GC.CollectionCount(0);
        var cpu0 = ThreadCpu.Seconds();
        clock.Restart();
        Run(kind, count);
        clock.Stop();
        var cpuMicroseconds = (ThreadCpu.Seconds() - cpu0) * 1e6 / count;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocated0) / (double)count;
        var collections = GC.CollectionCount(0) - collections0;
        perSecond[kind].Add(count / clock.Elapsed.TotalSeconds);
        cpuPerQuery[kind].Add(cpuMicroseconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind}: {count} *IDN? in {clock.Elapsed.TotalSeconds:F3} s = {count / clock.Elapsed.TotalSeconds:F0}/s, thread cpu {cpuMicroseconds:F3} us per query, {allocated:F0} bytes allocated per query, {collections} collections"));
    }
}
foreach (var kind in kinds)
{
    var rates = perSecond[kind].Order().ToList();
    var cpus = cpuPerQuery[kind].Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"summary {kind}: median {rates[rates.Count / 2]:F0}/s ({1e6 / rates[rates.Count / 2]:F3} us), best {rates[^1]:F0}/s ({1e6 / rates[^1]:F3} us); thread cpu per query median {cpus[cpus.Count / 2]:F3} us, best {cpus[0]:F3} us; {rates.Count} rounds"));
}

// The 16 MiB block, as raw_client.c reads it after two untimed ones (the fake's first two 16 MiB replies are fresh
// memory; see there): three times into a new array each (QueryBinaryValues<byte>(command): each new 16 MiB array is
// fresh memory too, and now and then a gen-2 collection), then five times into one array the caller keeps
// (QueryBinaryValues<byte>(command, destination)).
const int BlockSize = 16 * 1024 * 1024;
var reused = new byte[BlockSize];
instrument.QueryBinaryValues<byte>("DATA? 1048576");
instrument.QueryBinaryValues<byte>("DATA? 16777216", reused);
instrument.QueryBinaryValues<byte>("DATA? 16777216", reused);
using var process = Process.GetCurrentProcess();
foreach (var intoCallersArray in new[] { false, false, false, true, true, true, true, true })
{
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var threadCpu = ThreadCpu.Seconds();
    var collections0 = GC.CollectionCount(2);
    clock.Restart();
    var length = intoCallersArray ? instrument.QueryBinaryValues<byte>("DATA? 16777216", reused) : instrument.QueryBinaryValues<byte>("DATA? 16777216").Length;
    clock.Stop();
    var threadUsed = ThreadCpu.Seconds() - threadCpu;
    process.Refresh();
    var used = process.TotalProcessorTime - cpu;
    if (length != BlockSize)
        throw new InvalidOperationException($"the block held {length} bytes, not {BlockSize}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"OpenVisa: block {length} bytes {(intoCallersArray ? "into the caller's array" : "into a new array")}, wall {clock.Elapsed.TotalSeconds:F4} s, cpu {used.TotalSeconds:F4} s = {used.TotalNanoseconds / length:F2} ns/byte, thread cpu {threadUsed * 1e9 / length:F2} ns/byte, {GC.CollectionCount(2) - collections0} gen-2 collections"));
}
