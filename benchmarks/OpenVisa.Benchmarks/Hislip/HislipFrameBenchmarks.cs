using BenchmarkDotNet.Attributes;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Benchmarks.Hislip;

/// <summary>
/// HiSLIP framing per message: the 16-byte header written in front of a <c>DataEnd</c> payload, read back and checked
/// against the message rules, as a client does for every query and a server for every reply.
/// </summary>
[MemoryDiagnoser]
public class HislipFrameBenchmarks
{
    private readonly byte[] _frame = new byte[HislipHeader.Size + 64];
    private readonly byte[] _payload = "*IDN?\n"u8.ToArray();

    [GlobalSetup]
    public void Setup() => EncodeDataEnd();

    [Benchmark]
    public int EncodeDataEnd()
    {
        new HislipHeader(HislipMessageType.DataEnd, 1, 0xFFFFFF00, (ulong)_payload.Length).WriteTo(_frame);
        _payload.CopyTo(_frame.AsSpan(HislipHeader.Size));
        return HislipHeader.Size + _payload.Length;
    }

    [Benchmark]
    public ulong DecodeAndValidate()
    {
        var header = HislipHeader.Read(_frame);
        HislipMessageRules.Validate(header, HislipChannelKind.Synchronous, HislipMessageRules.Sender.Server, HislipVersion.Latest, 1 << 20);
        return header.PayloadLength;
    }
}
