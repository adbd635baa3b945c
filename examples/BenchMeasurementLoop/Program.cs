// A bench with a measurement loop: open every instrument of examples/bench.yaml (simulated, each on its driver's
// profile), sweep the supply's output 1 and read it back with the supply and the multimeter, then switch off.
//
//   dotnet run --project examples/BenchMeasurementLoop                    simulated
//   dotnet run --project examples/BenchMeasurementLoop -- my-bench.yaml   the same file's real addresses: drop Simulate
//
// The bench's safety limits hold throughout: 5.8 V, within the supply's 6 V rating but above the 5.5 V limit the bench
// file sets on output 1, is refused before it is sent. (Simulated, the meter is not wired to the supply: it reads its
// own simulated input; on a real bench it measures the board.)
using System.Globalization;
using OpenVisa.Instruments;
using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Drivers.Keysight;

var benchFile = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "bench.yaml");
using var bench = await Bench.OpenAsync(benchFile, new BenchOpenOptions { Simulate = true });
var psu = bench.Get<KeysightE36300>("psu");
var dmm = bench.Get<Keysight3446xA>("dmm");
var output = psu.Channel(1);

Console.WriteLine("set_v,psu_measured_v,dmm_v");
try
{
    output.Current.Set(0.1);
    output.Output.Set(true);
    for (var setPoint = 1.0; setPoint <= 5.0; setPoint += 1.0)
    {
        output.Voltage.Set(setPoint);
        var measured = output.MeasuredVoltage.Get();
        var dmmVolts = dmm.Voltage.Get();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{setPoint:F1},{measured:F4},{dmmVolts:F4}"));
    }
    try
    {
        output.Voltage.Set(5.8);
        Console.Error.WriteLine("the bench's safety limit let 5.8 V through");
        return 1;
    }
    catch (SafetyLimitException e)
    {
        Console.WriteLine($"5.8 V refused: {e.Message}");
    }
}
finally
{
    psu.AllOutputsOff();
}
return 0;
