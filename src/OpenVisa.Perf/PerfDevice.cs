using System.Buffers;
using System.Globalization;
using System.Text;
using OpenVisa.Managed.Server;

namespace OpenVisa.Perf;

/// <summary>
/// The instrument every perf transport serves: <c>*IDN?</c> answers a short identity, <c>DATA?</c> a definite-length
/// binary block whose byte i is <c>i &amp; 0xFF</c>, so the payload holds a 0x0A (the usual termination character) every
/// 256 bytes, as real waveform data does. The reply bytes are built once, so the server's own cost per query is a copy.
/// </summary>
public sealed class PerfDevice : IMessageDevice
{
    /// <summary>The reply to <c>*IDN?</c>.</summary>
    public const string Identity = "OpenVisa,PerfDevice,0,1.0";

    private const int TerminationRoom = 16;
    private static readonly byte[] IdentityBytes = Encoding.ASCII.GetBytes(Identity);
    private readonly byte[] _block;

    /// <summary>Creates the device with a <c>DATA?</c> block of <paramref name="blockBytes"/> payload bytes.</summary>
    public PerfDevice(int blockBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockBytes);
        BlockBytes = blockBytes;
        _block = Block(blockBytes);
    }

    /// <summary>Payload bytes of the <c>DATA?</c> block.</summary>
    public int BlockBytes { get; }

    /// <summary>The payload of a block of <paramref name="length"/> bytes: byte i is i &amp; 0xFF.</summary>
    public static byte[] Payload(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < data.Length; i++)
            data[i] = (byte)i;
        return data;
    }

    /// <summary>The whole <c>DATA?</c> reply without termination: <c>#&lt;n&gt;&lt;length&gt;</c> then the payload.</summary>
    public static byte[] Block(int length)
    {
        var digits = length.ToString(CultureInfo.InvariantCulture);
        var header = Encoding.ASCII.GetBytes("#" + digits.Length.ToString(CultureInfo.InvariantCulture) + digits);
        var block = new byte[header.Length + length];
        header.CopyTo(block, 0);
        for (var i = 0; i < length; i++)
            block[header.Length + i] = (byte)i;
        return block;
    }

    /// <summary>
    /// Copies <paramref name="data"/> into a span that also has room for the termination the server appends, so a
    /// growable reply buffer is sized once: with a plain Write, appending the 1-byte newline to a 16 MiB reply doubled the
    /// buffer and copied the block again, which made the server, not the clients, the limit of the block figures.
    /// </summary>
    private static void WriteWithRoomForTermination(IBufferWriter<byte> reply, byte[] data)
    {
        var span = reply.GetSpan(data.Length + TerminationRoom);
        data.CopyTo(span);
        reply.Advance(data.Length);
    }

    /// <inheritdoc/>
    public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        var text = message.Span.Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(text, "*IDN?"u8))
            reply.Write(IdentityBytes);
        else if (Ascii.EqualsIgnoreCase(text, "DATA?"u8))
            WriteWithRoomForTermination(reply, _block);
        else
            reply.Write(Encoding.ASCII.GetBytes($"ERR the perf device knows *IDN? and DATA?, not \"{Encoding.Latin1.GetString(text)}\""));
        return ValueTask.FromResult(true);
    }
}
