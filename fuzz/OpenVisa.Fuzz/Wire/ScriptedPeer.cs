using System.Net;
using System.Net.Sockets;

namespace OpenVisa.Fuzz.Wire;

/// <summary>
/// A fake server on loopback: the n-th connection of each client run is sent <see cref="Replies"/>[n] at once, then the
/// peer reads and drops what the client says until the client closes. Stands in for a faulty or hostile instrument.
/// </summary>
internal sealed class ScriptedPeer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly bool _answersRpc;
    private int _accepted;

    /// <param name="answersRpc">
    /// True for ONC RPC (VXI-11): the replies are sent record by record, one per call received, each with the call's
    /// transaction id, since the client draws its ids at random and drops replies with other ids.
    /// </param>
    public ScriptedPeer(bool answersRpc = false)
    {
        _answersRpc = answersRpc;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>What each connection of the next run is sent, by accept order; connections past the end are sent nothing.</summary>
    public byte[][] Replies { get; private set; } = [];

    /// <summary>Starts a new client run with these replies.</summary>
    public void Prepare(params byte[][] replies)
    {
        Replies = replies;
        Interlocked.Exchange(ref _accepted, 0);
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync().ConfigureAwait(false);
                var index = Interlocked.Increment(ref _accepted) - 1;
                var replies = Replies;
                var reply = index < replies.Length ? replies[index] : [];
                _ = _answersRpc && index == 0 ? AnswerCallsAsync(socket, reply) : ServeAsync(socket, reply);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private static async Task ServeAsync(Socket socket, byte[] reply)
    {
        using (socket)
        {
            var buffer = new byte[65536];
            try
            {
                await socket.SendAsync(reply).ConfigureAwait(false);
                while (await socket.ReceiveAsync(buffer).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The client went away.
            }
        }
    }

    /// <summary>Per call received, sends the next reply record of <paramref name="replies"/> with the call's xid.</summary>
    private static async Task AnswerCallsAsync(Socket socket, byte[] replies)
    {
        using (socket)
        {
            var position = 0;
            try
            {
                while (await ReadCallXidAsync(socket).ConfigureAwait(false) is { } xid)
                {
                    var start = position;
                    position = NextRecordEnd(replies, position);
                    var record = replies[start..position];
                    if (record.Length >= 8)
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(4), xid);
                    await socket.SendAsync(record).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The client went away.
            }
        }
    }

    /// <summary>Reads one whole RPC record (all its fragments) and returns its xid, or null when the client closed.</summary>
    private static async Task<uint?> ReadCallXidAsync(Socket socket)
    {
        uint? xid = null;
        var mark = new byte[4];
        while (true)
        {
            if (!await ReadExactlyAsync(socket, mark).ConfigureAwait(false))
                return null;
            var header = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mark);
            var fragment = new byte[header & 0x7FFFFFFF];
            if (!await ReadExactlyAsync(socket, fragment).ConfigureAwait(false))
                return null;
            if (xid is null && fragment.Length >= 4)
                xid = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(fragment);
            if ((header & 0x80000000) != 0)
                return xid ?? 0;
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, byte[] buffer)
    {
        for (var read = 0; read < buffer.Length;)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read)).ConfigureAwait(false);
            if (n == 0)
                return false;
            read += n;
        }
        return true;
    }

    /// <summary>Where the record starting at <paramref name="start"/> ends: after its last fragment, or at the end of the data.</summary>
    private static int NextRecordEnd(byte[] data, int start)
    {
        var position = start;
        while (position + 4 <= data.Length)
        {
            var header = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(position));
            position = (int)Math.Min(data.Length, position + 4L + (header & 0x7FFFFFFF));
            if ((header & 0x80000000) != 0)
                return position;
        }
        return data.Length;
    }

    public void Dispose() => _listener.Stop();
}
