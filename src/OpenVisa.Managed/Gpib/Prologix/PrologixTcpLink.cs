using System.Net.Sockets;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Gpib.Prologix;

/// <summary>A GPIB-ETHERNET adapter's TCP connection (port 1234), with blocking calls bounded by socket timeouts.</summary>
internal sealed class PrologixTcpLink(Sock socket, string display) : IPrologixLink
{
    private int _appliedTimeout = int.MinValue;

    public string Display { get; } = display;

    public void Send(ReadOnlySpan<byte> data)
    {
        try
        {
            while (!data.IsEmpty)
                data = data[socket.Send(data)..];
        }
        catch (SocketException e)
        {
            throw new IOException($"sending to {Display} failed: {e.SocketErrorCode}", e);
        }
    }

    public int Receive(Span<byte> buffer, int timeoutMs)
    {
        var wanted = timeoutMs < 0 ? 0 : Math.Max(1, timeoutMs);
        if (_appliedTimeout != wanted)
        {
            socket.ReceiveTimeout = wanted;
            _appliedTimeout = wanted;
        }
        var count = socket.Receive(buffer, SocketFlags.None, out var error);
        if (error is SocketError.TimedOut or SocketError.WouldBlock)
            return 0;
        if (error != SocketError.Success)
            throw new IOException($"receiving from {Display} failed: {error}");
        return count > 0 ? count : throw new IOException($"the adapter at {Display} closed the connection");
    }

    public void Dispose() => socket.Dispose();
}
