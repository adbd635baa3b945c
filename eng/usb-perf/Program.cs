// OpenVisa's side of the USBTMC measurement (eng/usb-perf/run.sh): the same work as raw_client.c, through
// ResourceManager("@managed") and a UsbInstrResource over the fake libusb named by OPENVISA_LIBUSB, in alternating
// rounds with the floor (RawFloor.cs: raw_client.c's calls from C# with the cheapest P/Invoke there is).
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

var library = instrument.Library;
var session = instrument.Session;
var replyBuffer = new byte[MessageBasedResource.DefaultChunkSize];

// Warm-up by time, not count: the tiered JIT compiles the optimised code in the background, seconds after the
// first calls on a loaded machine, and 2000 queries had measured unoptimised code (7-12 us a query instead of ~1 us).
var clock = Stopwatch.StartNew();
while (clock.Elapsed < TimeSpan.FromSeconds(3))
{
    for (var i = 0; i < 1000; i++)
    {
        instrument.Query("*IDN?");
        floor.Query();
        floor.QueryWithoutTransition();
        library.Write(session, "*IDN?\n"u8);
        library.Read(session, replyBuffer);
    }
}

// "OpenVisa-library" is the backend alone: VisaLibrary.Write and Read on the session, bytes in and out, no resource layer.
string[] kinds = ["floor", "floor-no-transition", "OpenVisa-library", "OpenVisa"];
var measured = kinds.ToDictionary(k => k, _ => new List<double>());
var cpuPerQuery = kinds.ToDictionary(k => k, _ => new List<double>());
void Measure(string name)
{
    // One loop per kind, no delegate call in it: the floor's query is tens of nanoseconds.
    var allocated0 = GC.GetAllocatedBytesForCurrentThread();
    var cpu0 = ThreadCpu.Seconds();
    clock.Restart();
    if (name == "floor")
        for (var i = 0; i < count; i++) floor.Query();
    else if (name == "floor-no-transition")
        for (var i = 0; i < count; i++) floor.QueryWithoutTransition();
    else if (name == "OpenVisa-library")
        for (var i = 0; i < count; i++) { library.Write(session, "*IDN?\n"u8); library.Read(session, replyBuffer); }
    else
        for (var i = 0; i < count; i++) instrument.Query("*IDN?");
    clock.Stop();
    var cpuMicroseconds = (ThreadCpu.Seconds() - cpu0) * 1e6 / count;
    var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocated0) / (double)count;
    var perSecond = count / clock.Elapsed.TotalSeconds;
    measured[name].Add(perSecond);
    cpuPerQuery[name].Add(cpuMicroseconds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {count} *IDN? in {clock.Elapsed.TotalSeconds:F3} s = {perSecond:F0}/s, thread cpu {cpuMicroseconds:F3} us per query, {allocated:F0} bytes allocated per query"));
}
// A third argument names the only kind to run (one of kinds), for a profiler.
var only = args.Length > 2 ? args[2] : null;
for (var run = 0; run < rounds; run++)
{
    foreach (var name in measured.Keys)
    {
        if (only is null || only == name)
            Measure(name);
    }
}
measured = measured.Where(m => m.Value.Count > 0).ToDictionary();
foreach (var (name, values) in measured)
{
    values.Sort();
    var cpus = cpuPerQuery[name];
    cpus.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"summary {name}: median {values[values.Count / 2]:F0}/s ({1e6 / values[values.Count / 2]:F3} us), best {values[^1]:F0}/s ({1e6 / values[^1]:F3} us); thread cpu per query median {cpus[cpus.Count / 2]:F3} us, best {cpus[0]:F3} us; {values.Count} rounds"));
}

instrument.QueryBinaryValues<byte>("DATA? 1048576");
using var process = Process.GetCurrentProcess();
for (var run = 0; run < 3; run++)
{
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    clock.Restart();
    var block = instrument.QueryBinaryValues<byte>("DATA? 16777216");
    clock.Stop();
    process.Refresh();
    var used = process.TotalProcessorTime - cpu;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"OpenVisa: block {block.Length} bytes, wall {clock.Elapsed.TotalSeconds:F3} s, cpu {used.TotalSeconds:F3} s = {used.TotalNanoseconds / block.Length:F2} ns/byte"));
}
