using Microsoft.Extensions.Logging;

namespace OpenVisa;

/// <summary>
/// Never a late reply for the wrong query: after a timed-out or cancelled exchange the next write first brings the reply
/// stream back in step (see <see cref="StaleReplyPolicy"/>). Reading a whole message meanwhile (the caller waiting longer
/// for the late reply) also puts it back in step.
/// </summary>
public partial class MessageBasedResource
{
    /// <summary>A reply of <c>*OPC?</c>, as instruments write it.</summary>
    private static readonly string[] OperationCompleteReplies = ["1", "+1"];

    /// <summary>How many replies a resynchronization skips before it gives up: more than any instrument leaves behind.</summary>
    private const int MaxRepliesSkipped = 16;

    /// <summary>Set when an exchange timed out or was cancelled, so a reply to it may still come.</summary>
    private volatile bool _outOfStep;

    /// <summary>Set by a write, cleared by reading a whole message: a read cut short while it is set may leave a reply behind.</summary>
    private bool _replyMayBeOwed;

    /// <summary>Markers (<c>*OPC?</c>) sent by a resynchronization that failed, whose <c>1</c> may still come.</summary>
    private int _markersOwed;

    /// <summary>What the next write does after a timed-out or cancelled exchange; <see cref="StaleReplyPolicy.Resynchronize"/> by default.</summary>
    public StaleReplyPolicy StaleReplies { get; set; } = StaleReplyPolicy.Resynchronize;

    /// <summary>True after a timed-out or cancelled exchange until the reply stream is known to be in step again.</summary>
    public bool MayHaveLateReply => _outOfStep;

    private protected override void OnDeviceCleared()
    {
        _outOfStep = false;
        _replyMayBeOwed = false;
        _markersOwed = 0;
    }

    /// <summary>
    /// Marks the stream out of step when <paramref name="status"/> says an exchange was cut short: any write (part of it
    /// may have reached the instrument), a read only after a write (a read with nothing asked leaves nothing behind).
    /// </summary>
    private void NoteInterrupted(StatusCode status, bool reading)
    {
        if (status is StatusCode.ErrorTimeout or StatusCode.ErrorAbort)
            NoteCutShort(reading);
    }

    private void NoteCutShort(bool reading)
    {
        if (!reading || _replyMayBeOwed)
            _outOfStep = true;
    }

    private void NoteWritten() => _replyMayBeOwed = true;

    private void NoteRead(in ReadResult result)
    {
        if (!result.IsMessageComplete)
            return;
        _replyMayBeOwed = false;
        // The 1 of a marker a failed resynchronization sent may still come: only the next one can skip it.
        if (_markersOwed == 0)
            _outOfStep = false;
    }

    private bool NeedsResynchronizing(out StaleReplyPolicy policy)
    {
        policy = StaleReplies;
        _outOfStep = false;
        return policy != StaleReplyPolicy.Ignore && Library.MayDeliverLateReply(Session);
    }

    /// <summary>Runs before a write while out of step; the caller holds the I/O lock.</summary>
    private void ResynchronizeUnlocked()
    {
        if (!NeedsResynchronizing(out var policy))
            return;
        if (policy == StaleReplyPolicy.DiscardArrived)
        {
            DiscardArrived();
            return;
        }
        var resync = new Resynchronization(this);
        try
        {
            WriteUnlocked("*OPC?", null);
            resync.MarkerSent();
            while (!resync.IsDone)
                resync.Take(ReadStringUnlocked());
            if (resync.MayHaveTakenTheLateReplyForAMarker)
            {
                // The "1" may have been the late reply, with the marker's still to come: an *IDN? tells them apart.
                WriteUnlocked("*IDN?", null);
                if (IsOperationComplete(ReadStringUnlocked()))
                    ReadStringUnlocked();
            }
            resync.Finish();
        }
        catch (VisaException e)
        {
            throw resync.Failed(e);
        }
    }

    /// <summary>The asynchronous <see cref="ResynchronizeUnlocked"/>.</summary>
    private async ValueTask ResynchronizeUnlockedAsync(CancellationToken cancellationToken)
    {
        if (!NeedsResynchronizing(out var policy))
            return;
        if (policy == StaleReplyPolicy.DiscardArrived)
        {
            DiscardArrived();
            return;
        }
        var resync = new Resynchronization(this);
        try
        {
            await WriteUnlockedAsync("*OPC?", null, cancellationToken).ConfigureAwait(false);
            resync.MarkerSent();
            while (!resync.IsDone)
                resync.Take(await ReadStringUnlockedAsync(cancellationToken).ConfigureAwait(false));
            if (resync.MayHaveTakenTheLateReplyForAMarker)
            {
                await WriteUnlockedAsync("*IDN?", null, cancellationToken).ConfigureAwait(false);
                if (IsOperationComplete(await ReadStringUnlockedAsync(cancellationToken).ConfigureAwait(false)))
                    await ReadStringUnlockedAsync(cancellationToken).ConfigureAwait(false);
            }
            resync.Finish();
        }
        catch (VisaException e)
        {
            throw resync.Failed(e);
        }
    }

    private void DiscardArrived()
    {
        try
        {
            Library.Flush(Session, BufferOperation.ReadBuffer | BufferOperation.DiscardReadBuffer);
        }
        catch (VisaException e) when (e.Status == StatusCode.ErrorNonsupportedOperation)
        {
            // Nothing buffered on this side to discard (the backend reads on demand).
        }
    }

    private static bool IsOperationComplete(string reply) => Array.IndexOf(OperationCompleteReplies, reply.Trim()) >= 0;

    /// <summary>
    /// One pass of <see cref="StaleReplyPolicy.Resynchronize"/>: counts the markers still owed (a failed pass leaves its
    /// own <c>*OPC?</c> unanswered, and the next pass must skip that <c>1</c> too) and the other replies skipped.
    /// </summary>
    private sealed class Resynchronization(MessageBasedResource resource)
    {
        private int _markersOwed = resource._markersOwed;
        private int _otherReplies;

        public bool IsDone => _markersOwed == 0;

        /// <summary>No reply but <c>1</c>s came, so one of them may have been the timed-out query's own answer.</summary>
        public bool MayHaveTakenTheLateReplyForAMarker => _otherReplies == 0;

        public void MarkerSent() => _markersOwed++;

        public void Take(string reply)
        {
            if (IsOperationComplete(reply))
            {
                _markersOwed--;
                return;
            }
            if (++_otherReplies <= MaxRepliesSkipped)
                return;
            throw new VisaException(StatusCode.ErrorIO,
                $"{MaxRepliesSkipped} replies came and none was its 1; clear the device (Clear()) if it is streaming data", "Write", resource.ResourceName);
        }

        public void Finish()
        {
            resource._markersOwed = 0;
            if (resource.Library.Logger.IsEnabled(LogLevel.Warning))
            {
                resource.Library.Logger.LogWarning("{Resource}: after a timed-out exchange, {Skipped} late replies were discarded before the next write",
                    resource.ResourceName, _otherReplies);
            }
        }

        public VisaException Failed(VisaException cause)
        {
            resource._markersOwed = _markersOwed;
            resource._outOfStep = true;
            return new VisaException(cause.Status,
                "The previous exchange timed out, so before this write OpenVisa sent *OPC? to skip the late reply it may still send, " +
                $"and that failed ({cause.Detail ?? cause.Status.ToString()}). Nothing of this write was sent. If the instrument is busy, try again later or clear it (Clear()); " +
                "if it does not understand IEEE 488.2 common commands, set StaleReplies to StaleReplyPolicy.DiscardArrived or Ignore.",
                "Write", resource.ResourceName, cause);
        }
    }
}
