using System.Diagnostics;
using System.Net.Sockets;

namespace OpenVisa.Managed.Tcpip.Socket;

// TCP takes the first write to a peer that has closed the connection without an error (the reset comes back only
// afterwards), so a setting sent to an instrument that restarted would be lost silently. A write that follows a quiet
// spell therefore first asks the socket whether the peer has closed: one poll, skipped in a query loop where the peer
// was heard from a moment ago.
internal sealed partial class TcpipSocketSession
{
    /// <summary>How long after the peer was last heard from (or checked) a write checks again: 10 ms.</summary>
    private static readonly long PeerCheckAfterTicks = Stopwatch.Frequency / 100;

    /// <summary>When data last arrived from the peer, or a write last found it still connected (Stopwatch ticks).</summary>
    private long _peerHeardAt;

    private void NotePeerHeard(long timestamp) => _peerHeardAt = timestamp;

    /// <summary>Fails the write, before anything is sent, when the peer closed or reset the connection meanwhile.</summary>
    private void ThrowIfPeerClosedBeforeWrite(long now)
    {
        if (now - _peerHeardAt < PeerCheckAfterTicks)
            return;
        _peerHeardAt = now;
        // Readable with nothing to read means end of stream (FIN) or an error (RST); unread data says nothing either way.
        if (!_socket.Poll(0, SelectMode.SelectRead) || _socket.Available > 0)
            return;
        _lostReason = "the instrument closed it";
        throw new VisaException(StatusCode.ErrorConnectionLost,
            $"The instrument at {Endpoint} has closed the connection (found before this write, so nothing of it was sent). Close the resource and open it again.",
            "Write", ResourceName);
    }
}
