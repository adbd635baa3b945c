using System.Buffers.Binary;

namespace OpenVisa.Managed.Usb;

/// <summary>
/// The USBTMC bulk message headers (USBTMC 1.0 §3.2, USB488 §3.2): 12 bytes, MsgID, bTag, its inverse, a reserved byte,
/// then a 4-byte little-endian TransferSize and the message's attributes; data follows, padded to a multiple of 4.
/// </summary>
internal static class UsbtmcMessages
{
    /// <summary>The header length of every bulk message.</summary>
    public const int HeaderLength = 12;

    public const byte DevDepMsgOut = 1;
    public const byte RequestDevDepMsgIn = 2;
    public const byte DevDepMsgIn = 2;
    public const byte Usb488Trigger = 128;

    /// <summary>Writes a DEV_DEP_MSG_OUT header for <paramref name="size"/> bytes; <paramref name="endOfMessage"/> sets EOM.</summary>
    public static void WriteDevDepMsgOut(Span<byte> header, byte tag, int size, bool endOfMessage)
    {
        WriteStart(header, DevDepMsgOut, tag);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)size);
        header[8] = endOfMessage ? (byte)1 : (byte)0;
        header[9..12].Clear();
    }

    /// <summary>Writes a REQUEST_DEV_DEP_MSG_IN asking for at most <paramref name="size"/> bytes, ending early at <paramref name="termChar"/> when given.</summary>
    public static void WriteRequestDevDepMsgIn(Span<byte> header, byte tag, int size, byte? termChar)
    {
        WriteStart(header, RequestDevDepMsgIn, tag);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)size);
        header[8] = termChar is null ? (byte)0 : (byte)2;
        header[9] = termChar ?? 0;
        header[10] = 0;
        header[11] = 0;
    }

    /// <summary>Writes a USB488 TRIGGER message (header only).</summary>
    public static void WriteTrigger(Span<byte> header, byte tag)
    {
        WriteStart(header, Usb488Trigger, tag);
        header[4..12].Clear();
    }

    /// <summary>The total length of a message with <paramref name="dataLength"/> bytes of data, padded to a multiple of 4.</summary>
    public static int PaddedLength(int dataLength) => (HeaderLength + dataLength + 3) & ~3;

    /// <summary>The next bTag after <paramref name="tag"/>: 1 to 255, never 0 (USBTMC §3.2: 0 is not allowed).</summary>
    public static byte NextTag(byte tag) => tag == 255 ? (byte)1 : (byte)(tag + 1);

    /// <summary>
    /// Reads a DEV_DEP_MSG_IN header that answers request <paramref name="expectedTag"/>, asked for at most
    /// <paramref name="requested"/> bytes; returns null with <paramref name="problem"/> saying what is wrong with it.
    /// </summary>
    public static UsbtmcInHeader? ParseDevDepMsgIn(ReadOnlySpan<byte> transfer, byte expectedTag, int requested, out string? problem)
    {
        problem = null;
        if (transfer.Length < HeaderLength)
        {
            problem = $"the reply was {transfer.Length} bytes, shorter than the 12-byte USBTMC header";
            return null;
        }
        if (transfer[0] != DevDepMsgIn)
        {
            problem = $"the reply's MsgID was {transfer[0]}, not DEV_DEP_MSG_IN (2)";
            return null;
        }
        if (transfer[2] != (byte)~transfer[1])
        {
            problem = $"the reply's bTag {transfer[1]} and its inverse {transfer[2]} do not match (a garbled header)";
            return null;
        }
        if (transfer[1] != expectedTag)
        {
            problem = $"the reply's bTag was {transfer[1]}, but the request's was {expectedTag} (a reply to another request)";
            return null;
        }
        var size = BinaryPrimitives.ReadUInt32LittleEndian(transfer[4..]);
        if (size > (uint)requested)
        {
            problem = $"the reply announced {size} bytes, more than the {requested} requested";
            return null;
        }
        var attributes = transfer[8];
        return new UsbtmcInHeader((int)size, (attributes & 1) != 0, (attributes & 2) != 0);
    }

    private static void WriteStart(Span<byte> header, byte messageId, byte tag)
    {
        header[0] = messageId;
        header[1] = tag;
        header[2] = (byte)~tag;
        header[3] = 0;
    }
}

/// <summary>A DEV_DEP_MSG_IN header: how many data bytes follow, whether they end the message, whether the TermChar ended them.</summary>
/// <param name="TransferSize">The data bytes in this transfer (padding excluded).</param>
/// <param name="EndOfMessage">EOM: the last byte is the message's last.</param>
/// <param name="TermCharMatched">The transfer ended at the requested termination character.</param>
internal readonly record struct UsbtmcInHeader(int TransferSize, bool EndOfMessage, bool TermCharMatched);
