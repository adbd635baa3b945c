namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>The control code of AsyncRemoteLocalControl: the GPIB REN/GTL/LLO operations of <c>viGpibControlREN</c>.</summary>
public enum HislipRemoteLocalControl : byte
{
    /// <summary>Deassert REN: the device goes local and may not go remote (VI_GPIB_REN_DEASSERT).</summary>
    DisableRemote = 0,

    /// <summary>Assert REN: the device goes remote when next addressed (VI_GPIB_REN_ASSERT).</summary>
    EnableRemote = 1,

    /// <summary>Deassert REN and go to local (VI_GPIB_REN_DEASSERT_GTL).</summary>
    DisableRemoteAndGoToLocal = 2,

    /// <summary>Assert REN and go remote now (VI_GPIB_REN_ASSERT_ADDRESS).</summary>
    EnableRemoteAndGoToRemote = 3,

    /// <summary>Assert REN and lock out the front panel (VI_GPIB_REN_ASSERT_LLO).</summary>
    EnableRemoteAndLockOutLocal = 4,

    /// <summary>Assert REN, go remote and lock out the front panel (VI_GPIB_REN_ASSERT_ADDRESS_LLO).</summary>
    EnableRemoteGoToRemoteAndLockOutLocal = 5,

    /// <summary>Go to local without changing REN (VI_GPIB_REN_ADDRESS_GTL).</summary>
    GoToLocal = 6,
}
