namespace OpenVisa;

/// <summary>Address spaces of register-based resources (VXI, PXI).</summary>
public enum AddressSpace
{
    /// <summary>A16 (VXI/VME).</summary>
    A16 = 1,
    /// <summary>A24 (VXI/VME).</summary>
    A24 = 2,
    /// <summary>A32 (VXI/VME).</summary>
    A32 = 3,
    /// <summary>A64 (VXI/VME).</summary>
    A64 = 4,
    /// <summary>PXI configuration space.</summary>
    PxiConfig = 10,
    /// <summary>PXI BAR 0.</summary>
    PxiBar0 = 11,
    /// <summary>PXI BAR 1.</summary>
    PxiBar1 = 12,
    /// <summary>PXI BAR 2.</summary>
    PxiBar2 = 13,
    /// <summary>PXI BAR 3.</summary>
    PxiBar3 = 14,
    /// <summary>PXI BAR 4.</summary>
    PxiBar4 = 15,
    /// <summary>PXI BAR 5.</summary>
    PxiBar5 = 16,
    /// <summary>Memory allocated with <c>viMemAlloc</c>.</summary>
    Allocated = 0x3E,
}
