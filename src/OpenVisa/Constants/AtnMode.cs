namespace OpenVisa;

/// <summary>GPIB ATN line control (<c>viGpibControlATN</c>).</summary>
public enum AtnMode
{
    /// <summary>Deassert ATN.</summary>
    Deassert = 0,
    /// <summary>Assert ATN synchronously.</summary>
    Assert = 1,
    /// <summary>Deassert ATN and enter shadow handshake.</summary>
    DeassertHandshake = 2,
    /// <summary>Assert ATN immediately.</summary>
    AssertImmediate = 3,
}
