using T = OpenVisa.AttributeValueType;
using N = OpenVisa.AttributeValueNames;
using R = OpenVisa.AttributeResources;

namespace OpenVisa;

// The attribute table, part: GPIB.
// Ids, types, access and defaults follow visa.h and the VISA specification (as NI-VISA and PyVISA record them).
public static partial class VisaAttributes
{
    private static AttributeInfo[] GpibAttributes() =>
    [
        For(VisaAttribute.GpibReaddressEnabled, "GPIB_READDR_EN", T.Boolean, ReadWrite, Local, true, R.GpibInstr,
            "Address the device before every read and write, even when it is already addressed."),
        For(VisaAttribute.GpibAtnState, "GPIB_ATN_STATE", T.Int16, ReadOnly, Global, null, R.GpibInterface,
            "The state of the GPIB ATN (attention) line.")
            with { ValueNames = N.LineState, NamedValuesOnly = true },
        For(VisaAttribute.GpibAddressState, "GPIB_ADDR_STATE", T.Int16, ReadOnly, Global, null, R.GpibInterface,
            "Whether the GPIB interface is addressed to talk, to listen, or not at all.")
            with { ValueNames = N.GpibAddressState, NamedValuesOnly = true },
        For(VisaAttribute.GpibControllerInChargeState, "GPIB_CIC_STATE", T.Boolean, ReadOnly, Global, null, R.GpibInterface,
            "Whether the GPIB interface is controller-in-charge."),
        For(VisaAttribute.GpibNdacState, "GPIB_NDAC_STATE", T.Int16, ReadOnly, Global, null, R.GpibInterface,
            "The state of the GPIB NDAC (not data accepted) line.")
            with { ValueNames = N.LineState, NamedValuesOnly = true },
        For(VisaAttribute.GpibSrqState, "GPIB_SRQ_STATE", T.Int16, ReadOnly, Global, null, R.GpibInterface,
            "The state of the GPIB SRQ (service request) line.")
            with { ValueNames = N.LineState, NamedValuesOnly = true },
        For(VisaAttribute.GpibSystemControllerState, "GPIB_SYS_CNTRL_STATE", T.Boolean, ReadWrite, Global, null, R.GpibInterface,
            "Whether the GPIB interface is the system controller."),
        For(VisaAttribute.GpibHs488CableLength, "GPIB_HS488_CBL_LEN", T.Int16, ReadWrite, Global, null, R.GpibInterface,
            "The total GPIB cable length in metres for HS488 timing; disabled (0) turns HS488 off.")
            with { Minimum = 1, Maximum = 15, ValueNames = N.Hs488CableLength, Unit = "m" },
        For(VisaAttribute.GpibPrimaryAddress, "GPIB_PRIMARY_ADDR", T.UInt16, ReadWrite, Global, null, R.GpibAddressed,
            "The GPIB primary address of the device (or, on an INTFC session, of the board, where it can be set).")
            with { Minimum = 0, Maximum = 30, ReadOnlyOn = R.GpibAddressReadOnly },
        For(VisaAttribute.GpibSecondaryAddress, "GPIB_SECONDARY_ADDR", T.UInt16, ReadWrite, Global, null, R.GpibAddressed,
            "The GPIB secondary address of the device (or board), or none (0xFFFF).")
            with { Minimum = 0, Maximum = 30, ValueNames = N.SecondaryAddress, ReadOnlyOn = R.GpibAddressReadOnly },
        For(VisaAttribute.GpibRenState, "GPIB_REN_STATE", T.Int16, ReadOnly, Global, null, R.Gpib,
            "The state of the GPIB REN (remote enable) line.")
            with { ValueNames = N.LineState, NamedValuesOnly = true },
        For(VisaAttribute.GpibUnaddressEnabled, "GPIB_UNADDR_EN", T.Boolean, ReadWrite, Local, false, R.GpibInstr,
            "Send UNT and UNL (unaddress) after each read and write."),
    ];
}
