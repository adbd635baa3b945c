namespace OpenVisa;

public abstract partial class VisaLibrary
{
    /// <summary>
    /// The terminations a new message-based resource on this session starts with. The default follows
    /// <see cref="MessageTerminations.DefaultFor"/>; the simulator answers with its device's end-of-message strings.
    /// </summary>
    public virtual MessageTerminations DefaultTerminations(int session, ResourceInfo info) =>
        MessageTerminations.DefaultFor(info.InterfaceType, info.ResourceClass);

    /// <summary>
    /// Reads at most <c>buffer.Length</c> bytes, stopping at END, at the termination character (when
    /// enabled) or when the buffer is full; waits at most the session's timeout.
    /// </summary>
    public virtual ReadResult Read(int session, Span<byte> buffer) => throw Unsupported(nameof(Read), session);

    /// <summary>
    /// The asynchronous read. The default runs <see cref="Read"/> inline, which suits backends that never
    /// wait (the simulator); transports override it with truly asynchronous I/O.
    /// </summary>
    public virtual ValueTask<ReadResult> ReadAsync(int session, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(session, buffer.Span));
    }

    /// <summary>
    /// A synchronous read, on the calling thread, that <paramref name="cancellationToken"/> can end early (with
    /// <see cref="OperationCanceledException"/>): what a C caller's <c>viRead</c> needs so that <c>viTerminate</c> from
    /// another thread can abort it without paying for the asynchronous read on every call. False, having read nothing,
    /// where the backend or the session has no such read; the caller then takes <see cref="ReadAsync"/>.
    /// </summary>
    public virtual bool TryReadCancellable(int session, Span<byte> buffer, CancellationToken cancellationToken, out ReadResult result)
    {
        result = default;
        return false;
    }

    /// <summary>Writes <paramref name="data"/>, asserting END with the last byte when <c>VI_ATTR_SEND_END_EN</c> is set; returns the count written.</summary>
    public virtual int Write(int session, ReadOnlySpan<byte> data) => throw Unsupported(nameof(Write), session);

    /// <summary>The asynchronous write; the default runs <see cref="Write"/> inline.</summary>
    public virtual ValueTask<int> WriteAsync(int session, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Write(session, data.Span));
    }

    /// <summary>
    /// Whether a reply to an earlier message may still reach this session and be read as the answer to a later one.
    /// True by default (SOCKET, serial, GPIB, VXI-11 servers that keep unread replies), so after a timed-out exchange
    /// <see cref="MessageBasedResource"/> resynchronizes before its next write (see <see cref="MessageBasedResource.StaleReplies"/>).
    /// False where the backend knows better: HiSLIP in synchronized mode drops replies to older messages by message id;
    /// the simulator knows when it has no reply queued.
    /// </summary>
    public virtual bool MayDeliverLateReply(int session) => true;

    /// <summary>
    /// Whether the instrument has output waiting to be read right now: true or false where the backend knows (the
    /// simulator), null where it cannot know without reading (an instrument on a network or a bus). A gateway uses it to
    /// pass on what a command that is no query answered (pyvisa-sim setters answer <c>OK</c>), instead of leaving the
    /// answer queued for the next query.
    /// </summary>
    public virtual bool? HasPendingReply(int session) => null;

    /// <summary>Clears the device (device clear; for SOCKET, discards pending input).</summary>
    public virtual void Clear(int session) => throw Unsupported(nameof(Clear), session);

    /// <summary>The asynchronous device clear; the default runs <see cref="Clear"/> inline.</summary>
    public virtual ValueTask ClearAsync(int session, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Clear(session);
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads the IEEE 488.2 status byte by the interface's own means (serial poll, VXI-11 readstb, HiSLIP status query).</summary>
    public virtual byte ReadStb(int session) => throw Unsupported(nameof(ReadStb), session);

    /// <summary>The asynchronous status-byte read; the default runs <see cref="ReadStb"/> inline.</summary>
    public virtual ValueTask<byte> ReadStbAsync(int session, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ReadStb(session));
    }

    /// <summary>Sends a trigger (GPIB GET, VXI-11 device_trigger, HiSLIP Trigger, USBTMC TRIGGER, or <c>*TRG</c> on SOCKET).</summary>
    public virtual void AssertTrigger(int session, TriggerProtocol protocol) => throw Unsupported(nameof(AssertTrigger), session);

    /// <summary>
    /// Locks the resource. For a shared lock, <paramref name="requestedKey"/> joins an existing lock (null asks for a new key);
    /// returns the access key (null for exclusive locks). Waits at most <paramref name="timeout"/> for other sessions' locks.
    /// </summary>
    public virtual string? Lock(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey) => throw Unsupported(nameof(Lock), session);

    /// <summary>The asynchronous lock; the default runs <see cref="Lock"/> inline.</summary>
    public virtual ValueTask<string?> LockAsync(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Lock(session, lockType, timeout, requestedKey));
    }

    /// <summary>Releases one level of the session's lock; <see cref="StatusCode.ErrorSessionNotLocked"/> when it holds none.</summary>
    public virtual StatusCode Unlock(int session) => throw Unsupported(nameof(Unlock), session);

    /// <summary>Flushes or discards the buffers named by <paramref name="mask"/>.</summary>
    public virtual void Flush(int session, BufferOperation mask) => throw Unsupported(nameof(Flush), session);

    /// <summary>Sets the size of the buffers named by <paramref name="mask"/>.</summary>
    public virtual void SetBuffer(int session, BufferOperation mask, int size) => throw Unsupported(nameof(SetBuffer), session);

    /// <summary>Aborts an asynchronous operation in progress (<c>viTerminate</c>).</summary>
    public virtual void Terminate(int session, int degree, int jobId) => throw Unsupported(nameof(Terminate), session);

    /// <summary>Reads up to <paramref name="count"/> bytes into a file; the default uses <see cref="Read"/>.</summary>
    public virtual int ReadToFile(int session, string path, int count)
    {
        var buffer = new byte[count];
        var total = 0;
        while (total < count)
        {
            var result = Read(session, buffer.AsSpan(total));
            total += result.Count;
            if (result.IsMessageComplete)
                break;
        }
        File.WriteAllBytes(path, buffer.AsSpan(0, total).ToArray());
        return total;
    }

    /// <summary>Writes up to <paramref name="count"/> bytes of a file; the default uses <see cref="Write"/>.</summary>
    public virtual int WriteFromFile(int session, string path, int count)
    {
        var data = File.ReadAllBytes(path);
        return Write(session, data.AsSpan(0, Math.Min(count, data.Length)));
    }
}
