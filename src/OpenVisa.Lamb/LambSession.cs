using OpenVisa.Lamb.KeepAlive;

namespace OpenVisa.Lamb;

/// <summary>
/// One open instrument of the <c>@lamb</c> backend: the server's resource string, the session's attributes, the reply
/// of the last query waiting to be read, and the reservation token while the session holds a lock.
/// </summary>
internal sealed class LambSession(int handle, int owner, string visaString, string openedAs, ResourceInfo info)
{
    private readonly Lock _gate = new();
    private byte[]? _pending;
    private int _pendingOffset;
    private StreamedBody? _rest;

    public int Handle { get; } = handle;

    public int Owner { get; } = owner;

    /// <summary>The name the server knows the instrument by, sent as <c>visa_string</c>.</summary>
    public string VisaString { get; } = visaString;

    /// <summary>The name the user opened (a <c>LAMB::</c> name, or the resource string itself).</summary>
    public string OpenedAs { get; } = openedAs;

    public AttributeStore Attributes { get; } = new(info.InterfaceType, info.ResourceClass, info.ResourceName, info.InterfaceBoardNumber);

    /// <summary>The reservation token while this session holds the instrument's lock.</summary>
    public string? ReservationToken { get; set; }

    /// <summary>How many times the lock was taken (VISA locks nest).</summary>
    public int LockDepth { get; set; }

    /// <summary>Keeps the reservation's lease alive while the lock is held.</summary>
    public Timer? LeaseRenewal { get; set; }

    public TimeSpan Timeout => Attributes.Timeout;

    /// <summary>
    /// Keeps a query's reply for the reads that follow: <paramref name="reply"/>, then <paramref name="rest"/> when its body
    /// is still on the connection. It replaces one nobody read, as an instrument's output queue does.
    /// </summary>
    public void SetReply(byte[]? reply, StreamedBody? rest = null)
    {
        lock (_gate)
        {
            DropReply();
            _pending = reply ?? (rest is null ? null : []);
            _rest = rest;
        }
    }

    /// <summary>
    /// Copies the next bytes of the pending reply, as <c>viRead</c> would receive them; false when nothing is pending.
    /// Bytes still on the connection are received straight into <paramref name="buffer"/>, within <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="Exception">What <see cref="StreamedBody.Read"/> throws; the reply is dropped first.</exception>
    public bool TryRead(Span<byte> buffer, TimeSpan timeout, out ReadResult result)
    {
        lock (_gate)
        {
            if (_pending is null)
            {
                result = default;
                return false;
            }
            var termination = Attributes.TerminationCharacterEnabled ? Attributes.TerminationCharacter : (byte?)null;
            var held = _pending.AsSpan(_pendingOffset);
            var count = Math.Min(held.Length, buffer.Length);
            var terminated = false;
            if (termination is { } t && held[..count].IndexOf(t) is >= 0 and var at)
            {
                count = at + 1;
                terminated = true;
            }
            held[..count].CopyTo(buffer);
            _pendingOffset += count;
            if (!terminated && count < buffer.Length && _rest is { Remaining: > 0 } rest)
            {
                var received = ReceiveRest(rest, buffer[count..], timeout);
                if (termination is { } c && buffer.Slice(count, received).IndexOf(c) is >= 0 and var hit)
                {
                    // Read past the termination character: the bytes after it are the next read's.
                    terminated = true;
                    _pending = buffer.Slice(count + hit + 1, received - hit - 1).ToArray();
                    _pendingOffset = 0;
                    received = hit + 1;
                }
                count += received;
            }
            var ended = _pendingOffset == _pending.Length && _rest is not { Remaining: > 0 };
            result = new ReadResult(count, terminated ? StatusCode.SuccessTerminationCharacterRead : ended ? StatusCode.Success : StatusCode.SuccessMaxCountRead);
            if (ended)
                DropReply(); // the reply's end is its END: an empty remainder would otherwise be read as another message
            return true;
        }
    }

    private int ReceiveRest(StreamedBody rest, Span<byte> destination, TimeSpan timeout)
    {
        try
        {
            return rest.Read(destination, timeout);
        }
        catch
        {
            DropReply();
            throw;
        }
    }

    private void DropReply()
    {
        if (_pending is not null)
            LargeBodyArrays.Give(_pending); // unread, or read to its end, and referenced nowhere else
        _rest?.Dispose();
        _pending = null;
        _pendingOffset = 0;
        _rest = null;
    }
}
