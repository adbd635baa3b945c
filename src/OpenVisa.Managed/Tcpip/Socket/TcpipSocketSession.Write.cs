using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Managed.Tcpip.Socket;

internal sealed partial class TcpipSocketSession
{
    /// <summary>The SO_SNDTIMEO now set (0 = infinite), changed only when it must be.</summary>
    private int _appliedSendMs;

    /// <inheritdoc/>
    public override int Write(ReadOnlySpan<byte> data)
    {
        _writeGate.Wait();
        try
        {
            ThrowIfLost("Write");
            return WriteLocked(data);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Sends every byte; a stream has no END, so <c>VI_ATTR_SEND_END_EN</c> changes nothing on the wire.</summary>
    private int WriteLocked(ReadOnlySpan<byte> data)
    {
        var timeoutMs = TimeoutMilliseconds;
        var started = Stopwatch.GetTimestamp();
        ThrowIfPeerClosedBeforeWrite(started);
        var sent = 0;
        var firstSend = true;
        while (sent < data.Length)
        {
            if (timeoutMs == VisaTimeout.InfiniteValue)
            {
                ApplySendTimeout(0);
            }
            else
            {
                // "Immediate" still lets the kernel take the bytes: a write never succeeds without sending them.
                // The first send takes the whole timeout without reading the clock again (see Receive).
                var remaining = Math.Max(timeoutMs, 1) - (firstSend ? 0 : ElapsedMs(started));
                firstSend = false;
                if (remaining <= 0)
                    throw WriteTimeout(timeoutMs, sent, data.Length);
                if (_appliedSendMs == 0 || Math.Abs(_appliedSendMs - remaining) > TimeoutSlackMs)
                    ApplySendTimeout((int)Math.Min(remaining, int.MaxValue));
            }
            int count;
            SocketError error;
            try
            {
                count = _socket.Send(data[sent..], SocketFlags.None, out error);
            }
            catch (ObjectDisposedException)
            {
                throw ClosedMeanwhile("Write");
            }
            if (count > 0)
                sent += count;
            if (error is SocketError.Success or SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
                continue;
            throw SocketFailure("Write", error, sent);
        }
        TraceWrite(data);
        return sent;
    }

    private void ApplySendTimeout(int milliseconds)
    {
        if (_appliedSendMs == milliseconds)
            return;
        _socket.SendTimeout = milliseconds;
        _appliedSendMs = milliseconds;
    }

    private VisaException WriteTimeout(uint timeoutMs, int sent, int total) =>
        new(StatusCode.ErrorTimeout,
            $"Only {sent} of {total} bytes were sent to {Endpoint} within {timeoutMs} ms: the instrument is not taking input. " +
            "It may be busy, or blocked sending a reply nobody reads: read pending replies before writing more.", "Write", ResourceName);

    private void TraceWrite(ReadOnlySpan<byte> data)
    {
        var logger = Opening.Library.Logger;
        if (logger.IsEnabled(LogLevel.Trace))
            logger.LogTrace("{Resource} >> {Count} bytes: {Data}", ResourceName, data.Length, ReadDiagnostics.Preview(data));
    }
}
