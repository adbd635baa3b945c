using System.Buffers.Binary;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// The 16-byte header that starts every HiSLIP message, in network byte order: the prologue <c>HS</c>, the message
/// type, the control code, a 32-bit message parameter and the 64-bit payload length.
/// </summary>
/// <param name="Type">The message type; values outside <see cref="HislipMessageType"/> are kept so they can be reported.</param>
/// <param name="ControlCode">The control code; its meaning depends on the type.</param>
/// <param name="Parameter">The message parameter; its meaning depends on the type (message id, timeout, session id …).</param>
/// <param name="PayloadLength">How many payload bytes follow the header.</param>
public readonly record struct HislipHeader(HislipMessageType Type, byte ControlCode, uint Parameter, ulong PayloadLength)
{
    /// <summary>The size of a header on the wire.</summary>
    public const int Size = 16;

    /// <summary>The first prologue byte, <c>H</c>.</summary>
    public const byte Prologue0 = (byte)'H';

    /// <summary>The second prologue byte, <c>S</c>.</summary>
    public const byte Prologue1 = (byte)'S';

    /// <summary>Writes the header into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"A HiSLIP header needs {Size} bytes; the destination has {destination.Length}.", nameof(destination));
        destination[0] = Prologue0;
        destination[1] = Prologue1;
        destination[2] = (byte)Type;
        destination[3] = ControlCode;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Parameter);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], PayloadLength);
    }

    /// <summary>
    /// Reads a header from the first <see cref="Size"/> bytes of <paramref name="source"/>. Only the prologue is checked
    /// here; whether the type, control code and length suit the channel is <see cref="HislipMessageRules"/>' business.
    /// </summary>
    /// <exception cref="HislipProtocolException">Fewer than 16 bytes, or the prologue is not <c>HS</c> (fatal error 1).</exception>
    public static HislipHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw HislipProtocolException.Fatal(HislipFatalErrorCode.PoorlyFormedMessageHeader,
                $"A HiSLIP header is {Size} bytes, but only {source.Length} arrived.");
        }
        if (source[0] != Prologue0 || source[1] != Prologue1)
        {
            throw HislipProtocolException.Fatal(HislipFatalErrorCode.PoorlyFormedMessageHeader,
                $"A HiSLIP header starts with \"HS\", but this one starts with {Describe(source[0])} {Describe(source[1])}: the peer does not speak HiSLIP, or the stream lost its place.");
        }
        return new HislipHeader(
            (HislipMessageType)source[2],
            source[3],
            BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[8..]));
    }

    /// <summary>A short description for logs and error messages, e.g. <c>DataEnd(control 1, parameter 0xFFFFFF00, 5 bytes)</c>.</summary>
    public override string ToString() =>
        $"{HislipMessageRules.NameOf(Type)}(control {ControlCode}, parameter 0x{Parameter:X8}, {PayloadLength} bytes)";

    private static string Describe(byte b) => b is >= 0x20 and < 0x7F ? $"'{(char)b}'" : $"0x{b:X2}";
}
