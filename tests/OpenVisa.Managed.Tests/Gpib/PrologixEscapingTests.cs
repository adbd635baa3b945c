using OpenVisa.Managed.Gpib.Prologix;

namespace OpenVisa.Managed.Tests.Gpib;

public sealed class PrologixEscapingTests
{
    [Fact]
    public void Every_byte_value_survives_escaping_and_no_unescaped_line_end_or_plus_remains()
    {
        var data = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(Enumerable.Range(0, 256).Select(i => (byte)(255 - i))).ToArray();
        var escaped = new byte[PrologixEscaping.EscapedLength(data)];

        var written = PrologixEscaping.EscapeInto(data, escaped);

        Assert.Equal(data.Length + 8, written); // CR, LF, ESC and '+' each twice
        for (var i = 0; i < written; i++)
        {
            if (escaped[i] == PrologixEscaping.Escape)
            {
                i++; // the escaped byte
                continue;
            }
            Assert.DoesNotContain(escaped[i], new byte[] { (byte)'\r', (byte)'\n', (byte)'+' });
        }
        var back = escaped.ToArray();
        Assert.Equal(data, back.AsSpan(0, PrologixEscaping.UnescapeInPlace(back)).ToArray());
    }

    [Theory]
    [InlineData("prologix:tcp://10.1.2.3:1234", "10.1.2.3", 1234, null)]
    [InlineData("prologix:tcp://bench-gpib", "bench-gpib", 1234, null)]
    [InlineData("prologix:tcp://[::1]:4000", "::1", 4000, null)]
    [InlineData("prologix:serial:///dev/ttyUSB0", null, 0, "/dev/ttyUSB0")]
    [InlineData("prologix:serial://COM4", null, 0, "COM4")]
    public void Bindings_parse_to_an_endpoint(string binding, string? host, int port, string? device)
    {
        var endpoint = PrologixEndpoint.Parse(binding, "OPENVISA_GPIB0", "GPIB0::5::INSTR");

        Assert.Equal(new PrologixEndpoint(host, port, device), endpoint);
    }

    [Theory]
    [InlineData("tcp://10.1.2.3:1234", "neither")]
    [InlineData("prologix:tcp://host:http", "'http' is not a TCP port")]
    public void A_bad_binding_says_what_forms_are_accepted(string binding, string why)
    {
        var e = Assert.Throws<VisaException>(() => PrologixEndpoint.Parse(binding, "OPENVISA_GPIB3", "GPIB3::5::INSTR"));

        Assert.Equal(StatusCode.ErrorInvalidSetup, e.Status);
        Assert.Contains("OPENVISA_GPIB3", e.Message);
        Assert.Contains(why, e.Message);
        Assert.Contains("prologix:tcp://192.168.1.20:1234", e.Message);
    }
}
