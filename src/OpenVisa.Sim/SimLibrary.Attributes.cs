using System.Globalization;
using OpenVisa.Sim.Sessions;

namespace OpenVisa.Sim;

public sealed partial class SimLibrary
{
    /// <inheritdoc/>
    public override object GetAttribute(int session, VisaAttribute attribute)
    {
        var s = Session(session, nameof(GetAttribute));
        return attribute switch
        {
            VisaAttribute.TimeoutValue => s.TimeoutMilliseconds,
            VisaAttribute.TerminationCharacter => s.TerminationCharacter,
            VisaAttribute.TerminationCharacterEnabled => s.TerminationCharacterEnabled,
            VisaAttribute.SendEndEnabled => s.SendEndEnabled,
            VisaAttribute.SuppressEndEnabled => s.SuppressEndEnabled,
            VisaAttribute.ResourceName => s.Entry.Name,
            VisaAttribute.ResourceClass => s.Entry.ResourceClass,
            VisaAttribute.InterfaceType => (int)s.Entry.Interface,
            VisaAttribute.InterfaceNumber => s.Entry.Board,
            VisaAttribute.ResourceLockState => s.Instrument.Locks.State,
            _ => throw new VisaException(StatusCode.ErrorNonsupportedAttribute, $"The simulator does not support {attribute}.", nameof(GetAttribute), s.Entry.Name),
        };
    }

    /// <inheritdoc/>
    public override StatusCode SetAttribute(int session, VisaAttribute attribute, object value)
    {
        var s = Session(session, nameof(SetAttribute));
        try
        {
            switch (attribute)
            {
                case VisaAttribute.TimeoutValue:
                    s.TimeoutMilliseconds = Convert.ToUInt32(value, CultureInfo.InvariantCulture);
                    return StatusCode.Success;
                case VisaAttribute.TerminationCharacter:
                    s.TerminationCharacter = value is char c ? checked((byte)c) : Convert.ToByte(value, CultureInfo.InvariantCulture);
                    return StatusCode.Success;
                case VisaAttribute.TerminationCharacterEnabled:
                    s.TerminationCharacterEnabled = Convert.ToBoolean(value, CultureInfo.InvariantCulture);
                    return StatusCode.Success;
                case VisaAttribute.SendEndEnabled:
                    s.SendEndEnabled = Convert.ToBoolean(value, CultureInfo.InvariantCulture);
                    return StatusCode.Success;
                case VisaAttribute.SuppressEndEnabled:
                    s.SuppressEndEnabled = Convert.ToBoolean(value, CultureInfo.InvariantCulture);
                    return StatusCode.Success;
                case VisaAttribute.ResourceName:
                case VisaAttribute.ResourceClass:
                case VisaAttribute.InterfaceType:
                case VisaAttribute.InterfaceNumber:
                case VisaAttribute.ResourceLockState:
                    throw new VisaException(StatusCode.ErrorAttributeReadOnly, $"{attribute} is read-only.", nameof(SetAttribute), s.Entry.Name);
                default:
                    throw new VisaException(StatusCode.ErrorNonsupportedAttribute, $"The simulator does not support {attribute}.", nameof(SetAttribute), s.Entry.Name);
            }
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new VisaException(StatusCode.ErrorNonsupportedAttributeState, $"{value} ({value?.GetType().Name ?? "null"}) is not a valid value for {attribute}: {e.Message}", nameof(SetAttribute), s.Entry.Name, e);
        }
    }
}
