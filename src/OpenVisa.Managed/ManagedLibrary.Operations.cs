namespace OpenVisa.Managed;

// Level-2 operations: each finds the session and lets it do the work, so adding a protocol never touches this file.
public sealed partial class ManagedLibrary
{
    /// <inheritdoc/>
    public override ReadResult Read(int session, Span<byte> buffer)
    {
        var result = Find(session, nameof(Read)).Read(buffer);
        LastStatus = result.Status;
        return result;
    }

    /// <inheritdoc/>
    public override ValueTask<ReadResult> ReadAsync(int session, Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Find(session, nameof(Read)).ReadAsync(buffer, cancellationToken);

    /// <inheritdoc/>
    public override bool TryReadCancellable(int session, Span<byte> buffer, CancellationToken cancellationToken, out ReadResult result)
    {
        if (!Find(session, nameof(Read)).TryReadCancellable(buffer, cancellationToken, out result))
            return false;
        LastStatus = result.Status;
        return true;
    }

    /// <inheritdoc/>
    public override int Write(int session, ReadOnlySpan<byte> data)
    {
        var count = Find(session, nameof(Write)).Write(data);
        LastStatus = StatusCode.Success;
        return count;
    }

    /// <inheritdoc/>
    public override ValueTask<int> WriteAsync(int session, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        Find(session, nameof(Write)).WriteAsync(data, cancellationToken);

    /// <inheritdoc/>
    public override bool MayDeliverLateReply(int session) => Find(session, nameof(MayDeliverLateReply)).MayDeliverLateReply;

    /// <inheritdoc/>
    public override void Clear(int session) => Find(session, nameof(Clear)).Clear();

    /// <inheritdoc/>
    public override ValueTask ClearAsync(int session, CancellationToken cancellationToken = default) =>
        Find(session, nameof(Clear)).ClearAsync(cancellationToken);

    /// <inheritdoc/>
    public override byte ReadStb(int session) => Find(session, nameof(ReadStb)).ReadStb();

    /// <inheritdoc/>
    public override ValueTask<byte> ReadStbAsync(int session, CancellationToken cancellationToken = default) =>
        Find(session, nameof(ReadStb)).ReadStbAsync(cancellationToken);

    /// <inheritdoc/>
    public override void AssertTrigger(int session, TriggerProtocol protocol) => Find(session, nameof(AssertTrigger)).AssertTrigger(protocol);

    /// <inheritdoc/>
    public override string? Lock(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey)
    {
        var key = Find(session, nameof(Lock)).Lock(lockType, timeout, requestedKey, out var status);
        LastStatus = status;
        return key;
    }

    /// <inheritdoc/>
    public override ValueTask<string?> LockAsync(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey, CancellationToken cancellationToken = default) =>
        Find(session, nameof(Lock)).LockAsync(lockType, timeout, requestedKey, cancellationToken);

    /// <inheritdoc/>
    public override StatusCode Unlock(int session) => LastStatus = Find(session, nameof(Unlock)).Unlock();

    /// <inheritdoc/>
    public override void GpibControlRen(int session, RenMode mode) => Find(session, nameof(GpibControlRen)).GpibControlRen(mode);

    /// <inheritdoc/>
    public override void Flush(int session, BufferOperation mask) => Find(session, nameof(Flush)).Flush(mask);

    /// <inheritdoc/>
    public override object GetAttribute(int session, VisaAttribute attribute) => Find(session, nameof(GetAttribute)).GetAttribute(attribute);

    /// <inheritdoc/>
    public override StatusCode SetAttribute(int session, VisaAttribute attribute, object value) =>
        LastStatus = Find(session, nameof(SetAttribute)).SetAttribute(attribute, value);
}
