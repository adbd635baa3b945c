namespace OpenVisa.Managed.Usb;

/// <summary>The attribute values a USB session starts with, read from the device's descriptors.</summary>
internal static class UsbAttributes
{
    /// <summary>Identity and interface attributes for INSTR and RAW; the pipe attributes for RAW only (VISA defines them there).</summary>
    public static IEnumerable<KeyValuePair<VisaAttribute, object>> Initial(UsbDeviceHandle device, string resourceClass)
    {
        var id = device.Device.Id;
        var usbInterface = device.Interface;
        yield return new(VisaAttribute.ManufacturerId, (ushort)id.VendorId);
        yield return new(VisaAttribute.ModelCode, (ushort)id.ProductId);
        yield return new(VisaAttribute.UsbSerialNumber, id.SerialNumber ?? "");
        yield return new(VisaAttribute.UsbInterfaceNumber, (short)usbInterface.Number);
        yield return new(VisaAttribute.UsbProtocol, (short)usbInterface.Protocol);
        yield return new(VisaAttribute.UsbMaxInterruptSize, (ushort)(usbInterface.Find(UsbTransferType.Interrupt, input: true)?.MaxPacketSize ?? 0));
        if (!resourceClass.Equals("RAW", StringComparison.OrdinalIgnoreCase))
            yield break;
        yield return new(VisaAttribute.UsbClass, (short)usbInterface.Class);
        yield return new(VisaAttribute.UsbSubclass, (short)usbInterface.SubClass);
        yield return new(VisaAttribute.UsbAlternateSetting, (short)usbInterface.AlternateSetting);
        yield return new(VisaAttribute.UsbInterfaceCount, (short)device.Device.Interfaces.Count);
        yield return new(VisaAttribute.UsbPipeCount, (short)usbInterface.Endpoints.Count);
        yield return new(VisaAttribute.UsbBulkOutPipe, Pipe(usbInterface.Find(UsbTransferType.Bulk, input: false)));
        yield return new(VisaAttribute.UsbBulkInPipe, Pipe(usbInterface.Find(UsbTransferType.Bulk, input: true)));
        yield return new(VisaAttribute.UsbInterruptInPipe, Pipe(usbInterface.Find(UsbTransferType.Interrupt, input: true)));
        yield return new(VisaAttribute.UsbBulkOutStatus, (short)0);
        yield return new(VisaAttribute.UsbBulkInStatus, (short)0);
        yield return new(VisaAttribute.UsbInterruptInStatus, (short)0);
    }

    /// <summary>An endpoint address as the pipe attributes hold it; -1 for none.</summary>
    private static short Pipe(UsbEndpointInfo? endpoint) => endpoint is { } e ? e.Address : (short)-1;
}
