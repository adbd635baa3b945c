// Read a scope waveform and save it as CSV (time in seconds, volts), through the InfiniiVision driver on the simulated
// DSOX1204G: its channel 1 carries a 1 kHz sine of 1.5 V peak.
//
//   dotnet run --project examples/ScopeWaveformToCsv -- waveform.csv 1
//
// On a real scope, open its address on @managed (or @ivi) instead of the driver's simulation profile.
using System.Globalization;
using OpenVisa;
using OpenVisa.Instruments.Drivers;
using OpenVisa.Instruments.Drivers.Keysight;

var output = args.Length > 0 ? args[0] : "waveform.csv";
var channel = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;

using var rm = new ResourceManager(SimulationProfiles.PathOf("keysight_dsox1204g.yaml") + "@sim");
using var scope = new KeysightInfiniiVision("scope", rm.OpenMessageBased("TCPIP0::sim-dsox1204g::inst0::INSTR"));

scope.Digitize(channel);
var waveform = await scope.ReadWaveformAsync(channel);

using (var csv = new StreamWriter(output))
{
    csv.WriteLine("time_s,voltage_v");
    for (var i = 0; i < waveform.Voltages.Length; i++)
        csv.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{waveform.TimeOf(i):G9},{waveform.Voltages[i]:G9}"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{waveform.Voltages.Length} points of channel {channel}, {waveform.Voltages.Min():F3} V to {waveform.Voltages.Max():F3} V, written to {output}"));
