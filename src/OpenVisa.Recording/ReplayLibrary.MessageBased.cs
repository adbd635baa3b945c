namespace OpenVisa;

public sealed partial class ReplayLibrary
{
    /// <inheritdoc/>
    public override int Write(int session, ReadOnlySpan<byte> data)
    {
        var entry = Run(WriteCall(session, data));
        return entry.Integer(SessionFields.Count) ?? data.Length;
    }

    /// <inheritdoc/>
    public override async ValueTask<int> WriteAsync(int session, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entry = await RunAsync(WriteCall(session, data.Span), cancellationToken).ConfigureAwait(false);
        return entry.Integer(SessionFields.Count) ?? data.Length;
    }

    /// <inheritdoc/>
    public override ReadResult Read(int session, Span<byte> buffer)
    {
        var binding = Bind(session, nameof(Read));
        var total = 0;
        while (true)
        {
            if (binding.Pending is null)
            {
                var entry = NextRead(binding, continuing: total > 0);
                if (entry is null)
                    return new ReadResult(total, StatusCode.SuccessMaxCountRead);
                Pause(entry);
                ThrowIfFailed(entry);
                Load(binding, entry);
            }
            if (Serve(binding, buffer, ref total) is { } status)
                return new ReadResult(total, status);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask<ReadResult> ReadAsync(int session, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var binding = Bind(session, nameof(Read));
        var total = 0;
        while (true)
        {
            if (binding.Pending is null)
            {
                var entry = NextRead(binding, continuing: total > 0);
                if (entry is null)
                    return new ReadResult(total, StatusCode.SuccessMaxCountRead);
                await PauseAsync(entry, cancellationToken).ConfigureAwait(false);
                ThrowIfFailed(entry);
                Load(binding, entry);
            }
            if (Serve(binding, buffer.Span, ref total) is { } status)
                return new ReadResult(total, status);
        }
    }

    /// <inheritdoc/>
    public override void Clear(int session)
    {
        var binding = Bind(session, nameof(Clear));
        Run(Call(SessionOps.Clear, binding));
        DropPending(binding);
    }

    /// <inheritdoc/>
    public override async ValueTask ClearAsync(int session, CancellationToken cancellationToken = default)
    {
        var binding = Bind(session, nameof(Clear));
        await RunAsync(Call(SessionOps.Clear, binding), cancellationToken).ConfigureAwait(false);
        DropPending(binding);
    }

    /// <inheritdoc/>
    public override byte ReadStb(int session) => Stb(Run(Call(SessionOps.ReadStb, Bind(session, nameof(ReadStb)))));

    /// <inheritdoc/>
    public override async ValueTask<byte> ReadStbAsync(int session, CancellationToken cancellationToken = default) =>
        Stb(await RunAsync(Call(SessionOps.ReadStb, Bind(session, nameof(ReadStb))), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override void AssertTrigger(int session, TriggerProtocol protocol)
    {
        var call = Call(SessionOps.Trigger, Bind(session, nameof(AssertTrigger)));
        OperationArgs.Name(call.Writer, SessionFields.Protocol, protocol);
        Run(call);
    }

    /// <inheritdoc/>
    public override string? Lock(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey) =>
        Run(LockCall(session, lockType, timeout, requestedKey)).String(SessionFields.Key);

    /// <inheritdoc/>
    public override async ValueTask<string?> LockAsync(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey, CancellationToken cancellationToken = default) =>
        (await RunAsync(LockCall(session, lockType, timeout, requestedKey), cancellationToken).ConfigureAwait(false)).String(SessionFields.Key);

    /// <inheritdoc/>
    public override StatusCode Unlock(int session) => Run(Call(SessionOps.Unlock, Bind(session, nameof(Unlock)))).Status ?? StatusCode.Success;

    /// <inheritdoc/>
    public override void Flush(int session, BufferOperation mask)
    {
        var call = Call(SessionOps.Flush, Bind(session, nameof(Flush)));
        call.Writer.WriteNumber(SessionFields.Mask, (int)mask);
        Run(call);
    }

    /// <inheritdoc/>
    public override void SetBuffer(int session, BufferOperation mask, int size)
    {
        var call = Call(SessionOps.SetBuffer, Bind(session, nameof(SetBuffer)));
        call.Writer.WriteNumber(SessionFields.Mask, (int)mask);
        call.Writer.WriteNumber(SessionFields.Size, size);
        Run(call);
    }

    /// <inheritdoc/>
    public override void Terminate(int session, int degree, int jobId)
    {
        var call = Call(SessionOps.Terminate, Bind(session, nameof(Terminate)));
        call.Writer.WriteNumber(SessionFields.Degree, degree);
        call.Writer.WriteNumber(SessionFields.JobId, jobId);
        Run(call);
    }

    /// <inheritdoc/>
    public override int ReadToFile(int session, string path, int count)
    {
        var call = Call(SessionOps.ReadToFile, Bind(session, nameof(ReadToFile)));
        RecordingLibrary.FileArgs(call.Writer, path, count);
        var data = Run(call).Data ?? [];
        File.WriteAllBytes(path, data);
        return data.Length;
    }

    /// <inheritdoc/>
    public override int WriteFromFile(int session, string path, int count)
    {
        var call = Call(SessionOps.WriteFromFile, Bind(session, nameof(WriteFromFile)));
        RecordingLibrary.FileArgs(call.Writer, path, count);
        var data = File.ReadAllBytes(path);
        SessionPayload.Write(call.Writer, data.AsSpan(0, Math.Min(count, data.Length)));
        return Run(call).Integer(SessionFields.Count) ?? Math.Min(count, data.Length);
    }

    private ReplayCall WriteCall(int session, ReadOnlySpan<byte> data)
    {
        var binding = Bind(session, nameof(Write));
        CheckNothingPending(binding, SessionOps.Write);
        var call = Call(SessionOps.Write, binding);
        SessionPayload.Write(call.Writer, data);
        return call;
    }

    private ReplayCall LockCall(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey)
    {
        var call = Call(SessionOps.Lock, Bind(session, nameof(Lock)));
        RecordingLibrary.LockArgs(call.Writer, lockType, timeout, requestedKey);
        return call;
    }

    /// <summary>
    /// The next recorded read for this session. When the program's buffer still has room after a recorded chunk that
    /// filled the recording's buffer, the reply goes on in the next recorded read, if that is next; otherwise null.
    /// </summary>
    private SessionOperation? NextRead(ReplayBinding binding, bool continuing)
    {
        var call = Call(SessionOps.Read, binding);
        if (continuing)
        {
            var next = Script.Peek(call);
            if (next is null || !next.IsSuccessfulRead)
                return null;
        }
        return Take(call);
    }

    private static void Load(ReplayBinding binding, SessionOperation entry)
    {
        binding.Pending = entry.Data ?? [];
        binding.PendingOffset = 0;
        binding.PendingStatus = entry.Status ?? StatusCode.Success;
        binding.PendingEntry = entry;
    }

    /// <summary>Copies pending reply bytes; returns the status when the read is over, null when it should go on into the next recorded chunk.</summary>
    private static StatusCode? Serve(ReplayBinding binding, Span<byte> buffer, ref int total)
    {
        var pending = binding.Pending!;
        var count = Math.Min(buffer.Length - total, pending.Length - binding.PendingOffset);
        pending.AsSpan(binding.PendingOffset, count).CopyTo(buffer[total..]);
        total += count;
        binding.PendingOffset += count;
        if (binding.PendingOffset < pending.Length)
            return StatusCode.SuccessMaxCountRead;
        var status = binding.PendingStatus;
        DropPending(binding);
        return status == StatusCode.SuccessMaxCountRead && total < buffer.Length ? null : status;
    }

    private static void DropPending(ReplayBinding binding)
    {
        binding.Pending = null;
        binding.PendingOffset = 0;
        binding.PendingEntry = null;
    }

    /// <summary>A program that writes before reading the whole recorded reply has diverged from the recording.</summary>
    private void CheckNothingPending(ReplayBinding binding, string op)
    {
        if (binding.Pending is not { } pending || binding.PendingEntry is not { } entry)
            return;
        var left = pending.Length - binding.PendingOffset;
        throw Script.Fail(new ReplayMismatchException(ReplayMismatchKind.Operation, Log.Source, entry, $"{op} {binding.Resource}",
            $"{left} byte{(left == 1 ? "" : "s")} of the recorded reply were not read yet", [entry]));
    }

    private static byte Stb(SessionOperation entry) => (byte)(entry.Integer(SessionFields.Stb) ?? 0);
}
