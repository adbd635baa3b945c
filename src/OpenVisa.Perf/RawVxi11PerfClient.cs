using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenVisa.Perf;

/// <summary>
/// The physical limit for VXI-11: one blocking socket to the core channel, <c>create_link</c> once, then per query the
/// two RPCs every VXI-11 client makes, <c>device_write</c> (with END) and <c>device_read</c>, from records encoded once
/// (only the xid changes). A reply is taken in one receive when it fits and checked with a few reads at fixed offsets; a
/// block's data goes straight from the socket into a buffer reused from call to call.
/// </summary>
internal sealed class RawVxi11PerfClient : IPerfClient
{
    private const uint CoreProgram = 0x0607AF;
    private const uint CoreVersion = 1;
    private const uint CreateLink = 10;
    private const uint DeviceWrite = 11;
    private const uint DeviceRead = 12;
    private const uint EndFlag = 8;
    private const uint EndReason = 4;
    private const int RequestSizeOffset = PerfRpc.ArgumentsOffset + 4;

    // A device_read reply as sent with an empty verifier: mark, RPC header, error, reason, data length, then the data.
    private const int ReadReplyDataOffset = PerfRpc.MarkLength + PerfRpc.ReplyHeaderLength + 12;

    private readonly Socket _socket;
    private readonly string _resourceName;
    private readonly byte[] _reply = new byte[64 * 1024];
    private readonly byte[] _block;
    private readonly byte[] _identityWrite;
    private readonly byte[] _dataWrite;
    private readonly byte[] _identityRead;
    private readonly byte[] _blockRead;
    private uint _xid;
    private int _textOffset;

    public RawVxi11PerfClient(string resourceName, int blockBytes, TimeSpan timeout)
    {
        var name = ResourceName.Parse(resourceName);
        if (name.InterfaceType != InterfaceType.Tcpip || name.ResourceClass != "INSTR" || name.IsHislip || name.HostAddress is null || name.Port is null)
            throw new UsageException($"the raw VXI-11 client needs a TCPIP::host,port::inst0::INSTR name with the core port (it does not ask a portmapper), not '{resourceName}'");
        _resourceName = resourceName;
        _block = new byte[blockBytes + 32]; // header (#8… has at most 11 bytes) + payload + newline
        var address = IPAddress.Parse(name.HostAddress);
        _socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            _socket.ReceiveTimeout = _socket.SendTimeout = (int)timeout.TotalMilliseconds;
            _socket.Connect(address, name.Port.Value);
            var link = CreateLinkTo(name.LanDeviceName ?? "inst0");
            var io = (uint)timeout.TotalMilliseconds;
            _identityWrite = PerfRpc.Call(0, CoreProgram, CoreVersion, DeviceWrite, [link, io, 0, EndFlag], "*IDN?\n"u8);
            _dataWrite = PerfRpc.Call(0, CoreProgram, CoreVersion, DeviceWrite, [link, io, 0, EndFlag], "DATA?\n"u8);
            _identityRead = PerfRpc.Call(0, CoreProgram, CoreVersion, DeviceRead, [link, (uint)(_reply.Length - ReadReplyDataOffset), io, 0, 0, 0]);
            _blockRead = PerfRpc.Call(0, CoreProgram, CoreVersion, DeviceRead, [link, (uint)_block.Length, io, 0, 0, 0]);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    public int RoundTrip()
    {
        Call(_identityWrite);
        CheckWriteReply(ReceiveReply(), "device_write");
        Call(_identityRead);
        return IdentityLength(ReceiveReply());
    }

    public async ValueTask<int> RoundTripAsync(CancellationToken cancellationToken)
    {
        await CallAsync(_identityWrite, cancellationToken).ConfigureAwait(false);
        CheckWriteReply(await ReceiveReplyAsync(cancellationToken).ConfigureAwait(false), "device_write");
        await CallAsync(_identityRead, cancellationToken).ConfigureAwait(false);
        return IdentityLength(await ReceiveReplyAsync(cancellationToken).ConfigureAwait(false));
    }

    public long ReadBlock()
    {
        Call(_dataWrite);
        CheckWriteReply(ReceiveReply(), "device_write");
        var offset = 0;
        while (true)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_blockRead.AsSpan(RequestSizeOffset), (uint)(_block.Length - offset));
            Call(_blockRead);
            // The reply's header alone, so the data that follows lands in the block buffer without a copy.
            var count = ReceiveAtLeast(0, PerfRpc.MarkLength, ReadReplyDataOffset);
            var recordLength = PerfRpc.RecordLength(_reply, _resourceName);
            count = ReceiveAtLeast(count, Math.Min(recordLength, ReadReplyDataOffset), ReadReplyDataOffset);
            var results = PerfRpc.MarkLength + PerfRpc.Results(_reply.AsSpan(PerfRpc.MarkLength, count - PerfRpc.MarkLength), _xid, "device_read", _resourceName);
            if (results + 12 > recordLength)
                throw new InvalidDataException($"The device_read reply of {_resourceName} is {recordLength} bytes, too short for its results.");
            count = ReceiveAtLeast(count, results + 12, results + 12); // more only after a non-empty verifier
            CheckError(PerfRpc.Get(_reply, results), "device_read");
            var reason = PerfRpc.Get(_reply, results + 4);
            var length = (int)PerfRpc.Get(_reply, results + 8);
            var dataStart = results + 12;
            if (dataStart + PerfRpc.Padded(length) != recordLength || offset + length > _block.Length)
                throw new InvalidDataException($"{_resourceName} sent a device_read reply of {recordLength} bytes with {length} data bytes, which do not fit the record or the {_block.Length - 32}-byte block expected.");
            ReceiveExact(_block.AsSpan(offset, length));
            ReceiveExact(_reply.AsSpan(0, PerfRpc.Padded(length) - length));
            offset += length;
            if ((reason & EndReason) != 0)
                break;
        }
        return BlockPayloadLength(offset);
    }

    public void Verify(int blockBytes)
    {
        var length = RoundTrip();
        var identity = Encoding.ASCII.GetString(_reply, _textOffset, length);
        if (identity != PerfDevice.Identity)
            throw new InvalidDataException($"*IDN? on {_resourceName} answered \"{identity}\", not the perf device's \"{PerfDevice.Identity}\".");
        var payload = ReadBlock();
        var headerLength = 2 + (_block[1] - '0');
        PerfBlockCheck.Verify(_block.AsSpan(headerLength, (int)payload), blockBytes, "raw VXI-11", _resourceName);
    }

    public void Dispose() => _socket.Dispose();

    private uint CreateLinkTo(string device)
    {
        Call(PerfRpc.Call(0, CoreProgram, CoreVersion, CreateLink, [0x4F56 /* client id "OV" */, 0 /* no lock */, 0], Encoding.ASCII.GetBytes(device)));
        var length = ReceiveReply();
        var results = PerfRpc.MarkLength + PerfRpc.Results(_reply.AsSpan(PerfRpc.MarkLength, length - PerfRpc.MarkLength), _xid, "create_link", _resourceName);
        if (length < results + 16)
            throw new InvalidDataException($"The create_link reply of {_resourceName} is {length} bytes, too short for its four results.");
        var error = PerfRpc.Get(_reply, results);
        if (error != 0)
            throw new IOException($"create_link for device '{device}' on {_resourceName} failed with VXI-11 error {error}{ErrorName(error)}.");
        return PerfRpc.Get(_reply, results + 4);
    }

    private void Call(byte[] record)
    {
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(PerfRpc.XidOffset), ++_xid);
        ReadOnlySpan<byte> data = record;
        while (!data.IsEmpty)
            data = data[_socket.Send(data)..];
    }

    private async ValueTask CallAsync(byte[] record, CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(PerfRpc.XidOffset), ++_xid);
        var data = record.AsMemory();
        while (!data.IsEmpty)
            data = data[await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false)..];
    }

    /// <summary>Receives one whole reply record into the reply buffer (one call is outstanding, so nothing else can arrive); returns its length.</summary>
    private int ReceiveReply()
    {
        var count = ReceiveAtLeast(0, PerfRpc.MarkLength, _reply.Length);
        var length = RecordLengthThatFits();
        return ReceiveAtLeast(count, length, length);
    }

    private async ValueTask<int> ReceiveReplyAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        int length = int.MaxValue;
        while (count < length)
        {
            var limit = count < PerfRpc.MarkLength ? _reply.Length : length;
            var received = await _socket.ReceiveAsync(_reply.AsMemory(count, limit - count), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            count += received > 0 ? received : throw Closed();
            if (count >= PerfRpc.MarkLength && length == int.MaxValue)
                length = RecordLengthThatFits();
        }
        return length;
    }

    private int RecordLengthThatFits()
    {
        var length = PerfRpc.RecordLength(_reply, _resourceName);
        return length <= _reply.Length ? length
            : throw new InvalidDataException($"{_resourceName} sent a {length}-byte reply where a short one was expected (the raw client's buffer holds {_reply.Length}).");
    }

    private void CheckWriteReply(int length, string procedure)
    {
        var results = PerfRpc.MarkLength + PerfRpc.Results(_reply.AsSpan(PerfRpc.MarkLength, length - PerfRpc.MarkLength), _xid, procedure, _resourceName);
        if (length < results + 8)
            throw new InvalidDataException($"The {procedure} reply of {_resourceName} is {length} bytes, too short for its results.");
        CheckError(PerfRpc.Get(_reply, results), procedure);
    }

    /// <summary>The length of the identity in a whole <c>device_read</c> reply, without its newline; its text stays in the reply buffer.</summary>
    private int IdentityLength(int length)
    {
        var results = PerfRpc.MarkLength + PerfRpc.Results(_reply.AsSpan(PerfRpc.MarkLength, length - PerfRpc.MarkLength), _xid, "device_read", _resourceName);
        if (length < results + 12)
            throw new InvalidDataException($"The device_read reply of {_resourceName} is {length} bytes, too short for its results.");
        CheckError(PerfRpc.Get(_reply, results), "device_read");
        var data = (int)PerfRpc.Get(_reply, results + 8);
        if ((PerfRpc.Get(_reply, results + 4) & EndReason) == 0 || results + 12 + data > length || data == 0 || _reply[results + 12 + data - 1] != (byte)'\n')
            throw new InvalidDataException($"The reply of {_resourceName} to *IDN? was not one message ending in a newline with END: \"{PerfRpc.Preview(_reply.AsSpan(results + 12, Math.Min(data, length - results - 12)))}\".");
        _textOffset = results + 12;
        return data - 1;
    }

    private void CheckError(uint error, string procedure)
    {
        if (error != 0)
            throw new IOException($"{procedure} on {_resourceName} failed with VXI-11 error {error}{ErrorName(error)}.");
    }

    private static string ErrorName(uint error) => error switch
    {
        3 => " (device not accessible: the server does not serve that name)",
        4 => " (invalid link identifier)",
        9 => " (out of resources)",
        11 => " (device locked by another link)",
        15 => " (I/O timeout: the server had no reply in time)",
        17 => " (I/O error)",
        23 => " (abort)",
        _ => "",
    };

    private long BlockPayloadLength(int received)
    {
        if (received < 2 || _block[0] != (byte)'#' || _block[1] is < (byte)'1' or > (byte)'9')
            throw new InvalidDataException($"DATA? from {_resourceName} did not start with a definite block header (#<n><length>).");
        var headerLength = 2 + (_block[1] - '0');
        var length = long.Parse(_block.AsSpan(2, headerLength - 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        if (headerLength + length + 1 != received)
            throw new InvalidDataException($"DATA? from {_resourceName} announced {length} bytes but the message held {received - headerLength - 1}.");
        return length;
    }

    /// <summary>Receives into the reply buffer from <paramref name="count"/> until at least <paramref name="least"/> bytes, never past <paramref name="limit"/>.</summary>
    private int ReceiveAtLeast(int count, int least, int limit)
    {
        while (count < least)
        {
            var received = _socket.Receive(_reply.AsSpan(count, limit - count));
            count += received > 0 ? received : throw Closed();
        }
        return count;
    }

    private void ReceiveExact(Span<byte> space)
    {
        while (!space.IsEmpty)
        {
            var received = _socket.Receive(space);
            space = space[(received > 0 ? received : throw Closed())..];
        }
    }

    private IOException Closed() => new($"{_resourceName} closed the connection in the middle of a reply.");
}
