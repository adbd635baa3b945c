namespace OpenVisa.Managed.Usb;

/// <summary>What GET_CAPABILITIES says a USBTMC interface can do (USBTMC 1.0 Table 37, USB488 Table 8).</summary>
/// <param name="TermChar">The device ends a read at a TermChar when asked (device capabilities bit 0).</param>
/// <param name="ListenOnly">The interface is listen-only.</param>
/// <param name="TalkOnly">The interface is talk-only.</param>
/// <param name="Usb4882">A USB488.2 interface.</param>
/// <param name="RemoteLocal">REN_CONTROL, GO_TO_LOCAL and LOCAL_LOCKOUT are accepted.</param>
/// <param name="Trigger">The USB488 TRIGGER message is accepted.</param>
internal sealed record UsbtmcCapabilities(bool TermChar, bool ListenOnly, bool TalkOnly, bool Usb4882, bool RemoteLocal, bool Trigger)
{
    /// <summary>What a device that does not answer GET_CAPABILITIES is assumed to have: nothing optional.</summary>
    public static readonly UsbtmcCapabilities None = new(false, false, false, false, false, false);

    /// <summary>Reads the 0x18-byte reply; null when it is too short or its status is not STATUS_SUCCESS.</summary>
    public static UsbtmcCapabilities? Parse(ReadOnlySpan<byte> reply)
    {
        if (reply.Length < 16 || reply[0] != UsbtmcRequests.StatusSuccess)
            return null;
        return new UsbtmcCapabilities(
            TermChar: (reply[5] & 1) != 0,
            ListenOnly: (reply[4] & 1) != 0,
            TalkOnly: (reply[4] & 2) != 0,
            Usb4882: (reply[14] & 4) != 0,
            RemoteLocal: (reply[14] & 2) != 0,
            Trigger: (reply[14] & 1) != 0);
    }
}
