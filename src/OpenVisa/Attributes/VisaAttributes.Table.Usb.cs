using T = OpenVisa.AttributeValueType;
using N = OpenVisa.AttributeValueNames;
using R = OpenVisa.AttributeResources;

namespace OpenVisa;

// The attribute table, part: USB INSTR and RAW.
// Ids, types, access and defaults follow visa.h and the VISA specification (as NI-VISA and PyVISA record them).
public static partial class VisaAttributes
{
    private static AttributeInfo[] UsbAttributes() =>
    [
        For(VisaAttribute.UsbSerialNumber, "USB_SERIAL_NUM", T.String, ReadOnly, Global, null, R.Usb,
            "The USB serial number of the device."),
        For(VisaAttribute.UsbInterfaceNumber, "USB_INTFC_NUM", T.Int16, ReadOnly, Global, 0, R.Usb,
            "The USB interface number the session uses.")
            with { Minimum = 0, Maximum = 254 },
        For(VisaAttribute.UsbBulkOutPipe, "USB_BULK_OUT_PIPE", T.Int16, ReadWrite, Local, null, R.UsbRaw,
            "The endpoint address of the bulk-out (or interrupt-out) pipe writes use, or none (-1).")
            with { Minimum = 0x01, Maximum = 0x0F, ValueNames = N.UsbPipe, ShowAsHex = true },
        For(VisaAttribute.UsbBulkInPipe, "USB_BULK_IN_PIPE", T.Int16, ReadWrite, Local, null, R.UsbRaw,
            "The endpoint address of the bulk-in pipe reads use, or none (-1).")
            with { Minimum = 0x81, Maximum = 0x8F, ValueNames = N.UsbPipe, ShowAsHex = true },
        For(VisaAttribute.UsbInterruptInPipe, "USB_INTR_IN_PIPE", T.Int16, ReadWrite, Local, null, R.UsbRaw,
            "The endpoint address of the interrupt-in pipe USB interrupt events come from, or none (-1).")
            with { Minimum = 0x81, Maximum = 0x8F, ValueNames = N.UsbPipe, ShowAsHex = true },
        For(VisaAttribute.UsbClass, "USB_CLASS", T.Int16, ReadOnly, Global, null, R.UsbRaw,
            "The USB class code of the interface.")
            with { Minimum = 0, Maximum = 0xFF, ShowAsHex = true },
        For(VisaAttribute.UsbSubclass, "USB_SUBCLASS", T.Int16, ReadOnly, Global, null, R.UsbRaw,
            "The USB subclass code of the interface.")
            with { Minimum = 0, Maximum = 0xFF, ShowAsHex = true },
        For(VisaAttribute.UsbProtocol, "USB_PROTOCOL", T.Int16, ReadOnly, Global, null, R.Usb,
            "The USB protocol code of the interface (USBTMC: 0 plain, 1 USB488).")
            with { Minimum = 0, Maximum = 0xFF },
        For(VisaAttribute.UsbAlternateSetting, "USB_ALT_SETTING", T.Int16, ReadWrite, Global, 0, R.UsbRaw,
            "The USB alternate setting of the interface.")
            with { Minimum = 0, Maximum = 0xFF },
        For(VisaAttribute.UsbEndIn, "USB_END_IN", T.UInt16, ReadWrite, Local, 5, R.UsbRaw,
            "How a USB RAW read ends: only on the count (none), on a short packet (short), or on a short packet or the count (short_or_count).")
            with { ValueNames = N.UsbEndIn, NamedValuesOnly = true },
        For(VisaAttribute.UsbInterfaceCount, "USB_NUM_INTFCS", T.Int16, ReadOnly, Global, null, R.UsbRaw,
            "The number of interfaces the USB device has.")
            with { Minimum = 1, Maximum = 0xFF },
        For(VisaAttribute.UsbPipeCount, "USB_NUM_PIPES", T.Int16, ReadOnly, Global, null, R.UsbRaw,
            "The number of pipes of the interface, besides the default control pipe.")
            with { Minimum = 0, Maximum = 30 },
        For(VisaAttribute.UsbBulkOutStatus, "USB_BULK_OUT_STATUS", T.Int16, ReadWrite, Local, null, R.UsbRaw,
            "Whether the bulk-out pipe is ready or stalled; set it to ready to clear a stall.")
            with { ValueNames = N.UsbPipeStatus, NamedValuesOnly = true },
        For(VisaAttribute.UsbBulkInStatus, "USB_BULK_IN_STATUS", T.Int16, ReadWrite, Local, null, R.UsbRaw,
            "Whether the bulk-in pipe is ready or stalled; set it to ready to clear a stall.")
            with { ValueNames = N.UsbPipeStatus, NamedValuesOnly = true },
        For(VisaAttribute.UsbInterruptInStatus, "USB_INTR_IN_STATUS", T.Int16, ReadWrite, Local, null, R.UsbRaw,
            "Whether the interrupt-in pipe is ready or stalled; set it to ready to clear a stall.")
            with { ValueNames = N.UsbPipeStatus, NamedValuesOnly = true },
        For(VisaAttribute.UsbMaxInterruptSize, "USB_MAX_INTR_SIZE", T.UInt16, ReadWrite, Local, null, R.Usb,
            "The most data one USB interrupt event keeps; bytes beyond it are lost.")
            with { Unit = "bytes" },
        For(VisaAttribute.UsbControlPipe, "USB_CTRL_PIPE", T.Int16, ReadWrite, Local, 0x0, R.UsbRaw,
            "The endpoint of the control pipe viUsbControlIn/Out use; 0 is the default control pipe.")
            with { Minimum = 0, Maximum = 0x0F, ShowAsHex = true },
    ];
}
