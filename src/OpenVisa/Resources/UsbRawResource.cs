namespace OpenVisa;

/// <summary>A raw USB device (`USB::vid::pid::serial::RAW`).</summary>
public class UsbRawResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal UsbRawResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }
}
