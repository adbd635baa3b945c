using System.Buffers;
using System.Globalization;
using System.Text;
using OpenVisa.Managed.Server;

namespace OpenVisa.Benchmarks.Tcpip;

/// <summary>The perf device of <c>ovisa perf</c>, again: <c>*IDN?</c> and a <c>DATA?</c> block whose byte i is i &amp; 0xFF.</summary>
internal sealed class BenchDevice(int blockBytes) : IMessageDevice
{
    private static readonly byte[] Identity = "OpenVisa,BenchDevice,0,1.0"u8.ToArray();
    private readonly byte[] _block = Block(blockBytes);

    public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        reply.Write(message.Span.SequenceEqual("DATA?"u8) ? _block : Identity);
        return ValueTask.FromResult(true);
    }

    private static byte[] Block(int length)
    {
        var digits = length.ToString(CultureInfo.InvariantCulture);
        var header = Encoding.ASCII.GetBytes($"#{digits.Length}{digits}");
        var block = new byte[header.Length + length];
        header.CopyTo(block, 0);
        for (var i = 0; i < length; i++)
            block[header.Length + i] = (byte)i;
        return block;
    }
}
