namespace OpenVisa;

/// <summary>A GPIB interface board (`GPIB::INTFC`).</summary>
public class GpibInterfaceResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal GpibInterfaceResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }
}
