using static OpenVisa.Tests.Formatting.BlockBytes;

namespace OpenVisa.Tests.Formatting;

public class FormattingAllocationTests
{
    [Fact]
    public void Header_parsing_decoding_and_span_forms_allocate_nothing()
    {
        var block = BinaryBlock.Encode<double>(Enumerable.Range(0, 1000).Select(i => i * 0.5).ToArray(), BlockFormat.Ieee, bigEndian: true);
        var echoed = Of(":WAV:DATA ", block);
        var values = new double[1000];
        var encoded = new byte[block.Length];
        var parsed = new double[5];
        var text = new char[64];

        void Work()
        {
            BinaryBlockHeader.TryParseHeader(echoed, BlockFormat.Ieee, true, out var headerLength, out var dataLength);
            BinaryBlock.Decode<double>(echoed.AsSpan(headerLength, (int)dataLength), values, bigEndian: true);
            BinaryBlock.Encode<double>(values, encoded, BlockFormat.Ieee, bigEndian: true);
            AsciiValues.Parse<double>("+1.0E+00,2.5,-3,NAN,#H1F\n", parsed);
            AsciiValues.TryFormat<double>(parsed, text, out _);
        }

        Work(); // warm up: first calls may allocate for JIT and type loading
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            Work();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(block, encoded);
        Assert.Equal(499.5, values[^1]);
    }
}
