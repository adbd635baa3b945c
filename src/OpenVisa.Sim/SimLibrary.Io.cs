using OpenVisa.Sim.Runtime;
using OpenVisa.Sim.Sessions;

namespace OpenVisa.Sim;

public sealed partial class SimLibrary
{
    /// <summary>
    /// Replies are made when their message is written, so after a timed-out read a reply can only come late while one
    /// is still queued (a profile's delay); with none queued the next write needs no resynchronizing.
    /// </summary>
    public override bool MayDeliverLateReply(int session) => Session(session, nameof(MayDeliverLateReply)).Instrument.HasQueuedReply;

    /// <inheritdoc/>
    public override bool? HasPendingReply(int session) => Session(session, nameof(HasPendingReply)).Instrument.HasQueuedReply;

    /// <inheritdoc/>
    public override int Write(int session, ReadOnlySpan<byte> data)
    {
        var s = Session(session, nameof(Write));
        s.Instrument.Locks.CheckAccess(session, nameof(Write), s.Entry.Name);
        try
        {
            if (!s.IsSerial)
                return s.Instrument.Write(data, s.Attributes.SendEndEnabled);
            var a = s.Attributes;
            var (framed, count) = SerialFraming.Frame(data, (SerialTermination)a.AsrlEndOut, s.DataBits, a.SendEndEnabled, a.TerminationCharacter);
            s.Instrument.Write(framed, end: false);
            return count;
        }
        catch (SimDeviceException e)
        {
            throw DeviceFailed(s, e, nameof(Write));
        }
    }

    /// <inheritdoc/>
    public override ReadResult Read(int session, Span<byte> buffer)
    {
        var s = Session(session, nameof(Read));
        s.Instrument.Locks.CheckAccess(session, nameof(Read), s.Entry.Name);
        return s.Instrument.Read(buffer, s.ReadOptions);
    }

    /// <inheritdoc/>
    public override ValueTask<ReadResult> ReadAsync(int session, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var s = Session(session, nameof(Read));
        s.Instrument.Locks.CheckAccess(session, nameof(Read), s.Entry.Name);
        return s.Instrument.ReadAsync(buffer, s.ReadOptions, cancellationToken);
    }

    /// <inheritdoc/>
    public override void Clear(int session)
    {
        var s = Session(session, nameof(Clear));
        s.Instrument.Locks.CheckAccess(session, nameof(Clear), s.Entry.Name);
        s.Instrument.DeviceClear();
    }

    /// <inheritdoc/>
    public override byte ReadStb(int session)
    {
        var s = Session(session, nameof(ReadStb));
        s.Instrument.Locks.CheckAccess(session, nameof(ReadStb), s.Entry.Name);
        return s.Instrument.ReadStatusByte();
    }

    /// <inheritdoc/>
    public override void AssertTrigger(int session, TriggerProtocol protocol)
    {
        var s = Session(session, nameof(AssertTrigger));
        s.Instrument.Locks.CheckAccess(session, nameof(AssertTrigger), s.Entry.Name);
        try
        {
            s.Instrument.Trigger();
        }
        catch (SimDeviceException e)
        {
            throw DeviceFailed(s, e, nameof(AssertTrigger));
        }
    }

    private static VisaException DeviceFailed(InstrumentSession s, SimDeviceException e, string operation) =>
        new(StatusCode.ErrorIO, $"The simulated {s.Instrument.Description} failed: {e.Message}", operation, s.Entry.Name, e);
}
