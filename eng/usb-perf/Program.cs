// OpenVisa's side of the USBTMC measurement (eng/usb-perf/run.sh): the same work as raw_client.c, through
// ResourceManager("@managed") and a UsbInstrResource over the fake libusb named by OPENVISA_LIBUSB.
using System.Diagnostics;
using System.Globalization;
using OpenVisa;

using var rm = new ResourceManager("@managed");
using var instrument = rm.Open<UsbInstrResource>("USB0::0xF4CE::0x0001::FAKE0001::INSTR");
instrument.Timeout = TimeSpan.FromSeconds(30);
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20000;
// Warm-up by time, not count: the tiered JIT compiles the optimised code in the background, seconds after the
// first calls on a loaded machine, and 2000 queries had measured unoptimised code (7-12 us a query instead of ~1 us).
var clock = Stopwatch.StartNew();
while (clock.Elapsed < TimeSpan.FromSeconds(3))
    instrument.Query("*IDN?");
for (var run = 0; run < 3; run++)
{
    clock.Restart();
    for (var i = 0; i < count; i++)
        instrument.Query("*IDN?");
    clock.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OpenVisa: {count} *IDN? in {clock.Elapsed.TotalSeconds:F3} s = {count / clock.Elapsed.TotalSeconds:F0}/s"));
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
