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

    /// <summary>Keeps a query's reply for the reads that follow; it replaces one nobody read, as an instrument's output queue does.</summary>
    public void SetReply(byte[]? reply)
    {
        lock (_gate)
        {
            if (_pending is not null)
                LargeBodyArrays.Give(_pending); // unread, and referenced nowhere else
            _pending = reply;
            _pendingOffset = 0;
        }
    }

    /// <summary>Copies the next bytes of the pending reply, as <c>viRead</c> would receive them; false when nothing is pending.</summary>
    public bool TryRead(Span<byte> buffer, out ReadResult result)
    {
        lock (_gate)
        {
            if (_pending is null)
            {
                result = default;
                return false;
            }
            var rest = _pending.AsSpan(_pendingOffset);
            var count = Math.Min(rest.Length, buffer.Length);
            var status = StatusCode.Success;
            if (Attributes.TerminationCharacterEnabled && rest[..count].IndexOf(Attributes.TerminationCharacter) is >= 0 and var at)
            {
                count = at + 1;
                status = StatusCode.SuccessTerminationCharacterRead;
            }
            else if (count < rest.Length)
            {
                status = StatusCode.SuccessMaxCountRead;
            }
            rest[..count].CopyTo(buffer);
            _pendingOffset += count;
            if (_pendingOffset == _pending.Length)
            {
                // The reply's end is its END: an empty remainder would otherwise be read as another message.
                LargeBodyArrays.Give(_pending);
                _pending = null;
                _pendingOffset = 0;
            }
            result = new ReadResult(count, status);
            return true;
        }
    }
}
