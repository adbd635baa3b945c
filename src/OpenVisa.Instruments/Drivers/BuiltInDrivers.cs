namespace OpenVisa.Instruments.Drivers;

/// <summary>The drivers that ship with OpenVisa.Instruments.</summary>
internal static class BuiltInDrivers
{
    public static IEnumerable<DriverInfo> All => [];
}
