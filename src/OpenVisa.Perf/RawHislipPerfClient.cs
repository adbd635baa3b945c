using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenVisa.Perf;

/// <summary>
/// The physical limit for HiSLIP: the synchronous and asynchronous channels opened once (Initialize, AsyncInitialize),
/// then per query one <c>DataEnd</c> message encoded once (only the MessageID and the RMT-delivered bit change) and
/// the reply's <c>Data</c>/<c>DataEnd</c> messages read back: a short reply in one receive, a block's payloads straight
/// from the socket into a buffer reused from call to call.
/// </summary>
internal sealed class RawHislipPerfClient : IPerfClient
{
    private const int HeaderSize = 16;
    private const byte Initialize = 0;
    private const byte InitializeResponse = 1;
    private const byte FatalError = 2;
    private const byte Error = 3;
    private const byte Data = 6;
    private const byte DataEnd = 7;
    private const byte AsyncInitialize = 17;
    private const byte AsyncInitializeResponse = 18;
    private const uint FirstMessageId = 0xFFFFFF00;
    private const ushort VendorId = ('O' << 8) | 'V';

    private readonly Socket _sync;
    private readonly Socket _async;
    private readonly string _resourceName;
    private readonly byte[] _reply = new byte[64 * 1024];
    private readonly byte[] _block;
    private readonly byte[] _identityQuery = Frame(DataEnd, 0, "*IDN?\n"u8);
    private readonly byte[] _dataQuery = Frame(DataEnd, 0, "DATA?\n"u8);
    private uint _messageId = FirstMessageId;
    private bool _replyDelivered;
    private int _replyMessages;

    public RawHislipPerfClient(string resourceName, int blockBytes, TimeSpan timeout)
    {
        var name = ResourceName.Parse(resourceName);
        if (name.InterfaceType != InterfaceType.Tcpip || !name.IsHislip || name.HostAddress is null)
            throw new UsageException($"the raw HiSLIP client needs a TCPIP::host::hislip0[,port]::INSTR name, not '{resourceName}'");
        _resourceName = resourceName;
        _block = new byte[blockBytes + 32]; // header (#8… has at most 11 bytes) + payload + newline
        var address = IPAddress.Parse(name.HostAddress);
        var port = name.HislipPort ?? ResourceName.DefaultHislipPort;
        var subAddress = name.LanDeviceName!.Split(',')[0];
        _sync = Connect(address, port, timeout);
        _async = null!;
        try
        {
            SendAll(_sync, Frame(Initialize, 0, Encoding.ASCII.GetBytes(subAddress), (0x0100u << 16) | VendorId)); // HiSLIP 1.0
            var session = (ushort)ExpectHandshake(_sync, InitializeResponse, "Initialize");
            _async = Connect(address, port, timeout);
            SendAll(_async, Frame(AsyncInitialize, 0, [], session));
            ExpectHandshake(_async, AsyncInitializeResponse, "AsyncInitialize");
        }
        catch
        {
            _sync.Dispose();
            _async?.Dispose();
            throw;
        }
    }

    public int RoundTrip()
    {
        Send(_identityQuery);
        var count = 0;
        var start = 0;
        var text = 0;
        while (true)
        {
            count = ReceiveAtLeast(count, start + HeaderSize);
            var length = PayloadLength(start);
            count = ReceiveAtLeast(count, start + HeaderSize + length);
            var last = _reply[start + 2] == DataEnd;
            _replyMessages = start == 0 ? 1 : _replyMessages + 1;
            text += length;
            start += HeaderSize + length;
            if (last)
                return Delivered(text, start);
        }
    }

    public async ValueTask<int> RoundTripAsync(CancellationToken cancellationToken)
    {
        Stamp(_identityQuery);
        var query = _identityQuery.AsMemory();
        while (!query.IsEmpty)
            query = query[await _sync.SendAsync(query, SocketFlags.None, cancellationToken).ConfigureAwait(false)..];
        var count = 0;
        var start = 0;
        var text = 0;
        while (true)
        {
            var length = -1;
            while (length < 0 || count < start + HeaderSize + length)
            {
                if (length < 0 && count >= start + HeaderSize)
                {
                    length = PayloadLength(start);
                    continue;
                }
                var received = await _sync.ReceiveAsync(_reply.AsMemory(count), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                count += received > 0 ? received : throw Closed();
            }
            var last = _reply[start + 2] == DataEnd;
            _replyMessages = start == 0 ? 1 : _replyMessages + 1;
            text += length;
            start += HeaderSize + length;
            if (last)
                return Delivered(text, start);
        }
    }

    public long ReadBlock()
    {
        Send(_dataQuery);
        var offset = 0;
        while (true)
        {
            // The header alone, so the payload that follows lands in the block buffer without a copy.
            ReceiveExact(_reply.AsSpan(0, HeaderSize));
            var length = PayloadLength(0, _block.Length - offset);
            ReceiveExact(_block.AsSpan(offset, length));
            offset += length;
            if (_reply[2] == DataEnd)
                break;
        }
        _replyDelivered = true;
        if (offset < 2 || _block[0] != (byte)'#' || _block[1] is < (byte)'1' or > (byte)'9')
            throw new InvalidDataException($"DATA? from {_resourceName} did not start with a definite block header (#<n><length>).");
        var headerLength = 2 + (_block[1] - '0');
        var payload = long.Parse(_block.AsSpan(2, headerLength - 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        if (headerLength + payload + 1 != offset)
            throw new InvalidDataException($"DATA? from {_resourceName} announced {payload} bytes but the message held {offset - headerLength - 1}.");
        return payload;
    }

    public void Verify(int blockBytes)
    {
        var length = RoundTrip();
        var identity = Encoding.ASCII.GetString(_reply, HeaderSize, length);
        if (_replyMessages != 1 || identity != PerfDevice.Identity)
            throw new InvalidDataException($"*IDN? on {_resourceName} answered \"{identity}\" in {_replyMessages} message(s), not the perf device's \"{PerfDevice.Identity}\" in one DataEnd.");
        var payload = ReadBlock();
        var headerLength = 2 + (_block[1] - '0');
        PerfBlockCheck.Verify(_block.AsSpan(headerLength, (int)payload), blockBytes, "raw HiSLIP", _resourceName);
    }

    public void Dispose()
    {
        _sync.Dispose();
        _async.Dispose();
    }

    /// <summary>A whole message: the 16-byte header (<c>HS</c>, type, control code, parameter, payload length) and the payload.</summary>
    private static byte[] Frame(byte type, byte control, ReadOnlySpan<byte> payload, uint parameter = FirstMessageId)
    {
        var frame = new byte[HeaderSize + payload.Length];
        frame[0] = (byte)'H';
        frame[1] = (byte)'S';
        frame[2] = type;
        frame[3] = control;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), parameter);
        BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(8), (ulong)payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    private static Socket Connect(IPAddress address, int port, TimeSpan timeout)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.ReceiveTimeout = socket.SendTimeout = (int)timeout.TotalMilliseconds;
            socket.Connect(address, port);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads a handshake answer on <paramref name="channel"/>; returns its parameter, or throws with the server's error text.</summary>
    private uint ExpectHandshake(Socket channel, byte expected, string request)
    {
        var header = _reply.AsSpan(0, HeaderSize);
        ReceiveExact(channel, header);
        var length = (int)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(header[8..]), 4096);
        var type = header[2];
        if (header[0] != 'H' || header[1] != 'S')
            throw new InvalidDataException($"{_resourceName} answered {request} with bytes that are not a HiSLIP header (\"{PerfRpc.Preview(header)}\").");
        var parameter = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (type == expected && length == 0)
            return parameter;
        ReceiveExact(channel, _reply.AsSpan(HeaderSize, length));
        var text = Encoding.ASCII.GetString(_reply, HeaderSize, length);
        throw type is FatalError or Error
            ? new IOException($"{_resourceName} refused {request} with {(type == FatalError ? "FatalError" : "Error")} {header[3]}: {text}")
            : new InvalidDataException($"{_resourceName} answered {request} with message type {type}, not {expected}.");
    }

    private void Send(byte[] frame)
    {
        Stamp(frame);
        SendAll(_sync, frame);
    }

    /// <summary>Gives the message the next MessageID and says whether the last reply was delivered whole (RMT-delivered).</summary>
    private void Stamp(byte[] frame)
    {
        frame[3] = _replyDelivered ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), _messageId);
        _messageId += 2;
    }

    private int Delivered(int text, int received)
    {
        _replyDelivered = true;
        if (received < HeaderSize + 1 || _reply[received - 1] != (byte)'\n')
            throw new InvalidDataException($"The reply of {_resourceName} to *IDN? did not end with a newline.");
        return text - 1;
    }

    /// <summary>
    /// The payload length of the Data or DataEnd message whose header is at <paramref name="start"/> in the reply buffer;
    /// a payload longer than <paramref name="room"/> (what is left of the buffer it goes to), an Error or FatalError, or
    /// anything that is not a HiSLIP header throws.
    /// </summary>
    private int PayloadLength(int start, int room = -1)
    {
        room = room < 0 ? _reply.Length - start - HeaderSize : room;
        var header = _reply.AsSpan(start, HeaderSize);
        var length = BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
        var type = header[2];
        var isHeader = header[0] == 'H' && header[1] == 'S';
        if (isHeader && type is Data or DataEnd && length <= (ulong)room)
            return (int)length;
        if (isHeader && type is Error or FatalError)
            throw new IOException($"{_resourceName} sent HiSLIP {(type == FatalError ? "FatalError" : "Error")} {header[3]} instead of a reply.");
        throw new InvalidDataException(isHeader && type is Data or DataEnd
            ? $"{_resourceName} sent a {length}-byte reply message, more than the raw client's buffer has room for ({room} bytes)."
            : $"{_resourceName} sent \"{PerfRpc.Preview(header)}\" where a HiSLIP Data or DataEnd header was expected.");
    }

    private int ReceiveAtLeast(int count, int least)
    {
        if (least > _reply.Length)
            throw new InvalidDataException($"The reply of {_resourceName} to *IDN? came in more messages than the raw client's {_reply.Length}-byte buffer holds.");
        while (count < least)
        {
            var received = _sync.Receive(_reply.AsSpan(count));
            count += received > 0 ? received : throw Closed();
        }
        return count;
    }

    private void ReceiveExact(Span<byte> space) => ReceiveExact(_sync, space);

    private void ReceiveExact(Socket channel, Span<byte> space)
    {
        while (!space.IsEmpty)
        {
            var received = channel.Receive(space);
            space = space[(received > 0 ? received : throw Closed())..];
        }
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
            data = data[socket.Send(data)..];
    }

    private IOException Closed() => new($"{_resourceName} closed the connection in the middle of a reply.");
}
