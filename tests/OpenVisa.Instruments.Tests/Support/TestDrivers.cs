using OpenVisa.Instruments.Drivers;

namespace OpenVisa.Instruments.Tests.Support;

/// <summary>A catalog with the test supply as "test/supply", for bench tests that must not depend on real drivers.</summary>
public static class TestDrivers
{
    public static DriverCatalog Catalog() => new(
    [
        new DriverInfo
        {
            Key = "test/supply",
            Aliases = ["test/psu3"],
            Description = "three-channel test supply",
            InstrumentType = typeof(TestSupply),
            Create = (name, resource, options) => new TestSupply(name, resource, options),
        },
    ]);
}
