using System.Net;
using System.Net.Sockets;

namespace OpenVisa.Perf;

/// <summary>
/// The physical limit for SOCKET: one blocking socket with no layer above it. A round trip is one send and receives until
/// the newline; a block is one send and receives into a buffer reused from call to call, so what it costs is the
/// kernel's copy and the server's work, nothing else.
/// </summary>
internal sealed class RawSocketPerfClient : IPerfClient
{
    private static readonly byte[] IdentityQuery = "*IDN?\n"u8.ToArray();
    private static readonly byte[] DataQuery = "DATA?\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly byte[] _reply = new byte[4096];
    private readonly byte[] _block;
    private readonly string _resourceName;

    public RawSocketPerfClient(string resourceName, int blockBytes, TimeSpan timeout)
    {
        var name = ResourceName.Parse(resourceName);
        if (name.ResourceClass != "SOCKET" || name.HostAddress is null || name.Port is null)
            throw new UsageException($"the raw SOCKET client needs a TCPIP::host::port::SOCKET name, not '{resourceName}'");
        _resourceName = resourceName;
        var address = IPAddress.Parse(name.HostAddress);
        _socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.ReceiveTimeout = _socket.SendTimeout = (int)timeout.TotalMilliseconds;
        _socket.Connect(address, name.Port.Value);
        _block = new byte[blockBytes + 32]; // header (#8… has at most 11 bytes) + payload + newline
    }

    public int RoundTrip()
    {
        SendAll(IdentityQuery);
        var count = 0;
        do
            count += ReceiveSome(_reply.AsSpan(count));
        while (_reply[count - 1] != (byte)'\n');
        return count - 1;
    }

    public async ValueTask<int> RoundTripAsync(CancellationToken cancellationToken)
    {
        var query = IdentityQuery.AsMemory();
        while (!query.IsEmpty)
            query = query[await _socket.SendAsync(query, SocketFlags.None, cancellationToken).ConfigureAwait(false)..];
        var count = 0;
        do
        {
            var received = await _socket.ReceiveAsync(_reply.AsMemory(count), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            count += received > 0 ? received : throw new IOException($"{_resourceName} closed the connection in the middle of a reply.");
        }
        while (_reply[count - 1] != (byte)'\n');
        return count - 1;
    }

    public long ReadBlock()
    {
        SendAll(DataQuery);
        var count = 0;
        while (count < 2)
            count += ReceiveSome(_block.AsSpan(count));
        if (_block[0] != (byte)'#' || _block[1] is < (byte)'1' or > (byte)'9')
            throw new InvalidDataException($"DATA? from {_resourceName} did not start with a definite block header (#<n><length>).");
        var headerLength = 2 + (_block[1] - '0');
        while (count < headerLength)
            count += ReceiveSome(_block.AsSpan(count));
        var length = long.Parse(_block.AsSpan(2, headerLength - 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        var total = headerLength + length + 1;
        if (total > _block.Length)
            throw new InvalidDataException($"DATA? from {_resourceName} announced {length} bytes, more than the {_block.Length - 32} the client was told to expect.");
        while (count < total)
            count += ReceiveSome(_block.AsSpan(count, (int)(total - count)));
        return length;
    }

    public void Verify(int blockBytes)
    {
        var length = RoundTrip();
        var identity = System.Text.Encoding.ASCII.GetString(_reply, 0, length);
        if (identity != PerfDevice.Identity)
            throw new InvalidDataException($"*IDN? on {_resourceName} answered \"{identity}\", not the perf device's \"{PerfDevice.Identity}\".");
        var payload = ReadBlock();
        var headerLength = 2 + (_block[1] - '0');
        PerfBlockCheck.Verify(_block.AsSpan(headerLength, (int)payload), blockBytes, "raw", _resourceName);
    }

    public void Dispose() => _socket.Dispose();

    private void SendAll(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
            data = data[_socket.Send(data)..];
    }

    private int ReceiveSome(Span<byte> space)
    {
        var count = _socket.Receive(space);
        return count > 0 ? count : throw new IOException($"{_resourceName} closed the connection in the middle of a reply.");
    }
}
