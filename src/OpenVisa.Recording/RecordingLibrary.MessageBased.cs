using System.Runtime.CompilerServices;
using System.Text.Json;

namespace OpenVisa;

public sealed partial class RecordingLibrary
{
    /// <inheritdoc/>
    public override int Write(int session, ReadOnlySpan<byte> data)
    {
        var start = SessionWriter.Now();
        int count;
        try
        {
            count = Inner.Write(session, data);
        }
        catch (Exception e)
        {
            LogWrite(session, start, data, null, e);
            throw;
        }
        LogWrite(session, start, data, count, null);
        return count;
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> WriteAsync(int session, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var start = SessionWriter.Now();
        int count;
        try
        {
            count = await Inner.WriteAsync(session, data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogWrite(session, start, data.Span, null, e);
            throw;
        }
        LogWrite(session, start, data.Span, count, null);
        return count;
    }

    /// <inheritdoc/>
    public override ReadResult Read(int session, Span<byte> buffer)
    {
        var start = SessionWriter.Now();
        ReadResult result;
        try
        {
            result = Inner.Read(session, buffer);
        }
        catch (Exception e)
        {
            LogRead(session, start, buffer.Length, default, default, e);
            throw;
        }
        LogRead(session, start, buffer.Length, buffer[..result.Count], result.Status, null);
        return result;
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadResult> ReadAsync(int session, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var start = SessionWriter.Now();
        ReadResult result;
        try
        {
            result = await Inner.ReadAsync(session, buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogRead(session, start, buffer.Length, default, default, e);
            throw;
        }
        LogRead(session, start, buffer.Length, buffer.Span[..result.Count], result.Status, null);
        return result;
    }

    /// <inheritdoc/>
    public override void Clear(int session) => Run(SessionOps.Clear, session, () => Inner.Clear(session));

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask ClearAsync(int session, CancellationToken cancellationToken = default)
    {
        var start = SessionWriter.Now();
        try
        {
            await Inner.ClearAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Fail(SessionOps.Clear, session, start, e);
            throw;
        }
        Done(SessionOps.Clear, session, start);
    }

    /// <inheritdoc/>
    public override byte ReadStb(int session)
    {
        var start = SessionWriter.Now();
        byte stb;
        try
        {
            stb = Inner.ReadStb(session);
        }
        catch (Exception e)
        {
            Fail(SessionOps.ReadStb, session, start, e);
            throw;
        }
        LogStb(session, start, stb);
        return stb;
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<byte> ReadStbAsync(int session, CancellationToken cancellationToken = default)
    {
        var start = SessionWriter.Now();
        byte stb;
        try
        {
            stb = await Inner.ReadStbAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Fail(SessionOps.ReadStb, session, start, e);
            throw;
        }
        LogStb(session, start, stb);
        return stb;
    }

    /// <inheritdoc/>
    public override void AssertTrigger(int session, TriggerProtocol protocol) =>
        Run(SessionOps.Trigger, session, () => Inner.AssertTrigger(session, protocol), w => OperationArgs.Name(w, SessionFields.Protocol, protocol));

    /// <inheritdoc/>
    public override string? Lock(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey)
    {
        var start = SessionWriter.Now();
        string? key;
        try
        {
            key = Inner.Lock(session, lockType, timeout, requestedKey);
        }
        catch (Exception e)
        {
            Fail(SessionOps.Lock, session, start, e, w => LockArgs(w, lockType, timeout, requestedKey));
            throw;
        }
        LogLock(session, start, lockType, timeout, requestedKey, key);
        return key;
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<string?> LockAsync(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey, CancellationToken cancellationToken = default)
    {
        var start = SessionWriter.Now();
        string? key;
        try
        {
            key = await Inner.LockAsync(session, lockType, timeout, requestedKey, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Fail(SessionOps.Lock, session, start, e, w => LockArgs(w, lockType, timeout, requestedKey));
            throw;
        }
        LogLock(session, start, lockType, timeout, requestedKey, key);
        return key;
    }

    /// <inheritdoc/>
    public override StatusCode Unlock(int session) => RunStatus(SessionOps.Unlock, session, () => Inner.Unlock(session));

    /// <inheritdoc/>
    public override void Flush(int session, BufferOperation mask) =>
        Run(SessionOps.Flush, session, () => Inner.Flush(session, mask), w => w.WriteNumber(SessionFields.Mask, (int)mask));

    /// <inheritdoc/>
    public override void SetBuffer(int session, BufferOperation mask, int size) =>
        Run(SessionOps.SetBuffer, session, () => Inner.SetBuffer(session, mask, size), w =>
        {
            w.WriteNumber(SessionFields.Mask, (int)mask);
            w.WriteNumber(SessionFields.Size, size);
        });

    /// <inheritdoc/>
    public override void Terminate(int session, int degree, int jobId) =>
        Run(SessionOps.Terminate, session, () => Inner.Terminate(session, degree, jobId), w =>
        {
            w.WriteNumber(SessionFields.Degree, degree);
            w.WriteNumber(SessionFields.JobId, jobId);
        });

    /// <inheritdoc/>
    public override int ReadToFile(int session, string path, int count)
    {
        var start = SessionWriter.Now();
        int read;
        try
        {
            read = Inner.ReadToFile(session, path, count);
        }
        catch (Exception e)
        {
            Fail(SessionOps.ReadToFile, session, start, e, w => FileArgs(w, path, count));
            throw;
        }
        // The file's bytes go into the log too, so a replay can write the same file.
        var bytes = ReadBack(path, read);
        lock (Writer.Gate)
        {
            var w = Begin(SessionOps.ReadToFile, session, start);
            FileArgs(w, path, count);
            SessionPayload.Write(w, bytes);
            Writer.Commit();
        }
        return read;
    }

    /// <inheritdoc/>
    public override int WriteFromFile(int session, string path, int count)
    {
        var start = SessionWriter.Now();
        int written;
        try
        {
            written = Inner.WriteFromFile(session, path, count);
        }
        catch (Exception e)
        {
            Fail(SessionOps.WriteFromFile, session, start, e, w => FileArgs(w, path, count));
            throw;
        }
        var bytes = ReadBack(path, written);
        lock (Writer.Gate)
        {
            var w = Begin(SessionOps.WriteFromFile, session, start);
            FileArgs(w, path, count);
            SessionPayload.Write(w, bytes);
            w.WriteNumber(SessionFields.Count, written);
            Writer.Commit();
        }
        return written;
    }

    internal static void LockArgs(Utf8JsonWriter w, AccessMode lockType, TimeSpan timeout, string? requestedKey)
    {
        OperationArgs.Name(w, SessionFields.LockType, lockType);
        OperationArgs.Milliseconds(w, SessionFields.Timeout, timeout);
        if (requestedKey is not null)
            w.WriteString(SessionFields.RequestedKey, requestedKey);
    }

    internal static void FileArgs(Utf8JsonWriter w, string path, int count)
    {
        w.WriteString(SessionFields.Path, path);
        w.WriteNumber(SessionFields.Count, count);
    }

    private static byte[] ReadBack(string path, int count)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return bytes.Length <= count ? bytes : bytes[..count];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private void LogWrite(int session, long start, ReadOnlySpan<byte> data, int? count, Exception? error)
    {
        lock (Writer.Gate)
        {
            if (error is null)
            {
                Writer.Message(Lines(session).Write, start, SessionWriter.Now(), -1, data, null, count ?? -1);
                return;
            }
            var w = Begin(SessionOps.Write, session, start);
            SessionPayload.Write(w, data);
            if (count is { } n)
                w.WriteNumber(HotFields.Count, n);
            if (error is not null)
                OperationArgs.Error(w, error);
            Writer.Commit();
        }
    }

    private void LogRead(int session, long start, int max, ReadOnlySpan<byte> data, StatusCode status, Exception? error)
    {
        lock (Writer.Gate)
        {
            if (error is null)
            {
                Writer.Message(Lines(session).Read, start, SessionWriter.Now(), max, data, status, -1);
                return;
            }
            var w = Begin(SessionOps.Read, session, start);
            w.WriteNumber(HotFields.Max, max);
            if (error is null)
            {
                SessionPayload.Write(w, data);
                w.WriteString(HotFields.Status, SessionWriter.Status(status));
            }
            else
            {
                OperationArgs.Error(w, error);
            }
            Writer.Commit();
        }
    }

    private SessionLines Lines(int session) => _resources.TryGetValue(session, out var lines) ? lines : new SessionLines(session, null);

    private void LogStb(int session, long start, byte stb)
    {
        lock (Writer.Gate)
        {
            var w = Begin(SessionOps.ReadStb, session, start);
            w.WriteNumber(SessionFields.Stb, stb);
            Writer.Commit();
        }
    }

    private void LogLock(int session, long start, AccessMode lockType, TimeSpan timeout, string? requestedKey, string? key)
    {
        lock (Writer.Gate)
        {
            var w = Begin(SessionOps.Lock, session, start);
            LockArgs(w, lockType, timeout, requestedKey);
            if (key is not null)
                w.WriteString(SessionFields.Key, key);
            Writer.Commit();
        }
    }
}
