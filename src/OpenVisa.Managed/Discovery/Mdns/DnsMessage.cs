using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace OpenVisa.Managed.Discovery.Mdns;

/// <summary>
/// A DNS message (RFC 1035 §4) as mDNS uses it: header, questions, answers and additional records. Parsing follows
/// compression pointers with a bound on jumps, so a hostile packet cannot loop; anything malformed is rejected
/// (<see cref="TryParse"/> returns null) rather than half-read.
/// </summary>
internal sealed record DnsMessage(ushort Id, bool IsResponse, IReadOnlyList<DnsQuestion> Questions, IReadOnlyList<DnsRecord> Answers, IReadOnlyList<DnsRecord> Additionals)
{
    private const ushort ClassIn = 1;
    private const ushort CacheFlushBit = 0x8000;
    private const int MaxPointerJumps = 64;

    /// <summary>Every record of the answer, authority and additional sections.</summary>
    public IEnumerable<DnsRecord> Records => Answers.Concat(Additionals);

    /// <summary>The message as bytes; names are written without compression.</summary>
    public byte[] ToBytes()
    {
        var writer = new List<byte>(512);
        WriteUInt16(writer, Id);
        WriteUInt16(writer, IsResponse ? (ushort)0x8400 : (ushort)0); // QR and AA for responses
        WriteUInt16(writer, (ushort)Questions.Count);
        WriteUInt16(writer, (ushort)Answers.Count);
        WriteUInt16(writer, 0);
        WriteUInt16(writer, (ushort)Additionals.Count);
        foreach (var question in Questions)
        {
            WriteName(writer, question.Name);
            WriteUInt16(writer, (ushort)question.Type);
            WriteUInt16(writer, (ushort)(ClassIn | (question.UnicastResponse ? 0x8000 : 0)));
        }
        foreach (var record in Answers.Concat(Additionals))
            WriteRecord(writer, record);
        return [.. writer];
    }

    /// <summary>Parses a message; null when it is malformed.</summary>
    public static DnsMessage? TryParse(ReadOnlySpan<byte> packet)
    {
        try
        {
            return Parse(packet);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static DnsMessage Parse(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 12)
            throw new FormatException("shorter than a DNS header");
        var id = BinaryPrimitives.ReadUInt16BigEndian(packet);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        int questionCount = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        var recordCounts = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) + BinaryPrimitives.ReadUInt16BigEndian(packet[8..]);
        var answerCount = (int)BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        recordCounts += BinaryPrimitives.ReadUInt16BigEndian(packet[10..]);
        var offset = 12;
        var questions = new List<DnsQuestion>();
        for (var i = 0; i < questionCount; i++)
        {
            var name = ReadName(packet, ref offset);
            var type = ReadUInt16(packet, ref offset);
            var klass = ReadUInt16(packet, ref offset);
            questions.Add(new DnsQuestion(name, (DnsType)type, (klass & 0x8000) != 0));
        }
        var answers = new List<DnsRecord>();
        var additionals = new List<DnsRecord>();
        for (var i = 0; i < recordCounts; i++)
        {
            var record = ReadRecord(packet, ref offset);
            if (record is not null)
                (i < answerCount ? answers : additionals).Add(record);
        }
        return new DnsMessage(id, (flags & 0x8000) != 0, questions, answers, additionals);
    }

    private static DnsRecord? ReadRecord(ReadOnlySpan<byte> packet, ref int offset)
    {
        var name = ReadName(packet, ref offset);
        var type = (DnsType)ReadUInt16(packet, ref offset);
        var klass = ReadUInt16(packet, ref offset);
        var ttl = (uint)ReadUInt16(packet, ref offset) << 16 | ReadUInt16(packet, ref offset);
        int length = ReadUInt16(packet, ref offset);
        if (offset + length > packet.Length)
            throw new FormatException("record data runs past the packet");
        var data = packet.Slice(offset, length);
        var start = offset;
        offset += length;
        var flush = (klass & CacheFlushBit) != 0;
        switch (type)
        {
            case DnsType.Ptr:
                {
                    var at = start;
                    return new DnsRecord(name, type, ttl, Target: ReadName(packet, ref at), CacheFlush: flush);
                }
            case DnsType.Srv:
                {
                    if (length < 7)
                        throw new FormatException("SRV data too short");
                    var at = start + 6;
                    return new DnsRecord(name, type, ttl, Target: ReadName(packet, ref at), Port: BinaryPrimitives.ReadUInt16BigEndian(data[4..]), CacheFlush: flush);
                }
            case DnsType.A when length == 4:
            case DnsType.Aaaa when length == 16:
                return new DnsRecord(name, type, ttl, Address: new IPAddress(data), CacheFlush: flush);
            case DnsType.Txt:
                {
                    var strings = new List<string>();
                    var at = 0;
                    while (at < data.Length)
                    {
                        var count = data[at++];
                        if (at + count > data.Length)
                            throw new FormatException("TXT string runs past its record");
                        if (count > 0)
                            strings.Add(Encoding.UTF8.GetString(data.Slice(at, count)));
                        at += count;
                    }
                    return new DnsRecord(name, type, ttl, Text: strings, CacheFlush: flush);
                }
            default:
                return null;
        }
    }

    private static DnsName ReadName(ReadOnlySpan<byte> packet, ref int offset)
    {
        var labels = new List<string>();
        var at = offset;
        var jumped = false;
        var jumps = 0;
        var total = 0;
        while (true)
        {
            if (at >= packet.Length)
                throw new FormatException("name runs past the packet");
            var length = packet[at];
            if ((length & 0xC0) == 0xC0)
            {
                if (at + 1 >= packet.Length || ++jumps > MaxPointerJumps)
                    throw new FormatException("bad compression pointer");
                var target = ((length & 0x3F) << 8) | packet[at + 1];
                if (!jumped)
                    offset = at + 2;
                jumped = true;
                at = target;
                continue;
            }
            if ((length & 0xC0) != 0)
                throw new FormatException("unknown label type");
            at++;
            if (length == 0)
                break;
            if (at + length > packet.Length || (total += length + 1) > 255)
                throw new FormatException("label runs past the packet or the name is too long");
            labels.Add(Encoding.UTF8.GetString(packet.Slice(at, length)));
            at += length;
        }
        if (!jumped)
            offset = at;
        return new DnsName(labels);
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> packet, ref int offset)
    {
        if (offset + 2 > packet.Length)
            throw new FormatException("field runs past the packet");
        var value = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
        offset += 2;
        return value;
    }

    private static void WriteRecord(List<byte> writer, DnsRecord record)
    {
        WriteName(writer, record.Name);
        WriteUInt16(writer, (ushort)record.Type);
        WriteUInt16(writer, (ushort)(ClassIn | (record.CacheFlush ? CacheFlushBit : 0)));
        WriteUInt16(writer, (ushort)(record.TimeToLive >> 16));
        WriteUInt16(writer, (ushort)record.TimeToLive);
        var data = new List<byte>();
        switch (record.Type)
        {
            case DnsType.Ptr:
                WriteName(data, record.Target!);
                break;
            case DnsType.Srv:
                WriteUInt16(data, 0);
                WriteUInt16(data, 0);
                WriteUInt16(data, (ushort)record.Port);
                WriteName(data, record.Target!);
                break;
            case DnsType.A:
            case DnsType.Aaaa:
                data.AddRange(record.Address!.GetAddressBytes());
                break;
            case DnsType.Txt:
                var strings = record.Text is { Count: > 0 } text ? text : [""];
                foreach (var item in strings)
                {
                    var bytes = Encoding.UTF8.GetBytes(item);
                    data.Add((byte)Math.Min(bytes.Length, 255));
                    data.AddRange(bytes.Take(255));
                }
                break;
        }
        WriteUInt16(writer, (ushort)data.Count);
        writer.AddRange(data);
    }

    private static void WriteName(List<byte> writer, DnsName name)
    {
        foreach (var label in name.Labels)
        {
            var bytes = Encoding.UTF8.GetBytes(label);
            var length = Math.Min(bytes.Length, 63);
            writer.Add((byte)length);
            writer.AddRange(bytes.Take(length));
        }
        writer.Add(0);
    }

    private static void WriteUInt16(List<byte> writer, ushort value)
    {
        writer.Add((byte)(value >> 8));
        writer.Add((byte)value);
    }
}
