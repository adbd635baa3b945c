using OpenVisa.Instruments.Drivers;
using OpenVisa.Instruments.Drivers.Yaml;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers.Library;

/// <summary>The YAML drivers shipped in the library: each loads, is in the catalog, and passes its interface check against its profile.</summary>
public sealed class YamlLibraryTests
{
    public static TheoryData<string> LibraryDrivers()
    {
        var names = new TheoryData<string>();
        foreach (var name in YamlDriverLibrary.Names)
            names.Add(name);
        return names;
    }

    [Theory]
    [MemberData(nameof(LibraryDrivers))]
    public void Each_library_driver_is_in_the_catalog_as_the_class_of_its_interface(string name)
    {
        var definition = YamlDriverLibrary.Definition(name);
        Assert.NotNull(definition.Interface);
        var driver = DriverCatalog.Default.Find(definition.Key);
        Assert.Same(typeof(YamlInstrument), driver.InstrumentType.BaseType);
        Assert.Contains(InterfaceCheck.InterfacesOf(driver.InstrumentType), i => i.Name == definition.Interface);
        Assert.Equal(definition.EmbeddedSimulationProfile, driver.SimulationProfile);
        Assert.Null(driver.DriverFile);
        Assert.NotNull(driver.Yaml);
    }

    [Theory]
    [MemberData(nameof(LibraryDrivers))]
    public void Each_library_driver_passes_its_interface_check_against_its_profile(string name)
    {
        var key = YamlDriverLibrary.Definition(name).Key;
        using var instrument = Simulated.Open<YamlInstrument>(key, test: "lib_" + Path.GetFileNameWithoutExtension(name));
        Assert.Empty(InterfaceCheck.Check(instrument));
        Assert.Empty(InterfaceCheck.CheckAgainstInstrument(instrument));
        instrument.CheckDefinitions();
        var model = instrument.Definition.Key.Split('/')[1];
        Assert.Contains(model[..Math.Min(4, model.Length)], instrument.Idn.Get().Model, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("1", instrument.Ask("*OPC?").Trim());
        Assert.Matches(@"^\+?0,", instrument.Ask("SYST:ERR?").Trim());
        // A profile answers *OPT? where the instrument does; where the instrument has no *OPT? (E3631A, Lake Shore), it
        // queues -113 "Undefined header" as they do, rather than inventing a reply.
        var profile = SimulationProfiles.Text(DriverCatalog.Default.Find(key).SimulationProfile!);
        if (profile.Contains("\"*OPT?\":", StringComparison.Ordinal))
        {
            Assert.NotEmpty(instrument.Ask("*OPT?").Trim());
        }
        else
        {
            instrument.Write("*OPT?");
            Assert.Contains("-113", Assert.Throws<InstrumentErrorException>(instrument.CheckErrors).Message);
        }
    }
}
