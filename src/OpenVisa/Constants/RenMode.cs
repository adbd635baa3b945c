namespace OpenVisa;

/// <summary>Remote-enable and go-to-local operations (<c>viGpibControlREN</c>).</summary>
public enum RenMode
{
    /// <summary>Deassert REN.</summary>
    Deassert = 0,
    /// <summary>Assert REN.</summary>
    Assert = 1,
    /// <summary>Deassert REN and send GTL.</summary>
    DeassertGoToLocal = 2,
    /// <summary>Assert REN and address the device.</summary>
    AssertAddress = 3,
    /// <summary>Assert REN, address the device and send LLO.</summary>
    AssertLocalLockout = 4,
    /// <summary>Address the device and send LLO.</summary>
    AssertAddressLocalLockout = 5,
    /// <summary>Send GTL.</summary>
    AddressGoToLocal = 6,
}
