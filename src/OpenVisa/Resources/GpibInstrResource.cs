namespace OpenVisa;

/// <summary>A GPIB instrument (`GPIB::primary[::secondary]::INSTR`).</summary>
public class GpibInstrResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal GpibInstrResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }
}
