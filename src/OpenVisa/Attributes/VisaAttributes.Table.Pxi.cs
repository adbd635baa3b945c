using T = OpenVisa.AttributeValueType;
using N = OpenVisa.AttributeValueNames;
using R = OpenVisa.AttributeResources;

namespace OpenVisa;

// The attribute table, part: PXI.
// Ids, types, access and defaults follow visa.h and the VISA specification (as NI-VISA and PyVISA record them).
public static partial class VisaAttributes
{
    private static AttributeInfo[] PxiAttributes() =>
    [
        For(VisaAttribute.PxiDeviceNumber, "PXI_DEV_NUM", T.UInt16, ReadOnly, Global, null, R.PxiInstr,
            "The PCI device number of the PXI device.")
            with { Minimum = 0, Maximum = 31 },
        For(VisaAttribute.PxiFunctionNumber, "PXI_FUNC_NUM", T.UInt16, ReadOnly, Global, 0, R.PxiInstr,
            "The PCI function number of the PXI device (0 except for multifunction devices).")
            with { Minimum = 0, Maximum = 7 },
        For(VisaAttribute.PxiBusNumber, "PXI_BUS_NUM", T.UInt16, ReadOnly, Global, null, R.PxiInstr,
            "The PCI bus number of the PXI device.")
            with { Minimum = 0, Maximum = 255 },
        For(VisaAttribute.PxiChassis, "PXI_CHASSIS", T.Int16, ReadOnly, Global, null, R.PxiChassis,
            "The PXI chassis number, or unknown (-1).")
            with { Minimum = 0, Maximum = 255, ValueNames = N.Unknown },
        For(VisaAttribute.PxiSlotPath, "PXI_SLOTPATH", T.String, ReadOnly, Global, null, R.PxiInstr,
            "The slot path of the PXI device (the PCI bridge path to it)."),
        For(VisaAttribute.PxiSlotLocalBusLeft, "PXI_SLOT_LBUS_LEFT", T.Int16, ReadOnly, Global, null, R.PxiInstr,
            "The slot or feature wired to the device's left local bus lines.")
            with { ValueNames = N.PxiLocalBus },
        For(VisaAttribute.PxiSlotLocalBusRight, "PXI_SLOT_LBUS_RIGHT", T.Int16, ReadOnly, Global, null, R.PxiInstr,
            "The slot or feature wired to the device's right local bus lines.")
            with { ValueNames = N.PxiLocalBus },
        For(VisaAttribute.PxiTriggerBus, "PXI_TRIG_BUS", T.Int16, ReadWrite, Local, null, R.PxiChassis,
            "The trigger bus segment of the device, or unknown (-1).")
            with { Minimum = 1, Maximum = 3, ValueNames = N.Unknown },
        For(VisaAttribute.PxiStarTriggerBus, "PXI_STAR_TRIG_BUS", T.Int16, ReadOnly, Global, null, R.PxiInstr,
            "The star trigger bus of the device, or unknown (-1).")
            with { Minimum = 1, Maximum = 3, ValueNames = N.Unknown },
        For(VisaAttribute.PxiStarTriggerLine, "PXI_STAR_TRIG_LINE", T.Int16, ReadOnly, Global, null, R.PxiInstr,
            "The PXI_STAR line wired to the device.")
            with { Minimum = 0 },
        For(VisaAttribute.PxiSourceTriggerBus, "PXI_SRC_TRIG_BUS", T.Int16, ReadWrite, Local, -1, R.PxiBackplane,
            "The trigger bus segment that qualifies the source line in viMapTrigger, or unknown (-1).")
            with { Minimum = 1, Maximum = 3, ValueNames = N.Unknown },
        For(VisaAttribute.PxiDestinationTriggerBus, "PXI_DEST_TRIG_BUS", T.Int16, ReadWrite, Local, -1, R.PxiBackplane,
            "The trigger bus segment that qualifies the destination line in viMapTrigger, or unknown (-1).")
            with { Minimum = 1, Maximum = 3, ValueNames = N.Unknown },
        For(VisaAttribute.PxiMemoryTypeBar0, "PXI_MEM_TYPE_BAR0", T.UInt16, ReadOnly, Global, null, R.PxiInstr,
            "The kind of space PCI BAR0 of the device decodes: none, memory, I/O or configuration.")
            with { ValueNames = N.PxiMemoryType, NamedValuesOnly = true },
        For(VisaAttribute.PxiMemoryTypeBar1, "PXI_MEM_TYPE_BAR1", T.UInt16, ReadOnly, Global, null, R.PxiInstr,
            "The kind of space PCI BAR1 of the device decodes: none, memory, I/O or configuration.")
            with { ValueNames = N.PxiMemoryType, NamedValuesOnly = true },
        For(VisaAttribute.PxiMemoryTypeBar2, "PXI_MEM_TYPE_BAR2", T.UInt16, ReadOnly, Global, null, R.PxiInstr,
            "The kind of space PCI BAR2 of the device decodes: none, memory, I/O or configuration.")
            with { ValueNames = N.PxiMemoryType, NamedValuesOnly = true },
        For(VisaAttribute.PxiMemoryTypeBar3, "PXI_MEM_TYPE_BAR3", T.UInt16, ReadOnly, Global, null, R.PxiInstr,
            "The kind of space PCI BAR3 of the device decodes: none, memory, I/O or configuration.")
            with { ValueNames = N.PxiMemoryType, NamedValuesOnly = true },
        For(VisaAttribute.PxiMemoryTypeBar4, "PXI_MEM_TYPE_BAR4", T.UInt16, ReadOnly, Global, null, R.PxiInstr,
            "The kind of space PCI BAR4 of the device decodes: none, memory, I/O or configuration.")
            with { ValueNames = N.PxiMemoryType, NamedValuesOnly = true },
        For(VisaAttribute.PxiMemoryTypeBar5, "PXI_MEM_TYPE_BAR5", T.UInt16, ReadOnly, Global, null, R.PxiInstr,
            "The kind of space PCI BAR5 of the device decodes: none, memory, I/O or configuration.")
            with { ValueNames = N.PxiMemoryType, NamedValuesOnly = true },
        For(VisaAttribute.PxiMemoryBase32Bar0, "PXI_MEM_BASE_BAR0_32", T.UInt32, ReadOnly, Global, null, R.PxiInstr,
            "The base address assigned to PCI BAR0 (32-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.PxiMemoryBase32Bar1, "PXI_MEM_BASE_BAR1_32", T.UInt32, ReadOnly, Global, null, R.PxiInstr,
            "The base address assigned to PCI BAR1 (32-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.PxiMemoryBase32Bar2, "PXI_MEM_BASE_BAR2_32", T.UInt32, ReadOnly, Global, null, R.PxiInstr,
            "The base address assigned to PCI BAR2 (32-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.PxiMemoryBase32Bar3, "PXI_MEM_BASE_BAR3_32", T.UInt32, ReadOnly, Global, null, R.PxiInstr,
            "The base address assigned to PCI BAR3 (32-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.PxiMemoryBase32Bar4, "PXI_MEM_BASE_BAR4_32", T.UInt32, ReadOnly, Global, null, R.PxiInstr,
            "The base address assigned to PCI BAR4 (32-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.PxiMemoryBase32Bar5, "PXI_MEM_BASE_BAR5_32", T.UInt32, ReadOnly, Global, null, R.PxiInstr,
            "The base address assigned to PCI BAR5 (32-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.PxiMemoryBase64Bar0, "PXI_MEM_BASE_BAR0_64", T.UInt64, ReadOnly, Global, null, R.PxiInstr,
            "The base address assigned to PCI BAR0 (64-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.PxiMemoryBase64Bar1, "PXI_MEM_BASE_BAR1_64", T.UInt64, ReadOnly, Global, null, R.PxiInstr,
            "The base address assigned to PCI BAR1 (64-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.PxiMemoryBase64Bar2, "PXI_MEM_BASE_BAR2_64", T.UInt64, ReadOnly, Global, null, R.PxiInstr,
            "The base address assigned to PCI BAR2 (64-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.PxiMemoryBase64Bar3, "PXI_MEM_BASE_BAR3_64", T.UInt64, ReadOnly, Global, null, R.PxiInstr,
            "The base address assigned to PCI BAR3 (64-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.PxiMemoryBase64Bar4, "PXI_MEM_BASE_BAR4_64", T.UInt64, ReadOnly, Global, null, R.PxiInstr,
            "The base address assigned to PCI BAR4 (64-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.PxiMemoryBase64Bar5, "PXI_MEM_BASE_BAR5_64", T.UInt64, ReadOnly, Global, null, R.PxiInstr,
            "The base address assigned to PCI BAR5 (64-bit).")
            with { ShowAsHex = true },
        For(VisaAttribute.PxiMemorySize32Bar0, "PXI_MEM_SIZE_BAR0_32", T.UInt32, ReadOnly, Global, null, R.PxiInstr,
            "The size of the space PCI BAR0 decodes (32-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.PxiMemorySize32Bar1, "PXI_MEM_SIZE_BAR1_32", T.UInt32, ReadOnly, Global, null, R.PxiInstr,
            "The size of the space PCI BAR1 decodes (32-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.PxiMemorySize32Bar2, "PXI_MEM_SIZE_BAR2_32", T.UInt32, ReadOnly, Global, null, R.PxiInstr,
            "The size of the space PCI BAR2 decodes (32-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.PxiMemorySize32Bar3, "PXI_MEM_SIZE_BAR3_32", T.UInt32, ReadOnly, Global, null, R.PxiInstr,
            "The size of the space PCI BAR3 decodes (32-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.PxiMemorySize32Bar4, "PXI_MEM_SIZE_BAR4_32", T.UInt32, ReadOnly, Global, null, R.PxiInstr,
            "The size of the space PCI BAR4 decodes (32-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.PxiMemorySize32Bar5, "PXI_MEM_SIZE_BAR5_32", T.UInt32, ReadOnly, Global, null, R.PxiInstr,
            "The size of the space PCI BAR5 decodes (32-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.PxiMemorySize64Bar0, "PXI_MEM_SIZE_BAR0_64", T.UInt64, ReadOnly, Global, null, R.PxiInstr,
            "The size of the space PCI BAR0 decodes (64-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.PxiMemorySize64Bar1, "PXI_MEM_SIZE_BAR1_64", T.UInt64, ReadOnly, Global, null, R.PxiInstr,
            "The size of the space PCI BAR1 decodes (64-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.PxiMemorySize64Bar2, "PXI_MEM_SIZE_BAR2_64", T.UInt64, ReadOnly, Global, null, R.PxiInstr,
            "The size of the space PCI BAR2 decodes (64-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.PxiMemorySize64Bar3, "PXI_MEM_SIZE_BAR3_64", T.UInt64, ReadOnly, Global, null, R.PxiInstr,
            "The size of the space PCI BAR3 decodes (64-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.PxiMemorySize64Bar4, "PXI_MEM_SIZE_BAR4_64", T.UInt64, ReadOnly, Global, null, R.PxiInstr,
            "The size of the space PCI BAR4 decodes (64-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.PxiMemorySize64Bar5, "PXI_MEM_SIZE_BAR5_64", T.UInt64, ReadOnly, Global, null, R.PxiInstr,
            "The size of the space PCI BAR5 decodes (64-bit).")
            with { ShowAsHex = true, Unit = "bytes" },
        For(VisaAttribute.PxiIsExpress, "PXI_IS_EXPRESS", T.Boolean, ReadOnly, Global, null, R.PxiInstr,
            "Whether the device is PXI Express rather than PXI."),
        For(VisaAttribute.PxiSlotLinkWidth, "PXI_SLOT_LWIDTH", T.Int16, ReadOnly, Global, null, R.PxiInstr,
            "The PCI Express link width of the device's slot, or not_express (-1).")
            with { Minimum = 1, ValueNames = N.PxiLinkWidth },
        For(VisaAttribute.PxiMaxLinkWidth, "PXI_MAX_LWIDTH", T.Int16, ReadOnly, Global, null, R.PxiInstr,
            "The widest PCI Express link the device supports, or not_express (-1).")
            with { Minimum = 1, ValueNames = N.PxiLinkWidth },
        For(VisaAttribute.PxiActualLinkWidth, "PXI_ACTUAL_LWIDTH", T.Int16, ReadOnly, Global, null, R.PxiInstr,
            "The PCI Express link width negotiated with the device, or not_express (-1).")
            with { Minimum = 1, ValueNames = N.PxiLinkWidth },
        For(VisaAttribute.PxiDstarBus, "PXI_DSTAR_BUS", T.Int16, ReadOnly, Global, null, R.PxiInstr,
            "The differential star (PXI_DSTAR) bus of the device, or unknown (-1).")
            with { Minimum = 0, ValueNames = N.Unknown },
        For(VisaAttribute.PxiDstarSet, "PXI_DSTAR_SET", T.Int16, ReadOnly, Global, null, R.PxiInstr,
            "The set of PXI_DSTAR lines wired to the device, or unknown (-1).")
            with { Minimum = 0, Maximum = 16, ValueNames = N.Unknown },
        For(VisaAttribute.PxiAllowWriteCombine, "PXI_ALLOW_WRITE_COMBINE", T.Boolean, ReadWrite, Local, null, R.PxiInstr,
            "Let the host combine writes to the device's prefetchable memory for speed."),
    ];
}
