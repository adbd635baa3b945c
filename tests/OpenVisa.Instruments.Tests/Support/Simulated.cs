using System.Runtime.CompilerServices;
using OpenVisa.Instruments.Drivers;

namespace OpenVisa.Instruments.Tests.Support;

/// <summary>
/// Opens a driver on its own simulation profile through the @sim backend. Each call copies the profile to a file of its
/// own, so each test gets its own simulator library and state (the backend keeps one library per file).
/// </summary>
public static class Simulated
{
    public static T Open<T>(string driverKey, RecordingLogger? logger = null, InstrumentOptions? options = null, [CallerMemberName] string test = "")
        where T : Instrument
    {
        var driver = DriverCatalog.Default.Find(driverKey);
        var folder = Path.Combine(Path.GetTempPath(), "openvisa-instrument-tests");
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, $"{test}_{Guid.NewGuid():N}_{driver.SimulationProfile}");
        File.Copy(driver.SimulationProfilePath()!, copy);
        var manager = new ResourceManager(copy + "@sim");
        try
        {
            var resource = manager.Open<MessageBasedResource>(driver.SimulationAddress!);
            // The simulator has read the file by now; the copy is not needed any more.
            File.Delete(copy);
            var instrument = (T)Instrument.Create(() => driver.Create(TestNames.Unique(test.Length > 20 ? test[..20] : test), resource, (options ?? new InstrumentOptions()) with { Logger = logger }));
            instrument.OwnManager(manager);
            return instrument;
        }
        catch
        {
            manager.Close();
            throw;
        }
    }
}
