using System.Buffers.Binary;
using System.Text;

namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>
/// Decodes XDR (RFC 4506) from a received message: big-endian 32-bit units, variable-length opaque data and strings
/// padded to a multiple of four. Every read names the field it reads, so a truncated or hostile message fails with
/// an <see cref="XdrException"/> that says which field and where, instead of an index error.
/// </summary>
internal ref struct XdrReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public XdrReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Bytes decoded so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not decoded yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>The undecoded rest of the message.</summary>
    public readonly ReadOnlySpan<byte> Rest => _data[_position..];

    public uint ReadUInt32(string field)
    {
        Require(4, field);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    public int ReadInt32(string field) => unchecked((int)ReadUInt32(field));

    /// <summary>An XDR bool: 0 or 1, anything else is malformed (RFC 4506 §4.4).</summary>
    public bool ReadBool(string field)
    {
        var at = _position;
        return ReadUInt32(field) switch
        {
            0 => false,
            1 => true,
            var other => throw new XdrException($"The {field} at byte {at} is {other}, not an XDR boolean (0 or 1)."),
        };
    }

    /// <summary>Variable-length opaque data of at most <paramref name="maxLength"/> bytes; the span points into the message.</summary>
    public ReadOnlySpan<byte> ReadOpaque(string field, int maxLength = int.MaxValue)
    {
        var at = _position;
        // The field name for the length is built only for the error: concatenating it on every call cost 40-odd bytes per
        // opaque, most of what a VXI-11 query allocated.
        if (Remaining < 4)
            Require(4, field + " length");
        var length = ReadUInt32(field);
        if (length > (uint)maxLength)
            throw new XdrException($"The {field} at byte {at} claims {length} bytes; at most {maxLength} are allowed.");
        var padded = Padded((int)Math.Min(length, int.MaxValue - 3));
        if (length > int.MaxValue - 3 || padded > Remaining)
        {
            throw new XdrException(
                $"The {field} at byte {at} claims {length} bytes but the message has only {Remaining} left: it was cut short or is not XDR.");
        }
        var value = _data.Slice(_position, (int)length);
        _position += padded;
        return value;
    }

    /// <summary>An XDR string of at most <paramref name="maxLength"/> bytes, decoded as Latin-1 so every byte survives.</summary>
    public string ReadString(string field, int maxLength) => Encoding.Latin1.GetString(ReadOpaque(field, maxLength));

    /// <summary>Skips an opaque authentication body (credential or verifier), which RFC 5531 caps at 400 bytes.</summary>
    public void SkipOpaque(string field, int maxLength) => ReadOpaque(field, maxLength);

    /// <summary>The length of <paramref name="length"/> bytes of opaque data once padded to four-byte units.</summary>
    public static int Padded(int length) => (length + 3) & ~3;

    private readonly void Require(int count, string field)
    {
        if (Remaining < count)
        {
            throw new XdrException(
                $"The message ended at byte {_data.Length} while reading the {field} ({count} bytes needed, {Remaining} left): it was cut short or is not XDR.");
        }
    }
}
