using OpenVisa.Instruments.Drivers.Rigol;
using OpenVisa.Instruments.Drivers.RohdeSchwarz;
using OpenVisa.Instruments.Drivers.Tektronix;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>
/// What the scope drivers do when an instrument's reply contradicts itself (a block shorter than its preamble says,
/// an envelope where a plain waveform was asked for): each refuses with a message that says what did not match and
/// what to try, instead of scaling samples against the wrong times. Driven by a scripted fake device, since a
/// faithful simulation never sends such replies.
/// </summary>
public class ScopeWaveformErrorTests
{
    [Fact]
    public async Task Rigol_refuses_a_block_shorter_than_its_preamble_and_a_format_it_did_not_ask_for()
    {
        var device = new FakeDevice();
        device.Handlers[":WAV:PRE?"] = _ => "0,0,1200,1,1.000000e-05,-6.000000e-03,0,4.000000e-02,0,127";
        device.Handlers[":WAV:DATA?"] = _ => "#15ABCDE";
        await using var scope = new RigolDS1000Z(TestNames.Unique("ds"), FakeLibrary.Open(device));
        var e = Assert.Throws<FormatException>(() => scope.ReadWaveform(1));
        Assert.Contains("The preamble announces 1200 points, but :WAV:DATA? returned 5", e.Message);
        Assert.Contains("read again with the scope stopped", e.Message);
        Assert.Contains(":WAV:FORM BYTE", device.Received);
        device.Handlers[":WAV:PRE?"] = _ => "1,0,5,1,1.000000e-05,-6.000000e-03,0,4.000000e-02,0,127";
        var format = await Assert.ThrowsAsync<FormatException>(async () => await scope.ReadWaveformAsync(2));
        Assert.Contains("format 1, but BYTE (0) was asked for", format.Message);
    }

    [Fact]
    public async Task Tektronix_refuses_a_curve_shorter_than_NR_Pt()
    {
        var device = new FakeDevice();
        foreach (var (query, reply) in new[] { ("WFMO:NR_P?", "2000"), ("WFMO:XIN?", "5.0E-6"), ("WFMO:XZE?", "-5.0E-3"), ("WFMO:PT_O?", "0"), ("WFMO:YMU?", "4.0E-2"), ("WFMO:YOF?", "0"), ("WFMO:YZE?", "0") })
            device.Handlers[query] = _ => reply;
        device.Handlers["CURV?"] = _ => "#13ABC";
        await using var scope = new TektronixTbs(TestNames.Unique("tbs"), FakeLibrary.Open(device));
        var e = Assert.Throws<FormatException>(() => scope.ReadWaveform(3));
        Assert.Contains("WFMOutpre:NR_Pt says 2000 points, but CURVe? returned 3", e.Message);
        Assert.Contains("DAT:SOU CH3", device.Received);
        Assert.Contains("HEAD OFF", device.Received);
    }

    [Fact]
    public async Task RohdeSchwarz_refuses_an_envelope_and_a_record_shorter_than_its_header()
    {
        var device = new FakeDevice();
        device.Handlers["CHAN1:DATA:HEAD?"] = _ => "-1.0E-03,1.0E-03,1,2";
        device.Handlers["CHAN1:DATA?"] = _ => "#14\0\0\0\0";
        await using var scope = new RohdeSchwarzRtb2000(TestNames.Unique("rtb"), FakeLibrary.Open(device));
        var envelope = Assert.Throws<FormatException>(() => scope.ReadWaveform(1));
        Assert.Contains("2 values per sample: channel 1 holds an envelope; read it with CHAN1:DATA:ENV? instead", envelope.Message);
        device.Handlers["CHAN1:DATA:HEAD?"] = _ => "-1.0E-03,1.0E-03,2000,1";
        var shorter = Assert.Throws<FormatException>(() => scope.ReadWaveform(1));
        Assert.Contains("announces 2000 samples, but CHAN1:DATA? returned 1", shorter.Message);
        Assert.Contains("FORM:BORD LSBF", device.Received);
    }
}
