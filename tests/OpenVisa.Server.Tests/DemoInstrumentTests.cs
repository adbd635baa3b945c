using System.Buffers;
using System.Text;

namespace OpenVisa.Server.Tests;

public sealed class DemoInstrumentTests
{
    [Fact]
    public async Task Common_commands_measurements_blocks_and_errors()
    {
        var demo = new DemoInstrument("42");
        Assert.StartsWith("OpenVisa,Demo Instrument,42,", await Ask(demo, "*IDN?"));
        Assert.Equal("1", await Ask(demo, "*OPC?"));
        Assert.InRange(double.Parse((await Ask(demo, "MEAS:VOLT?"))!, System.Globalization.CultureInfo.InvariantCulture), 0.99, 1.01);
        Assert.Equal("#15" + "\u0000\u0001\u0002\u0003\u0004", await Ask(demo, "DATA? 5"));
        Assert.Equal("hi there", await Ask(demo, "ECHO? hi there"));
        Assert.Null(await Ask(demo, "BOGUS"));
        Assert.Equal("4", await Ask(demo, "*STB?"));
        Assert.Equal("-113,\"Undefined header;BOGUS\"", await Ask(demo, "SYST:ERR?"));
        Assert.Equal("0,\"No error\"", await Ask(demo, "SYST:ERR?"));
        Assert.Null(await Ask(demo, "*TRG"));
        await demo.TriggerAsync(CancellationToken.None);
        Assert.Equal("2", await Ask(demo, "TRIG:COUN?"));
    }

    [Fact]
    public async Task SRQ_raises_the_event_and_sets_RQS_until_the_status_byte_is_read()
    {
        var demo = new DemoInstrument();
        var raised = 0;
        demo.ServiceRequested += (_, _) => raised++;
        await Ask(demo, "SRQ");
        Assert.Equal(1, raised);
        Assert.Equal(0x40, await demo.ReadStatusByteAsync(CancellationToken.None));
        Assert.Equal(0, await demo.ReadStatusByteAsync(CancellationToken.None));
    }

    private static async Task<string?> Ask(DemoInstrument demo, string command)
    {
        var reply = new ArrayBufferWriter<byte>();
        return await demo.HandleMessageAsync(Encoding.Latin1.GetBytes(command), reply, CancellationToken.None)
            ? Encoding.Latin1.GetString(reply.WrittenSpan)
            : null;
    }
}
