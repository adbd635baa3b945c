using OpenVisa.Instruments.Drivers;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>Every driver against its own simulation profile: it connects, and a full snapshot reads every parameter without a failure.</summary>
public class SimulatedDriverTests
{
    public static TheoryData<string> DriverKeys()
    {
        var keys = new TheoryData<string>();
        foreach (var driver in DriverCatalog.Default.All)
            keys.Add(driver.Key);
        return keys;
    }

    [Theory]
    [MemberData(nameof(DriverKeys))]
    public async Task Each_driver_connects_and_snapshots_every_parameter_without_errors(string key)
    {
        var logger = new RecordingLogger();
        await using var instrument = Simulated.Open<Instrument>(key, logger, new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        var idn = await instrument.ConnectAsync();
        Assert.Equal(key.Split('/')[1].ToUpperInvariant(), idn.Model!.Replace("MODEL", "").Trim().ToUpperInvariant());
        var snapshot = await instrument.SnapshotAsync(SnapshotUpdate.All);
        Assert.Empty(logger.Warnings);
        foreach (var parameter in instrument.AllParameters().Where(p => p.SnapshotGet && p.Gettable))
            Assert.True(parameter.IsCacheValid, $"{parameter.FullName} was not read");
        Assert.Empty(await instrument.ReadErrorQueueAsync());
        Assert.NotNull(snapshot["parameters"]);
    }
}
