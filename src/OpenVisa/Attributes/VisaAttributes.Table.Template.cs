using T = OpenVisa.AttributeValueType;
using N = OpenVisa.AttributeValueNames;
using R = OpenVisa.AttributeResources;

namespace OpenVisa;

// The attribute table, part: Resource template: every session.
// Ids, types, access and defaults follow visa.h and the VISA specification (as NI-VISA and PyVISA record them).
public static partial class VisaAttributes
{
    private static AttributeInfo[] TemplateAttributes() =>
    [
        ForAll(VisaAttribute.ResourceClass, "RSRC_CLASS", T.String, ReadOnly, Global, null,
            "The resource class of the session (INSTR, INTFC, SOCKET, RAW, MEMACC, BACKPLANE …)."),
        ForAll(VisaAttribute.ResourceName, "RSRC_NAME", T.String, ReadOnly, Global, null,
            "The canonical name of the resource the session is open to."),
        ForAll(VisaAttribute.ResourceImplementationVersion, "RSRC_IMPL_VERSION", T.Version, ReadOnly, Global, null,
            "The version of the implementation serving the resource, set by its vendor."),
        ForAll(VisaAttribute.ResourceLockState, "RSRC_LOCK_STATE", T.UInt32, ReadOnly, Global, 0,
            "Whether the resource is unlocked or held by an exclusive or shared lock.")
            with { ValueNames = N.LockState, NamedValuesOnly = true },
        ForAll(VisaAttribute.MaxQueueLength, "MAX_QUEUE_LENGTH", T.UInt32, ReadWrite, Local, 50,
            "How many events the session queues; events arriving while the queue is full are lost.")
            with { Minimum = 1 },
        ForAll(VisaAttribute.UserData32, "USER_DATA_32", T.UInt32, ReadWrite, Local, 0,
            "A 32-bit value the application keeps with the session; VISA never uses it."),
        ForAll(VisaAttribute.UserData64, "USER_DATA_64", T.UInt64, ReadWrite, Local, 0,
            "A 64-bit value the application keeps with the session; VISA never uses it."),
        ForAll(VisaAttribute.TimeoutValue, "TMO_VALUE", T.UInt32, ReadWrite, Local, 2000,
            "The I/O timeout in milliseconds; 0 (immediate) does not wait, 0xFFFFFFFF (infinite) waits forever.")
            with { ValueNames = N.Timeout, Unit = "ms" },
        ForAll(VisaAttribute.ResourceManagerSession, "RM_SESSION", T.UInt32, ReadOnly, Local, null,
            "The resource manager session that opened this session."),
        ForAll(VisaAttribute.InterfaceInstrumentName, "INTF_INST_NAME", T.String, ReadOnly, Global, null,
            "A human-readable description of the interface (board) the session uses."),
        ForAll(VisaAttribute.ResourceSpecVersion, "RSRC_SPEC_VERSION", T.Version, ReadOnly, Local, 0x700000,
            "The version of the VISA specification the implementation follows (OpenVisa's attribute set is VISA 7.0's)."),
        ForAll(VisaAttribute.InterfaceType, "INTF_TYPE", T.UInt16, ReadOnly, Global, null,
            "The interface type of the session (VI_INTF_GPIB, VI_INTF_TCPIP …).")
            with { ValueNames = N.InterfaceType },
        ForAll(VisaAttribute.ResourceManufacturerName, "RSRC_MANF_NAME", T.String, ReadOnly, Global, "OpenVisa",
            "The name of the vendor of the VISA implementation, for display only (not the instrument's maker)."),
        ForAll(VisaAttribute.ResourceManufacturerId, "RSRC_MANF_ID", T.UInt16, ReadOnly, Global, null,
            "The VXI manufacturer ID of the vendor of the VISA implementation.")
            with { Maximum = 0x3FFF, ShowAsHex = true },
        ForAll(VisaAttribute.InterfaceNumber, "INTF_NUM", T.UInt16, ReadOnly, Global, 0,
            "The board number of the interface the session uses."),
        For(VisaAttribute.TriggerId, "TRIG_ID", T.Int16, ReadWrite, Local, -1, R.Triggers,
            "The trigger line viAssertTrigger uses: software (-1), a TTL, ECL or star line.")
            with { ValueNames = N.TriggerId, NamedValuesOnly = true },
    ];
}
