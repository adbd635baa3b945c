using System.Text;

namespace OpenVisa.Tests.Formatting;

/// <summary>Builds test buffers from ASCII text and raw bytes.</summary>
internal static class BlockBytes
{
    public static byte[] Of(string ascii, params byte[] tail) => [.. Encoding.Latin1.GetBytes(ascii), .. tail];

    public static VisaException ParseError(byte[] data, BlockFormat format, bool bigEndian = false, int maxLeadingBytes = 25) =>
        Assert.Throws<VisaException>(() => BinaryBlockHeader.TryParseHeader(data, format, bigEndian, out _, out _, maxLeadingBytes));
}
