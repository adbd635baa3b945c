using System.Buffers.Binary;
using System.Text;

namespace OpenVisa.Perf;

/// <summary>
/// ONC RPC over TCP as bare bytes (RFC 5531: record marking, call and accepted-reply headers, AUTH_NONE), for the
/// harness's raw VXI-11 client and its portmapper probe. Written apart from OpenVisa.Managed's codec on purpose: the raw
/// client is the baseline OpenVisa is measured against, so it shares none of OpenVisa's code on its per-query path.
/// </summary>
internal static class PerfRpc
{
    /// <summary>Bytes of the record mark in front of every record.</summary>
    public const int MarkLength = 4;

    /// <summary>Bytes of a call's header after the mark: xid, CALL, RPC version 2, program, version, procedure, two empty AUTH_NONE.</summary>
    public const int CallHeaderLength = 40;

    /// <summary>Where a call's arguments start in a record, counting the mark.</summary>
    public const int ArgumentsOffset = MarkLength + CallHeaderLength;

    /// <summary>Bytes of an accepted reply's header after the mark when its verifier is empty (as every AUTH_NONE server sends).</summary>
    public const int ReplyHeaderLength = 24;

    /// <summary>Where the xid is in a record, counting the mark.</summary>
    public const int XidOffset = MarkLength;

    private const uint LastFragment = 0x8000_0000;

    /// <summary>Writes the mark (patched by <see cref="Finish"/>) and a call header; returns where the arguments go.</summary>
    public static int BeginCall(Span<byte> record, uint xid, uint program, uint version, uint procedure)
    {
        record[..ArgumentsOffset].Clear();
        BinaryPrimitives.WriteUInt32BigEndian(record[4..], xid);
        // record[8..12]: message type 0, CALL
        BinaryPrimitives.WriteUInt32BigEndian(record[12..], 2);
        BinaryPrimitives.WriteUInt32BigEndian(record[16..], program);
        BinaryPrimitives.WriteUInt32BigEndian(record[20..], version);
        BinaryPrimitives.WriteUInt32BigEndian(record[24..], procedure);
        // record[28..44]: credential and verifier, AUTH_NONE with no body
        return ArgumentsOffset;
    }

    /// <summary>Writes a 32-bit XDR value at <paramref name="offset"/>; returns the offset after it.</summary>
    public static int Put(Span<byte> record, int offset, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(record[offset..], value);
        return offset + 4;
    }

    /// <summary>Writes XDR variable-length opaque data (length, bytes, zero padding to 4); returns the offset after it.</summary>
    public static int PutOpaque(Span<byte> record, int offset, ReadOnlySpan<byte> data)
    {
        offset = Put(record, offset, (uint)data.Length);
        data.CopyTo(record[offset..]);
        var padded = Padded(data.Length);
        record.Slice(offset + data.Length, padded - data.Length).Clear();
        return offset + padded;
    }

    /// <summary>Sets the record mark of a one-fragment record of <paramref name="length"/> bytes (mark included); returns the record.</summary>
    public static byte[] Finish(byte[] record, int length)
    {
        BinaryPrimitives.WriteUInt32BigEndian(record, LastFragment | (uint)(length - MarkLength));
        return record.AsSpan(0, length).ToArray();
    }

    /// <summary>A whole call record: the header, then <paramref name="arguments"/> as 32-bit values.</summary>
    public static byte[] Call(uint xid, uint program, uint version, uint procedure, ReadOnlySpan<uint> arguments)
    {
        var record = new byte[ArgumentsOffset + (4 * arguments.Length)];
        var offset = BeginCall(record, xid, program, version, procedure);
        foreach (var argument in arguments)
            offset = Put(record, offset, argument);
        return Finish(record, offset);
    }

    /// <summary>A whole call record: the header, <paramref name="arguments"/> as 32-bit values, then <paramref name="opaque"/> as XDR opaque data.</summary>
    public static byte[] Call(uint xid, uint program, uint version, uint procedure, ReadOnlySpan<uint> arguments, ReadOnlySpan<byte> opaque)
    {
        var record = new byte[ArgumentsOffset + (4 * arguments.Length) + 4 + Padded(opaque.Length)];
        var offset = BeginCall(record, xid, program, version, procedure);
        foreach (var argument in arguments)
            offset = Put(record, offset, argument);
        offset = PutOpaque(record, offset, opaque);
        return Finish(record, offset);
    }

    /// <summary>The length of the record whose mark starts <paramref name="received"/>, mark included; one fragment only.</summary>
    public static int RecordLength(ReadOnlySpan<byte> received, string resourceName)
    {
        var mark = BinaryPrimitives.ReadUInt32BigEndian(received);
        if ((mark & LastFragment) == 0)
        {
            throw new InvalidDataException(
                $"{resourceName} sent a reply in several RPC record fragments; the raw client reads one-fragment replies, as OpenVisa's server sends them.");
        }
        return MarkLength + (int)(mark & ~LastFragment);
    }

    /// <summary>
    /// Checks an accepted, successful reply to call <paramref name="xid"/> (<paramref name="reply"/> starts after the
    /// mark and holds at least the header) and returns where its results start, after the mark.
    /// </summary>
    public static int Results(ReadOnlySpan<byte> reply, uint xid, string procedure, string resourceName)
    {
        if (reply.Length < ReplyHeaderLength)
            throw new InvalidDataException($"The reply of {resourceName} to {procedure} is {reply.Length} bytes, shorter than an RPC reply header ({ReplyHeaderLength}).");
        var got = BinaryPrimitives.ReadUInt32BigEndian(reply);
        var type = BinaryPrimitives.ReadUInt32BigEndian(reply[4..]);
        var status = BinaryPrimitives.ReadUInt32BigEndian(reply[8..]);
        if (got != xid || type != 1)
            throw new InvalidDataException($"{resourceName} answered {procedure} with xid {got} and message type {type}; expected a REPLY (1) to xid {xid}.");
        if (status != 0)
            throw new InvalidDataException($"{resourceName} denied the RPC call {procedure} (reply status {status}, MSG_DENIED).");
        var verifierLength = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(reply[16..]), 400);
        var acceptOffset = 20 + Padded(verifierLength);
        if (reply.Length < acceptOffset + 4)
            throw new InvalidDataException($"The reply of {resourceName} to {procedure} ended inside its RPC header.");
        var accept = BinaryPrimitives.ReadUInt32BigEndian(reply[acceptOffset..]);
        if (accept != 0)
            throw new InvalidDataException($"{resourceName} did not run {procedure}: RPC accept status {accept} ({AcceptName(accept)}).");
        return acceptOffset + 4;
    }

    /// <summary>XDR's padding of <paramref name="length"/> to a multiple of 4.</summary>
    public static int Padded(int length) => (length + 3) & ~3;

    /// <summary>Reads the 32-bit XDR value at <paramref name="offset"/>.</summary>
    public static uint Get(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);

    /// <summary>A short printable preview of <paramref name="data"/> for messages.</summary>
    public static string Preview(ReadOnlySpan<byte> data) => Encoding.Latin1.GetString(data[..Math.Min(data.Length, 80)]);

    private static string AcceptName(uint status) => status switch
    {
        1 => "PROG_UNAVAIL: the program is not served on this port",
        2 => "PROG_MISMATCH",
        3 => "PROC_UNAVAIL",
        4 => "GARBAGE_ARGS",
        _ => "SYSTEM_ERR",
    };
}
