namespace OpenVisa.Managed.Sessions;

/// <summary>
/// One open resource session of the <c>@managed</c> backend. Each protocol (TCPIP SOCKET, and later VXI-11, HiSLIP,
/// serial, USB) derives from it and overrides the operations its wire supports; the rest throw
/// <see cref="StatusCode.ErrorNonsupportedOperation"/> naming the operation and the resource.
/// </summary>
/// <remarks>
/// Attributes live in an <see cref="AttributeStore"/> made for the session's interface and class; the ones every read
/// consults (timeout, termination character, END handling) are plain fields there, so the I/O path reads them without
/// a lookup.
/// </remarks>
internal abstract partial class ManagedSession : IDisposable
{
    private int _disposed;

    /// <summary>Creates the session; <paramref name="initialValues"/> are the attribute values the protocol starts with.</summary>
    protected ManagedSession(SessionOpening opening, IEnumerable<KeyValuePair<VisaAttribute, object>>? initialValues = null)
    {
        Opening = opening;
        ResourceName = opening.ResourceName;
        var name = opening.Name;
        Attributes = new AttributeStore(name.InterfaceType, name.ResourceClass, name.Canonical, name.BoardNumber, initialValues);
    }

    /// <summary>How the session was opened.</summary>
    public SessionOpening Opening { get; }

    /// <summary>The canonical resource name.</summary>
    public string ResourceName { get; }

    /// <summary>The handle the library gave the session.</summary>
    public int Handle { get; set; }

    /// <summary>The resource-manager session that owns this one.</summary>
    public ResourceManagerSession? Owner { get; set; }

    /// <summary>True once <see cref="Dispose()"/> ran.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Short description of the interface for messages, e.g. <c>TCPIP SOCKET</c>.</summary>
    public abstract string InterfaceDescription { get; }

    /// <summary>See <see cref="VisaLibrary.MayDeliverLateReply"/>: true unless the protocol tags replies with their query.</summary>
    public virtual bool MayDeliverLateReply => true;

    // ---- message-based operations: overridden by the protocols that support them --------------------

    /// <summary>Reads into <paramref name="buffer"/> as <c>viRead</c> does.</summary>
    public virtual ReadResult Read(Span<byte> buffer) => throw Unsupported("Read");

    /// <summary>The asynchronous read; protocols override it with truly asynchronous I/O.</summary>
    public virtual ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    /// <summary>See <see cref="VisaLibrary.TryReadCancellable"/>: false unless the protocol's synchronous read can be cancelled.</summary>
    public virtual bool TryReadCancellable(Span<byte> buffer, CancellationToken cancellationToken, out ReadResult result)
    {
        result = default;
        return false;
    }

    /// <summary>Writes all of <paramref name="data"/>.</summary>
    public virtual int Write(ReadOnlySpan<byte> data) => throw Unsupported("Write");

    /// <summary>The asynchronous write.</summary>
    public virtual ValueTask<int> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Write(data.Span));
    }

    /// <summary>Device clear.</summary>
    public virtual void Clear() => throw Unsupported("Clear");

    /// <summary>The asynchronous device clear.</summary>
    public virtual ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Clear();
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads the status byte.</summary>
    public virtual byte ReadStb() => throw Unsupported("ReadStb");

    /// <summary>The asynchronous status-byte read.</summary>
    public virtual ValueTask<byte> ReadStbAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ReadStb());
    }

    /// <summary>Sends a trigger.</summary>
    public virtual void AssertTrigger(TriggerProtocol protocol) => throw Unsupported("AssertTrigger");

    /// <summary>Locks the resource; <paramref name="status"/> tells a nested lock from a new one. Returns the shared lock's key.</summary>
    public virtual string? Lock(AccessMode lockType, TimeSpan timeout, string? requestedKey, out StatusCode status) => throw Unsupported("Lock");

    /// <summary>The asynchronous lock.</summary>
    public virtual ValueTask<string?> LockAsync(AccessMode lockType, TimeSpan timeout, string? requestedKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Lock(lockType, timeout, requestedKey, out _));
    }

    /// <summary>Releases one level of the session's lock.</summary>
    public virtual StatusCode Unlock() => throw Unsupported("Unlock");

    /// <summary>Remote/local control (GPIB REN, GTL, LLO, or their HiSLIP equivalents).</summary>
    public virtual void GpibControlRen(RenMode mode) => throw Unsupported("GpibControlRen");

    /// <summary>Flushes or discards buffers.</summary>
    public virtual void Flush(BufferOperation mask) => throw Unsupported("Flush");

    /// <summary>Releases the transport. Called once, by the library, after the session left the table.</summary>
    protected abstract void Close();

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Close();
    }

    /// <summary>The error for an operation this session's interface cannot do; <paramref name="hint"/> says what to do instead.</summary>
    protected VisaException Unsupported(string operation, string? hint = null) =>
        new(StatusCode.ErrorNonsupportedOperation,
            $"{InterfaceDescription} sessions do not support {operation}." + (hint is null ? "" : " " + hint), operation, ResourceName);
}
