using System.Buffers;
using System.Text;
using OpenVisa.Server.Http;

namespace OpenVisa.Server.Tests.Http;

/// <summary>
/// The fast reading of Lamb's <c>{"visa_string", "command"}</c> bodies: it takes the usual shapes, including a body split
/// across buffers and escaped strings, and leaves every unusual one to the general path (whose errors
/// <see cref="LambRouteTests"/> checks end to end).
/// </summary>
public sealed class InstrumentRequestTests
{
    [Theory]
    [InlineData("{\"visa_string\": \"DEMO0::INSTR\", \"command\": \"*IDN?\"}", "DEMO0::INSTR", "*IDN?")]
    [InlineData("{\"command\":\"MEAS:VOLT?\",\"visa_string\":\"TCPIP0::10.0.0.5::INSTR\"}", "TCPIP0::10.0.0.5::INSTR", "MEAS:VOLT?")]
    [InlineData("{\"visa_string\": \"DEMO0::INSTR\", \"extra\": {\"a\": [1, 2]}, \"command\": \"SAY \\\"hi\\\"\\n\"}", "DEMO0::INSTR", "SAY \"hi\"\n")]
    [InlineData(" {\"visa_string\": \"D\", \"command\": \"\\u00e9?\"} ", "D", "\u00e9?")]
    public void Reads_both_members_of_a_well_formed_body(string json, string visaString, string command)
    {
        Assert.True(InstrumentRequest.TryParse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), out var request));
        Assert.Equal(new InstrumentRequest(visaString, command), request);
    }

    [Fact]
    public void Reads_a_body_that_arrived_in_several_buffers()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"visa_string\": \"DEMO0::INSTR\", \"command\": \"*IDN?\"}");
        var first = new Segment(bytes.AsMemory(0, 20));
        var last = first.Append(bytes.AsMemory(20));
        Assert.True(InstrumentRequest.TryParse(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length), out var request));
        Assert.Equal(new InstrumentRequest("DEMO0::INSTR", "*IDN?"), request);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"visa_string\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"command\": \"*IDN?\"}")]
    [InlineData("{\"visa_string\": \"DEMO0::INSTR\"}")]
    [InlineData("{\"visa_string\": \"DEMO0::INSTR\", \"command\": 5}")]
    [InlineData("{\"visa_string\": null, \"command\": \"*IDN?\"}")]
    [InlineData("{\"visa_string\": \"A\", \"visa_string\": \"B\", \"command\": \"*IDN?\"}")]
    [InlineData("{\"visa_string\": \"A\", \"command\": \"*IDN?\"} {}")]
    [InlineData("{\"visa_string\": \"A\", \"command\": \"*IDN?\",}")]
    public void Leaves_every_unusual_body_to_the_general_path(string json)
    {
        Assert.False(InstrumentRequest.TryParse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), out var request));
        Assert.Equal(default, request);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
