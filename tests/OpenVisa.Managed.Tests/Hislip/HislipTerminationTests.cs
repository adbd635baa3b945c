using System.Buffers;
using System.Text;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

public sealed class HislipTerminationTests
{
    [Theory]
    [InlineData("*IDN?\n", "*IDN?")]
    [InlineData("*IDN?\r\n", "*IDN?")]
    [InlineData("*IDN?", "*IDN?")]
    [InlineData("*IDN?\n\n", "*IDN?\n")]
    [InlineData("DATA #15ab\ncd\n", "DATA #15ab\ncd")]
    [InlineData("DATA #14abc\n", "DATA #14abc\n")]
    [InlineData("A #9 and\n", "A #9 and")]
    public void One_trailing_newline_goes_unless_a_definite_block_owns_it(string message, string device)
    {
        var termination = new HislipTermination("\n");

        Assert.Equal(device, Encoding.Latin1.GetString(termination.Trim(Encoding.Latin1.GetBytes(message)).Span));
    }

    [Fact]
    public void Replies_get_the_termination_and_an_empty_one_adds_nothing()
    {
        var reply = new ArrayBufferWriter<byte>();
        reply.Write("1.5"u8);
        new HislipTermination("\r\n").Append(reply);
        Assert.Equal("1.5\r\n", Encoding.Latin1.GetString(reply.WrittenSpan));

        var none = new HislipTermination("");
        none.Append(reply);
        Assert.Equal("1.5\r\n", Encoding.Latin1.GetString(reply.WrittenSpan));
        Assert.Equal("x\n", Encoding.Latin1.GetString(none.Trim("x\n"u8.ToArray()).Span));
        Assert.Equal("x\r", Encoding.Latin1.GetString(new HislipTermination("\r\n").Trim("x\r\r\n"u8.ToArray()).Span));
    }

    [Fact]
    public void A_termination_beyond_Latin_1_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new HislipTermination("\u2028"));
        Assert.Contains("U+0000 to U+00FF", error.Message);
    }

    [Fact]
    public async Task A_server_with_another_termination_uses_it_both_ways()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { Termination = "\r\n" });
        using var client = fixture.Connect();

        Assert.Equal("x\r\n", client.Query("ECHO? x\r\n"));
        Assert.Equal(["ECHO? x"], fixture.Instrument.Commands);
    }
}
