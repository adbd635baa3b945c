namespace OpenVisa;

/// <summary>A USBTMC instrument (`USB::vid::pid::serial::INSTR`).</summary>
public class UsbInstrResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal UsbInstrResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }
}
