using System.Globalization;

namespace OpenVisa.Managed.Gpib;

/// <summary>A GPIB device address: primary 0 to 30 and an optional secondary 0 to 30 (sent on the bus as 96 to 126).</summary>
/// <param name="Primary">The primary address.</param>
/// <param name="Secondary">The secondary address, 0 to 30, or null when the device has none.</param>
internal readonly record struct GpibAddress(int Primary, int? Secondary)
{
    /// <summary>The address of a <c>GPIBn::pad[::sad]::INSTR</c> name; VISA writes secondary addresses as 96 to 126 or 0 to 30.</summary>
    public static GpibAddress From(ResourceName name)
    {
        var secondary = name.SecondaryAddress;
        return new GpibAddress(name.PrimaryAddress ?? 0, secondary is >= 96 ? secondary - 96 : secondary);
    }

    /// <summary><c>5</c> or <c>5,2</c>, for messages.</summary>
    public override string ToString() =>
        Secondary is { } s ? $"{Primary.ToString(CultureInfo.InvariantCulture)},{s.ToString(CultureInfo.InvariantCulture)}" : Primary.ToString(CultureInfo.InvariantCulture);
}
