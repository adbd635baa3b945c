namespace OpenVisa;

/// <summary>A raw USB device (<c>USB::vid::pid::serial::RAW</c>): bulk reads and writes plus control transfers.</summary>
public class UsbRawResource : UsbInstrResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal UsbRawResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }
}
