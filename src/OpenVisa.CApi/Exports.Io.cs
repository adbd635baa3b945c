using System.Runtime.InteropServices;

namespace OpenVisa.CApi;

internal static unsafe partial class Exports
{
    private const ushort ReadBuffer = 1, WriteBuffer = 2, ReadBufferDiscard = 4, WriteBufferDiscard = 8;

    [UnmanagedCallersOnly(EntryPoint = "viRead")]
    public static int ViRead(uint vi, byte* buffer, uint count, uint* returned)
    {
        SessionObject? session = null;
        try
        {
            if (returned is not null)
                *returned = 0;
            session = HandleTable.Get<SessionObject>(vi, "viRead");
            if (buffer is null && count > 0)
                throw CStatus.NullPointer("buf", "viRead");
            var result = session.Read(buffer, (int)Math.Min(count, int.MaxValue));
            if (returned is not null)
                *returned = (uint)result.Count;
            return (int)result.Status;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viWrite")]
    public static int ViWrite(uint vi, byte* buffer, uint count, uint* returned)
    {
        SessionObject? session = null;
        try
        {
            if (returned is not null)
                *returned = 0;
            session = HandleTable.Get<SessionObject>(vi, "viWrite");
            if (buffer is null && count > 0)
                throw CStatus.NullPointer("buf", "viWrite");
            var written = session.Library.Write(session.BackendSession, new ReadOnlySpan<byte>(buffer, (int)Math.Min(count, int.MaxValue)));
            if (returned is not null)
                *returned = (uint)written;
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    /// <summary>
    /// Performs the read before returning and says so with <c>VI_SUCCESS_SYNC</c>, which VISA allows; the job id is
    /// fresh, and the data and count are in place when the call returns.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "viReadAsync")]
    public static int ViReadAsync(uint vi, byte* buffer, uint count, uint* jobId)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viReadAsync");
            if (buffer is null && count > 0)
                throw CStatus.NullPointer("buf", "viReadAsync");
            if (jobId is not null)
                *jobId = (uint)Interlocked.Increment(ref session.NextJobId);
            session.Read(buffer, (int)Math.Min(count, int.MaxValue));
            return (int)StatusCode.SuccessSynchronous;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    /// <summary>Performs the write before returning, with <c>VI_SUCCESS_SYNC</c>, as <see cref="ViReadAsync"/> does.</summary>
    [UnmanagedCallersOnly(EntryPoint = "viWriteAsync")]
    public static int ViWriteAsync(uint vi, byte* buffer, uint count, uint* jobId)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viWriteAsync");
            if (buffer is null && count > 0)
                throw CStatus.NullPointer("buf", "viWriteAsync");
            if (jobId is not null)
                *jobId = (uint)Interlocked.Increment(ref session.NextJobId);
            session.Library.Write(session.BackendSession, new ReadOnlySpan<byte>(buffer, (int)Math.Min(count, int.MaxValue)));
            return (int)StatusCode.SuccessSynchronous;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viReadToFile")]
    public static int ViReadToFile(uint vi, byte* fileName, uint count, uint* returned)
    {
        SessionObject? session = null;
        try
        {
            if (returned is not null)
                *returned = 0;
            session = HandleTable.Get<SessionObject>(vi, "viReadToFile");
            var path = CText.Read(fileName, "filename", "viReadToFile");
            var done = session.Library.ReadToFile(session.BackendSession, path, (int)Math.Min(count, int.MaxValue));
            if (returned is not null)
                *returned = (uint)done;
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viWriteFromFile")]
    public static int ViWriteFromFile(uint vi, byte* fileName, uint count, uint* returned)
    {
        SessionObject? session = null;
        try
        {
            if (returned is not null)
                *returned = 0;
            session = HandleTable.Get<SessionObject>(vi, "viWriteFromFile");
            var path = CText.Read(fileName, "filename", "viWriteFromFile");
            var done = session.Library.WriteFromFile(session.BackendSession, path, (int)Math.Min(count, int.MaxValue));
            if (returned is not null)
                *returned = (uint)done;
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    /// <summary>Reads through the formatted-I/O read buffer: what <c>viScanf</c> left first, then the device.</summary>
    [UnmanagedCallersOnly(EntryPoint = "viBufRead")]
    public static int ViBufRead(uint vi, byte* buffer, uint count, uint* returned)
    {
        SessionObject? session = null;
        try
        {
            if (returned is not null)
                *returned = 0;
            session = HandleTable.Get<SessionObject>(vi, "viBufRead");
            if (buffer is null && count > 0)
                throw CStatus.NullPointer("buf", "viBufRead");
            var wanted = (int)Math.Min(count, int.MaxValue);
            lock (session.FormattedIo)
            {
                if (session.ReadBuffer.IsEmpty && wanted > 0)
                    session.ReadBuffer.Fill(session.Library, session.BackendSession, Math.Max(wanted, session.ReadBufferSize));
                var available = session.ReadBuffer.Available;
                var n = Math.Min(wanted, available.Length);
                available[..n].CopyTo(new Span<byte>(buffer, wanted));
                session.ReadBuffer.Consume(n);
                if (returned is not null)
                    *returned = (uint)n;
                if (n < wanted || !session.ReadBuffer.IsEmpty)
                    return (int)StatusCode.SuccessMaxCountRead;
                return session.ReadBuffer.MessageEnded ? CStatus.Success : (int)StatusCode.SuccessMaxCountRead;
            }
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    /// <summary>Appends to the formatted-I/O write buffer; it is sent when full or on <c>viFlush(VI_WRITE_BUF)</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "viBufWrite")]
    public static int ViBufWrite(uint vi, byte* buffer, uint count, uint* returned)
    {
        SessionObject? session = null;
        try
        {
            if (returned is not null)
                *returned = 0;
            session = HandleTable.Get<SessionObject>(vi, "viBufWrite");
            if (buffer is null && count > 0)
                throw CStatus.NullPointer("buf", "viBufWrite");
            lock (session.FormattedIo)
            {
                session.WriteBuffer.Write(new ReadOnlySpan<byte>(buffer, (int)Math.Min(count, int.MaxValue)));
                if (session.WriteBuffer.Length >= session.WriteBufferSize)
                    session.FlushWriteBuffer();
            }
            if (returned is not null)
                *returned = count;
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viSetBuf")]
    public static int ViSetBuf(uint vi, ushort mask, uint size)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viSetBuf");
            if (size == 0 || size > 64 * 1024 * 1024)
                throw new VisaException(StatusCode.ErrorInvalidParameter, $"Buffer size {size} is outside 1 byte to 64 MiB.", "viSetBuf", session.ResourceName);
            if ((mask & ReadBuffer) != 0)
                session.ReadBufferSize = (int)size;
            if ((mask & WriteBuffer) != 0)
                session.WriteBufferSize = (int)size;
            var lowLevel = (BufferOperation)(mask & ~(ReadBuffer | WriteBuffer));
            if (lowLevel != 0)
                session.Library.SetBuffer(session.BackendSession, lowLevel, (int)size);
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viFlush")]
    public static int ViFlush(uint vi, ushort mask)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viFlush");
            lock (session.FormattedIo)
            {
                if ((mask & WriteBuffer) != 0)
                    session.FlushWriteBuffer();
                if ((mask & WriteBufferDiscard) != 0)
                    session.WriteBuffer.SetLength(0);
                if ((mask & (ReadBuffer | ReadBufferDiscard)) != 0)
                    session.ReadBuffer.Discard();
            }
            var lowLevel = (BufferOperation)(mask & ~(ReadBuffer | WriteBuffer | ReadBufferDiscard | WriteBufferDiscard));
            if (lowLevel != 0)
                session.Library.Flush(session.BackendSession, lowLevel);
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viClear")]
    public static int ViClear(uint vi)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viClear");
            lock (session.FormattedIo)
            {
                session.ReadBuffer.Discard();
                session.WriteBuffer.SetLength(0);
            }
            session.Library.Clear(session.BackendSession);
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viReadSTB")]
    public static int ViReadSTB(uint vi, ushort* status)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viReadSTB");
            if (status is null)
                throw CStatus.NullPointer("status", "viReadSTB");
            *status = session.Library.ReadStb(session.BackendSession);
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viAssertTrigger")]
    public static int ViAssertTrigger(uint vi, ushort protocol)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viAssertTrigger");
            session.Library.AssertTrigger(session.BackendSession, (TriggerProtocol)protocol);
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viLock")]
    public static int ViLock(uint vi, uint lockType, uint timeout, byte* requestedKey, byte* accessKey)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viLock");
            var mode = (AccessMode)lockType;
            if (mode is not (AccessMode.ExclusiveLock or AccessMode.SharedLock))
                throw new VisaException(StatusCode.ErrorInvalidLockType, $"Lock type {lockType} is neither VI_EXCLUSIVE_LOCK (1) nor VI_SHARED_LOCK (2).", "viLock", session.ResourceName);
            var key = session.Library.Lock(session.BackendSession, mode, VisaTimeout.FromAttribute(timeout), CText.ReadOptional(requestedKey));
            if (mode == AccessMode.SharedLock)
                CText.Write(accessKey, key ?? "");
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viUnlock")]
    public static int ViUnlock(uint vi)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viUnlock");
            return (int)session.Library.Unlock(session.BackendSession);
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    /// <summary>
    /// Aborts what the session is doing: a <c>viRead</c> blocked in another thread ends with <c>VI_ERROR_ABORT</c> (reads
    /// with a timeout up to <see cref="SessionObject.SynchronousReadTimeoutLimit"/> are not aborted: they end by their timeout).
    /// Asynchronous jobs here complete before their call returns (<c>VI_SUCCESS_SYNC</c>), so a job id names nothing
    /// still running: <c>VI_ERROR_INV_JOB_ID</c>.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "viTerminate")]
    public static int ViTerminate(uint vi, ushort degree, uint jobId)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viTerminate");
            if (jobId != 0)
                throw new VisaException(StatusCode.ErrorInvalidJobId, $"Job {jobId} is not running: libopenvisa completes asynchronous operations before returning (VI_SUCCESS_SYNC).", "viTerminate", session.ResourceName);
            session.AbortOperations();
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }
}
