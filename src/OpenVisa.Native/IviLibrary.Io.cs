namespace OpenVisa.Native;

public sealed unsafe partial class IviLibrary
{
    /// <inheritdoc/>
    public override ReadResult Read(int session, Span<byte> buffer)
    {
        uint count;
        int status;
        fixed (byte* p = buffer)
            status = _api.Read((uint)session, p, (uint)buffer.Length, &count);
        var code = Check(status, nameof(Read), session);
        return new ReadResult((int)count, code);
    }

    /// <summary>
    /// Runs <c>viRead</c> on a pool thread. Not <c>viReadAsync</c>: its completion arrives as a VISA event, which would
    /// take the session's event queue from the caller, and many libraries implement it as a thread doing the sync call
    /// anyway. The pool thread is never blocked for ever: the library's read ends at the session's
    /// <c>VI_ATTR_TMO_VALUE</c>. Cancellation while the read runs calls <c>viTerminate</c>, which ends it in libraries
    /// that honour it; the task completes when the library returns.
    /// </summary>
    public override ValueTask<ReadResult> ReadAsync(int session, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<ReadResult>(RunCancellable(session, () => Read(session, buffer.Span), cancellationToken));
    }

    /// <inheritdoc/>
    public override int Write(int session, ReadOnlySpan<byte> data)
    {
        uint count;
        int status;
        fixed (byte* p = data)
            status = _api.Write((uint)session, p, (uint)data.Length, &count);
        Check(status, nameof(Write), session);
        return (int)count;
    }

    /// <summary>Runs <c>viWrite</c> on a pool thread, for the reasons <see cref="ReadAsync"/> gives.</summary>
    public override ValueTask<int> WriteAsync(int session, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<int>(RunCancellable(session, () => Write(session, data.Span), cancellationToken));
    }

    private Task<T> RunCancellable<T>(int session, Func<T> call, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
            return Task.Run(call, CancellationToken.None);
        return Task.Run(() =>
        {
            // VI_NULL job id: abort whatever the session is doing.
            using var registration = cancellationToken.Register(() => _api.Terminate((uint)session, 0, 0));
            try
            {
                return call();
            }
            catch (VisaException e) when (cancellationToken.IsCancellationRequested && e.Status == StatusCode.ErrorAbort)
            {
                throw new OperationCanceledException("The operation was cancelled (viTerminate).", e, cancellationToken);
            }
        }, CancellationToken.None);
    }

    /// <inheritdoc/>
    public override void Clear(int session) => Check(_api.Clear((uint)session), nameof(Clear), session);

    /// <inheritdoc/>
    public override byte ReadStb(int session)
    {
        ushort stb;
        Check(_api.ReadSTB((uint)session, &stb), nameof(ReadStb), session);
        return (byte)stb;
    }

    /// <inheritdoc/>
    public override void AssertTrigger(int session, TriggerProtocol protocol) =>
        Check(_api.AssertTrigger((uint)session, (ushort)protocol), nameof(AssertTrigger), session);

    /// <inheritdoc/>
    public override string? Lock(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey)
    {
        var key = stackalloc byte[VisaApi.TextBufferSize];
        key[0] = 0;
        var requested = requestedKey is null ? null : NativeText.ToNative(requestedKey);
        int status;
        fixed (byte* r = requested)
            status = _api.Lock((uint)session, (uint)lockType, VisaTimeout.ToAttribute(timeout), r, lockType == AccessMode.SharedLock ? key : null);
        Check(status, nameof(Lock), session);
        return lockType == AccessMode.SharedLock ? NativeText.FromNative(key, VisaApi.TextBufferSize) : null;
    }

    /// <inheritdoc/>
    public override StatusCode Unlock(int session) => Check(_api.Unlock((uint)session), nameof(Unlock), session);

    /// <inheritdoc/>
    public override void Flush(int session, BufferOperation mask) => Check(_api.Flush((uint)session, (ushort)mask), nameof(Flush), session);

    /// <inheritdoc/>
    public override void SetBuffer(int session, BufferOperation mask, int size) =>
        Check(_api.SetBuf((uint)session, (ushort)mask, (uint)size), nameof(SetBuffer), session);

    /// <inheritdoc/>
    public override void Terminate(int session, int degree, int jobId) =>
        Check(_api.Terminate((uint)session, (ushort)degree, (uint)jobId), nameof(Terminate), session);

    /// <inheritdoc/>
    public override int ReadToFile(int session, string path, int count)
    {
        var file = NativeText.ToNative(path);
        uint done;
        int status;
        fixed (byte* f = file)
            status = _api.ReadToFile((uint)session, f, (uint)count, &done);
        Check(status, nameof(ReadToFile), session);
        return (int)done;
    }

    /// <inheritdoc/>
    public override int WriteFromFile(int session, string path, int count)
    {
        var file = NativeText.ToNative(path);
        uint done;
        int status;
        fixed (byte* f = file)
            status = _api.WriteFromFile((uint)session, f, (uint)count, &done);
        Check(status, nameof(WriteFromFile), session);
        return (int)done;
    }

    /// <inheritdoc/>
    public override int GpibCommand(int session, ReadOnlySpan<byte> data)
    {
        uint count;
        int status;
        fixed (byte* p = data)
            status = _api.GpibCommand((uint)session, p, (uint)data.Length, &count);
        Check(status, nameof(GpibCommand), session);
        return (int)count;
    }

    /// <inheritdoc/>
    public override void GpibControlAtn(int session, AtnMode mode) => Check(_api.GpibControlATN((uint)session, (ushort)mode), nameof(GpibControlAtn), session);

    /// <inheritdoc/>
    public override void GpibControlRen(int session, RenMode mode) => Check(_api.GpibControlREN((uint)session, (ushort)mode), nameof(GpibControlRen), session);

    /// <inheritdoc/>
    public override void GpibPassControl(int session, int primaryAddress, int? secondaryAddress) =>
        Check(_api.GpibPassControl((uint)session, (ushort)primaryAddress, (ushort)(secondaryAddress ?? NoSecondaryAddress)), nameof(GpibPassControl), session);

    /// <inheritdoc/>
    public override void GpibSendIfc(int session) => Check(_api.GpibSendIFC((uint)session), nameof(GpibSendIfc), session);

    /// <inheritdoc/>
    public override void UsbControlOut(int session, byte requestType, byte request, ushort value, ushort index, ReadOnlySpan<byte> data)
    {
        int status;
        fixed (byte* p = data)
            status = _api.UsbControlOut((uint)session, requestType, request, value, index, (ushort)data.Length, p);
        Check(status, nameof(UsbControlOut), session);
    }

    /// <inheritdoc/>
    public override int UsbControlIn(int session, byte requestType, byte request, ushort value, ushort index, Span<byte> buffer)
    {
        ushort count;
        int status;
        fixed (byte* p = buffer)
            status = _api.UsbControlIn((uint)session, requestType, request, value, index, (ushort)Math.Min(buffer.Length, ushort.MaxValue), p, &count);
        Check(status, nameof(UsbControlIn), session);
        return count;
    }

    /// <summary><c>VI_NO_SEC_ADDR</c>: the device has no secondary address.</summary>
    private const int NoSecondaryAddress = 0xFFFF;
}
