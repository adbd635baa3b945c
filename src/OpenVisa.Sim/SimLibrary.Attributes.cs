namespace OpenVisa.Sim;

public sealed partial class SimLibrary
{
    /// <inheritdoc/>
    public override object GetAttribute(int session, VisaAttribute attribute)
    {
        var s = Session(session, nameof(GetAttribute));
        // The lock state belongs to the resource, shared by its sessions, so it is read from the lock table.
        if (attribute == VisaAttribute.ResourceLockState && s.Attributes.AppliesTo(attribute))
            return s.Instrument.Locks.State;
        return s.Attributes.Get(attribute);
    }

    /// <inheritdoc/>
    public override StatusCode SetAttribute(int session, VisaAttribute attribute, object value)
    {
        var s = Session(session, nameof(SetAttribute));
        return s.Attributes.Set(attribute, value);
    }

    /// <summary>
    /// A simulated resource starts with its device's <c>eom</c> for the resource's interface as its terminations (LF when
    /// the device names none), so users need not repeat them.
    /// </summary>
    public override MessageTerminations DefaultTerminations(int session, ResourceInfo info)
    {
        var s = Session(session, nameof(DefaultTerminations));
        var read = System.Text.Encoding.Latin1.GetString(s.Entry.Eom.Reply);
        var write = System.Text.Encoding.Latin1.GetString(s.Entry.Eom.Query);
        // A read termination whose last character also appears earlier would end reads too soon; END still ends them.
        var usable = read.Length > 0 && read.IndexOf(read[^1], StringComparison.Ordinal) == read.Length - 1;
        return new MessageTerminations(usable ? read : null, write);
    }
}
