using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using OpenVisa.Managed.Tcpip.Vxi11;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Benchmarks.Vxi11;

/// <summary>
/// VXI-11 framing per query, as each side does it: the client encodes a <c>device_write</c> and a <c>device_read</c> call
/// (record mark, RPC call header, XDR arguments) and decodes the <c>device_read</c> reply; the server decodes the
/// <c>device_write</c> call and encodes the <c>device_read</c> reply. A query costs all five once.
/// </summary>
[MemoryDiagnoser]
public class Vxi11FrameBenchmarks
{
    private const int Link = 1;
    private const uint IoTimeout = 10_000;

    private static readonly IPEndPoint Peer = new(IPAddress.Loopback, 40_000);
    private readonly XdrWriter _writer = new();
    private readonly byte[] _command = "*IDN?\n"u8.ToArray();
    private readonly byte[] _identity = Encoding.ASCII.GetBytes("OpenVisa,PerfDevice,0,1.0\n");
    private byte[] _writeCall = [];
    private byte[] _readReply = [];
    private uint _xid;

    [GlobalSetup]
    public void Setup()
    {
        // The records as they arrive, without their record mark (the record reader strips it).
        EncodeDeviceWrite();
        _writeCall = _writer.Written[RecordMark.HeaderLength..].ToArray();
        _xid = 7;
        EncodeDeviceReadReply();
        _readReply = _writer.Written[RecordMark.HeaderLength..].ToArray();
    }

    [Benchmark]
    public int EncodeDeviceWrite()
    {
        _writer.BeginRecord();
        RpcMessage.WriteCallHeader(_writer, ++_xid, Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Vxi11Protocol.DeviceWrite);
        _writer.WriteInt32(Link);
        _writer.WriteUInt32(IoTimeout);
        _writer.WriteUInt32(0);
        _writer.WriteUInt32((uint)Vxi11Flags.End);
        _writer.WriteOpaque(_command);
        _writer.FinishRecord();
        return _writer.Length;
    }

    [Benchmark]
    public int EncodeDeviceRead()
    {
        _writer.BeginRecord();
        RpcMessage.WriteCallHeader(_writer, ++_xid, Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Vxi11Protocol.DeviceRead);
        _writer.WriteInt32(Link);
        _writer.WriteUInt32(1024 * 1024);
        _writer.WriteUInt32(IoTimeout);
        _writer.WriteUInt32(0);
        _writer.WriteUInt32((uint)Vxi11Flags.TermCharSet);
        _writer.WriteUInt32('\n');
        _writer.FinishRecord();
        return _writer.Length;
    }

    [Benchmark]
    public int DecodeDeviceReadReply()
    {
        var reader = new XdrReader(_readReply);
        if (!RpcMessage.TryReadReplyHeader(ref reader, 7, Vxi11Protocol.CoreProgram, Vxi11Protocol.Version, Vxi11Protocol.DeviceRead))
            return -1;
        var error = reader.ReadUInt32("error");
        var reason = reader.ReadUInt32("reason");
        return (int)(error + reason) + reader.ReadOpaque("data").Length;
    }

    [Benchmark]
    public int ServerDecodeDeviceWrite()
    {
        var call = RpcCall.Parse(_writeCall, Peer, out var offset);
        var reader = new XdrReader(_writeCall.AsSpan(offset));
        var link = reader.ReadInt32("lid");
        reader.ReadUInt32("io_timeout");
        reader.ReadUInt32("lock_timeout");
        var flags = reader.ReadUInt32("flags");
        return (int)call.Procedure + link + (int)flags + reader.ReadOpaque("data").Length;
    }

    [Benchmark]
    public int EncodeDeviceReadReply()
    {
        _writer.BeginRecord();
        RpcMessage.WriteAcceptedReplyHeader(_writer, _xid, RpcAcceptStatus.Success);
        _writer.WriteUInt32((uint)Vxi11ErrorCode.NoError);
        _writer.WriteUInt32((uint)(Vxi11ReadReason.TermChar | Vxi11ReadReason.End));
        _writer.WriteOpaque(_identity);
        _writer.FinishRecord();
        return _writer.Length;
    }
}
