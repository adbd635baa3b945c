using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Drivers.Rigol;
using OpenVisa.Instruments.Drivers.RohdeSchwarz;
using OpenVisa.Instruments.Drivers.Tektronix;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>
/// Run, stop and single send each scope family's own commands, in order: the Tektronix TBS sets its stop-after mode
/// before it starts, the R&amp;S RTB has no leading colon, Rigol and Keysight share theirs.
/// </summary>
public class ScopeRunStopCommandTests
{
    public static TheoryData<string, string[], string[], string[]> Families() => new()
    {
        { "keysight", [":RUN"], [":STOP"], [":SING"] },
        { "rigol", [":RUN"], [":STOP"], [":SING"] },
        { "rs", ["RUN"], ["STOP"], ["SING"] },
        { "tektronix", ["ACQ:STOPA RUNST", "ACQ:STATE RUN"], ["ACQ:STATE STOP"], ["ACQ:STOPA SEQ", "ACQ:STATE RUN"] },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Run_stop_and_single_send_the_family_commands_in_order(string family, string[] run, string[] stop, string[] single)
    {
        var device = new FakeDevice();
        var resource = FakeLibrary.Open(device);
        var name = TestNames.Unique(family);
        await using var instrument = family switch
        {
            "keysight" => (Instrument)new KeysightInfiniiVision(name, resource),
            "rigol" => new RigolDS1000Z(name, resource),
            "rs" => new RohdeSchwarzRtb2000(name, resource),
            "tektronix" => new TektronixTbs(name, resource),
            _ => throw new ArgumentException(family),
        };
        var scope = (IOscilloscope)instrument;
        scope.Run();
        Assert.Equal(run, device.Received);
        device.ClearLog();
        scope.Stop();
        Assert.Equal(stop, device.Received);
        device.ClearLog();
        scope.Single();
        Assert.Equal(single, device.Received);
    }
}
