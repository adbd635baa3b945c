using T = OpenVisa.AttributeValueType;
using N = OpenVisa.AttributeValueNames;
using R = OpenVisa.AttributeResources;

namespace OpenVisa;

// The attribute table, part: VXI, GPIB-VXI and memory access.
// Ids, types, access and defaults follow visa.h and the VISA specification (as NI-VISA and PyVISA record them).
public static partial class VisaAttributes
{
    private static AttributeInfo[] VxiAttributes() =>
    [
        For(VisaAttribute.FdcChannel, "FDC_CHNL", T.UInt16, ReadWrite, Local, null, R.VxiInstrOnly,
            "The VXI fast data channel (0 to 7) transfers use.")
            with { Minimum = 0, Maximum = 7 },
        For(VisaAttribute.FdcMode, "FDC_MODE", T.UInt16, ReadWrite, Local, 1, R.VxiInstrOnly,
            "The fast data channel mode: normal or stream.")
            with { ValueNames = N.FdcMode, NamedValuesOnly = true },
        For(VisaAttribute.FdcGenerateSignalEnabled, "FDC_GEN_SIGNAL_EN", T.Boolean, ReadWrite, Local, null, R.VxiInstrOnly,
            "Have fast data channel transfers generate the VXI signal."),
        For(VisaAttribute.FdcUsePair, "FDC_USE_PAIR", T.Boolean, ReadWrite, Local, false, R.VxiInstrOnly,
            "Transfer over a pair of fast data channels instead of one."),
        For(VisaAttribute.DestinationAccessPrivilege, "DEST_ACCESS_PRIV", T.UInt16, ReadWrite, Local, 0, R.VxiAccess,
            "The VXI address modifier high-level writes (viOutXX, viMoveOutXX) use.")
            with { ValueNames = N.AccessPrivilege, NamedValuesOnly = true },
        For(VisaAttribute.DestinationByteOrder, "DEST_BYTE_ORDER", T.UInt16, ReadWrite, Local, 0, R.VxiAccess,
            "The byte order high-level writes (viOutXX, viMoveOutXX) use.")
            with { ValueNames = N.ByteOrder, NamedValuesOnly = true },
        For(VisaAttribute.SourceAccessPrivilege, "SRC_ACCESS_PRIV", T.UInt16, ReadWrite, Local, 0, R.VxiAccess,
            "The VXI address modifier high-level reads (viInXX, viMoveInXX) use.")
            with { ValueNames = N.AccessPrivilege, NamedValuesOnly = true },
        For(VisaAttribute.SourceByteOrder, "SRC_BYTE_ORDER", T.UInt16, ReadWrite, Local, 0, R.VxiAccess,
            "The byte order high-level reads (viInXX, viMoveInXX) use.")
            with { ValueNames = N.ByteOrder, NamedValuesOnly = true },
        For(VisaAttribute.SourceIncrement, "SRC_INCREMENT", T.Int32, ReadWrite, Local, 1, R.Window,
            "How many elements viMoveInXX advances the source offset after each transfer: 1, or 0 to read one register (a FIFO) repeatedly.")
            with { Minimum = 0, Maximum = 1 },
        For(VisaAttribute.DestinationIncrement, "DEST_INCREMENT", T.Int32, ReadWrite, Local, 1, R.Window,
            "How many elements viMoveOutXX advances the destination offset after each transfer: 1, or 0 to write one register (a FIFO) repeatedly.")
            with { Minimum = 0, Maximum = 1 },
        For(VisaAttribute.WindowAccessPrivilege, "WIN_ACCESS_PRIV", T.UInt16, ReadWrite, Local, 0, R.VxiAccess,
            "The VXI address modifier of the mapped window (viMapAddress, viPeekXX, viPokeXX); read-only while mapped.")
            with { ValueNames = N.AccessPrivilege, NamedValuesOnly = true },
        For(VisaAttribute.WindowByteOrder, "WIN_BYTE_ORDER", T.UInt16, ReadWrite, Local, 0, R.VxiAccess,
            "The byte order of the mapped window (viPeekXX, viPokeXX); read-only while mapped.")
            with { ValueNames = N.ByteOrder, NamedValuesOnly = true },
        For(VisaAttribute.CommanderLogicalAddress, "CMDR_LA", T.Int16, ReadOnly, Global, null, R.VxiDeviceOrServant,
            "The logical address of the device's commander, or unknown (-1).")
            with { Minimum = 0, Maximum = 255, ValueNames = N.Unknown },
        For(VisaAttribute.VxiDeviceClass, "VXI_DEV_CLASS", T.UInt16, ReadOnly, Global, null, R.VxiDevice,
            "The VXI device class: memory, extended, message-based, register-based or other.")
            with { ValueNames = N.VxiDeviceClass, NamedValuesOnly = true },
        For(VisaAttribute.MainframeLogicalAddress, "MAINFRAME_LA", T.Int16, ReadOnly, Global, null, R.VxiMainframe,
            "The lowest logical address in the device's mainframe, or unknown (-1).")
            with { Minimum = 0, Maximum = 255, ValueNames = N.Unknown },
        For(VisaAttribute.VxiVmeInterruptStatus, "VXI_VME_INTR_STATUS", T.UInt16, ReadOnly, Global, null, R.VxiBackplaneOnly,
            "The VXI/VME interrupt lines asserted, bits 0–6 for lines 1–7.")
            with { ShowAsHex = true },
        For(VisaAttribute.VxiTriggerStatus, "VXI_TRIG_STATUS", T.UInt32, ReadOnly, Global, null, R.VxiBackplaneOnly,
            "The VXI trigger lines asserted, one bit per line from TTL0.")
            with { ShowAsHex = true },
        For(VisaAttribute.VxiVmeSysfailState, "VXI_VME_SYSFAIL_STATE", T.Int16, ReadOnly, Global, null, R.VxiBackplaneOnly,
            "The state of the VXI/VME SYSFAIL backplane line.")
            with { ValueNames = N.LineState, NamedValuesOnly = true },
        For(VisaAttribute.WindowBaseAddress32, "WIN_BASE_ADDR_32", T.UInt32, ReadOnly, Local, null, R.Window,
            "The bus address the window is mapped to (32-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.WindowSize32, "WIN_SIZE_32", T.UInt32, ReadOnly, Local, null, R.Window,
            "The size of the mapped window (32-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.WindowBaseAddress64, "WIN_BASE_ADDR_64", T.UInt64, ReadOnly, Local, null, R.Window,
            "The bus address the window is mapped to (64-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.WindowSize64, "WIN_SIZE_64", T.UInt64, ReadOnly, Local, null, R.Window,
            "The size of the mapped window (64-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.MemoryBase32, "MEM_BASE_32", T.UInt32, ReadOnly, Global, null, R.VxiDeviceOrServant,
            "The base address of the device's memory in its address space (32-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.WindowAccess, "WIN_ACCESS", T.UInt16, ReadOnly, Local, 1, R.Window,
            "How the window may be accessed: not mapped, through viPeek/viPoke (use_operations) or by dereferencing the address.")
            with { ValueNames = N.WindowAccess, NamedValuesOnly = true },
        For(VisaAttribute.MemoryBase64, "MEM_BASE_64", T.UInt64, ReadOnly, Global, null, R.VxiDeviceOrServant,
            "The base address of the device's memory in its address space (64-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.MemorySize64, "MEM_SIZE_64", T.UInt64, ReadOnly, Global, null, R.VxiDeviceOrServant,
            "The size of the device's memory (64-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.VxiLogicalAddress, "VXI_LA", T.Int16, ReadOnly, Global, null, R.VxiAddressed,
            "The VXI logical address of the device (of the local controller for MEMACC and SERVANT sessions).")
            with { Minimum = 0, Maximum = 511 },
        For(VisaAttribute.MemorySize32, "MEM_SIZE_32", T.UInt32, ReadOnly, Global, null, R.VxiDeviceOrServant,
            "The size of the device's memory (32-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.MemorySpace, "MEM_SPACE", T.UInt16, ReadOnly, Global, 1, R.VxiDevice,
            "The VXIbus address space of the device's memory: A16, A24, A32 or A64.")
            with { ValueNames = N.AddressSpace, NamedValuesOnly = true },
        For(VisaAttribute.Slot, "SLOT", T.Int16, ReadOnly, Global, null, R.Slotted,
            "The physical slot of the device, or unknown (-1).")
            with { Minimum = 0, Maximum = 18, ValueNames = N.Unknown },
        For(VisaAttribute.ImmediateServant, "IMMEDIATE_SERV", T.Boolean, ReadOnly, Global, null, R.VxiDevice,
            "Whether the device is an immediate servant of the controller running VISA."),
        For(VisaAttribute.InterfaceParentNumber, "INTF_PARENT_NUM", T.UInt16, ReadOnly, Global, null, R.VxiBackplane,
            "The board number of the parent interface of a VXI backplane."),
        For(VisaAttribute.VxiTriggerSupport, "VXI_TRIG_SUPPORT", T.UInt32, ReadOnly, Global, null, R.VxiMainframe,
            "The trigger lines the implementation supports, one bit per VI_TRIG_* line (TTL0–7 in bits 0–7, ECL0–5 in 8–13 …).")
            with { ShowAsHex = true },
        For(VisaAttribute.VxiTriggerLinesEnabled, "VXI_TRIG_LINES_EN", T.UInt16, ReadWrite, Global, 0x0, R.VxiInstrOnly,
            "Which TTL trigger lines are mapped, bits 0–7 for TTL0–7.")
            with { Maximum = 0xFF, ShowAsHex = true },
        For(VisaAttribute.VxiTriggerDirection, "VXI_TRIG_DIR", T.UInt16, ReadWrite, Global, 0x0, R.VxiInstrOnly,
            "The direction of each mapped TTL trigger line, bits 0–7 for TTL0–7: 1 into the frame, 0 out of it.")
            with { Maximum = 0xFF, ShowAsHex = true },
    ];
}
