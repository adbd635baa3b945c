namespace OpenVisa;

/// <summary>A register-based resource (VXI, PXI, memory access, backplane).</summary>
public class RegisterBasedResource : Resource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal RegisterBasedResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }
}
