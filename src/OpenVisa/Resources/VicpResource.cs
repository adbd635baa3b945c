namespace OpenVisa;

/// <summary>A Teledyne LeCroy VICP instrument (`VICP::host::INSTR`).</summary>
public class VicpResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal VicpResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }
}
