namespace OpenVisa;

/// <summary>A serial instrument (`ASRL…::INSTR`).</summary>
public class SerialResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal SerialResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }
}
