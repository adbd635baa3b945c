namespace OpenVisa;

/// <summary>A USBTMC instrument (<c>USB::vid::pid::serial::INSTR</c>).</summary>
public class UsbInstrResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal UsbInstrResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }

    /// <summary>USB vendor id (<c>VI_ATTR_MANF_ID</c>).</summary>
    public int ManufacturerId => GetAttribute<int>(VisaAttribute.ManufacturerId);

    /// <summary>USB product id (<c>VI_ATTR_MODEL_CODE</c>).</summary>
    public int ModelCode => GetAttribute<int>(VisaAttribute.ModelCode);

    /// <summary>USB serial number (<c>VI_ATTR_USB_SERIAL_NUM</c>).</summary>
    public string SerialNumber => GetAttribute<string>(VisaAttribute.UsbSerialNumber);

    /// <summary>USB interface number (<c>VI_ATTR_USB_INTFC_NUM</c>).</summary>
    public int InterfaceNumber => GetAttribute<int>(VisaAttribute.UsbInterfaceNumber);

    /// <summary>Sends a control-OUT request on the default pipe.</summary>
    public void ControlOut(byte requestType, byte request, ushort value, ushort index, ReadOnlySpan<byte> data)
    {
        var copy = data.ToArray();
        Run(nameof(ControlOut), () => Library.UsbControlOut(Session, requestType, request, value, index, copy));
    }

    /// <summary>Sends a control-IN request and returns up to <paramref name="length"/> bytes.</summary>
    public byte[] ControlIn(byte requestType, byte request, ushort value, ushort index, int length)
    {
        var buffer = new byte[length];
        var count = Run(nameof(ControlIn), () => Library.UsbControlIn(Session, requestType, request, value, index, buffer));
        return buffer[..count];
    }

    /// <summary>Sends USBTMC REN_CONTROL / GO_TO_LOCAL / LOCAL_LOCKOUT.</summary>
    public void ControlRen(RenMode mode) => Run(nameof(ControlRen), () => Library.GpibControlRen(Session, mode));
}
