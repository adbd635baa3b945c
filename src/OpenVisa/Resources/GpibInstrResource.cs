namespace OpenVisa;

/// <summary>A GPIB instrument (<c>GPIB::primary[::secondary]::INSTR</c>).</summary>
public class GpibInstrResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal GpibInstrResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }

    /// <summary>Primary address, 0 to 30 (<c>VI_ATTR_GPIB_PRIMARY_ADDR</c>).</summary>
    public int PrimaryAddress => GetAttribute<int>(VisaAttribute.GpibPrimaryAddress);

    /// <summary>Secondary address, 0 to 31, or null for none (<c>VI_ATTR_GPIB_SECONDARY_ADDR</c>, 0xFFFF = none).</summary>
    public int? SecondaryAddress => GetAttribute<int>(VisaAttribute.GpibSecondaryAddress) is var value && value == 0xFFFF ? null : value;

    /// <summary>Whether REN is asserted (<c>VI_ATTR_GPIB_REN_STATE</c>).</summary>
    public bool RemoteEnabled => GetAttribute<int>(VisaAttribute.GpibRenState) == 1;

    /// <summary>Controls remote enable and local lockout.</summary>
    public void ControlRen(RenMode mode) => Run(nameof(ControlRen), () => Library.GpibControlRen(Session, mode));
}
