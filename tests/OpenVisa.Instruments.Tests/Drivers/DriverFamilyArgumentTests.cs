using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Drivers.Rigol;
using OpenVisa.Instruments.Drivers.RohdeSchwarz;
using OpenVisa.Instruments.Drivers.Siglent;
using OpenVisa.Instruments.Drivers.Tektronix;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>
/// The scope and generator drivers refuse a channel count or a highest frequency their family does not have, naming
/// the argument and the value, before any channel is made; when both are wrong, the channel count is the one named.
/// </summary>
public class DriverFamilyArgumentTests
{
    public static TheoryData<string, int, string> Refused() => new()
    {
        // driver, the wrong value, the argument named
        { "keysight-scope", 0, "channelCount" },
        { "keysight-scope", 5, "channelCount" },
        { "rs-scope", 1, "channelCount" },
        { "rs-scope", 5, "channelCount" },
        { "tektronix-scope", 1, "channelCount" },
        { "tektronix-scope", 5, "channelCount" },
        { "keysight-generator", 0, "channelCount" },
        { "keysight-generator", 3, "channelCount" },
        { "tektronix-generator", 3, "channelCount" },
        { "tektronix-generator", 500_000, "maxFrequency" },
        { "rigol-generator", 500_000, "maxFrequency" },
        { "siglent-generator", 500_000, "maxFrequency" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_value_the_family_does_not_have_is_refused_naming_the_argument(string driver, int value, string argument)
    {
        var name = TestNames.Unique("family");
        Action create = driver switch
        {
            "keysight-scope" => () => _ = new KeysightInfiniiVision(name, null, value),
            "rs-scope" => () => _ = new RohdeSchwarzRtb2000(name, null, value),
            "tektronix-scope" => () => _ = new TektronixTbs(name, null, value),
            "keysight-generator" => () => _ = new Keysight33500B(name, null, value),
            "tektronix-generator" when argument == "channelCount" => () => _ = new TektronixAfg31000(name, null, value, maxFrequency: 1),
            "tektronix-generator" => () => _ = new TektronixAfg31000(name, null, 2, value),
            "rigol-generator" => () => _ = new RigolDG1000Z(name, null, value),
            "siglent-generator" => () => _ = new SiglentSdg2000X(name, null, value),
            _ => throw new ArgumentException(driver),
        };
        var e = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(argument, e.ParamName);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }
}
