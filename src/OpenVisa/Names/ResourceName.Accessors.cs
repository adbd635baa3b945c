using System.Globalization;

namespace OpenVisa;

/// <summary>Typed views of <see cref="ResourceName.Fields"/>; each is null when the name has no such field.</summary>
public sealed partial class ResourceName
{
    /// <summary>The default HiSLIP port (IVI-6.1), used when a <c>hislip</c> device name gives none.</summary>
    public const int DefaultHislipPort = 4880;

    /// <summary>The host (TCPIP, VICP, PRLGX-TCPIP), without brackets for IPv6 and without a <c>,port</c> suffix.</summary>
    public string? HostAddress => GetField(ResourceFieldNames.HostAddress);

    /// <summary>The VXI-11 or HiSLIP device name of a TCPIP INSTR name, e.g. <c>inst0</c>, <c>hislip0,4880</c>, <c>gpib0,5</c>.</summary>
    public string? LanDeviceName => GetField(ResourceFieldNames.LanDeviceName);

    /// <summary>The TCP port: of a SOCKET or PRLGX-TCPIP name, or the <c>host,port</c> / <c>host:port</c> of a TCPIP INSTR name.</summary>
    public int? Port => GetNumber(ResourceFieldNames.Port);

    /// <summary>The GPIB primary address.</summary>
    public int? PrimaryAddress => GetNumber(ResourceFieldNames.PrimaryAddress);

    /// <summary>The GPIB secondary address; null when the name has none.</summary>
    public int? SecondaryAddress => GetNumber(ResourceFieldNames.SecondaryAddress);

    /// <summary>The USB manufacturer (vendor) ID.</summary>
    public int? ManufacturerId => GetNumber(ResourceFieldNames.ManufacturerId);

    /// <summary>The USB model code (product ID), or the RSNRP product ID.</summary>
    public int? ModelCode => GetNumber(ResourceFieldNames.ModelCode);

    /// <summary>The USB or RSNRP serial number, as written.</summary>
    public string? SerialNumber => GetField(ResourceFieldNames.SerialNumber);

    /// <summary>The USB interface number (0 when omitted).</summary>
    public int? UsbInterfaceNumber => GetNumber(ResourceFieldNames.UsbInterfaceNumber);

    /// <summary>True when the LAN device name starts with <c>hislip</c> (any case), so the resource speaks HiSLIP, not VXI-11.</summary>
    public bool IsHislip => LanDeviceName?.StartsWith("hislip", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The port of a <c>hislip0,4880</c> device name; null when the name gives none (then <see cref="DefaultHislipPort"/> applies).</summary>
    public int? HislipPort
    {
        get
        {
            var device = LanDeviceName;
            var comma = device?.IndexOf(',', StringComparison.Ordinal) ?? -1;
            return IsHislip && comma >= 0 ? int.Parse(device.AsSpan(comma + 1), NumberStyles.None, CultureInfo.InvariantCulture) : null;
        }
    }

    /// <summary>The VXI logical address (VXI and GPIB-VXI INSTR and BACKPLANE).</summary>
    public int? VxiLogicalAddress => GetNumber(ResourceFieldNames.VxiLogicalAddress);

    /// <summary>The PXI bus number (the first two PXI INSTR forms).</summary>
    public int? PxiBus => GetNumber(ResourceFieldNames.PxiBus);

    /// <summary>The PXI device number (the first two PXI INSTR forms).</summary>
    public int? PxiDevice => GetNumber(ResourceFieldNames.PxiDevice);

    /// <summary>The PXI function number (PXI INSTR; 0 when omitted).</summary>
    public int? PxiFunction => GetNumber(ResourceFieldNames.PxiFunction);

    /// <summary>The PXI chassis number (<c>CHASSISn</c> form, and PXI BACKPLANE).</summary>
    public int? Chassis => GetNumber(ResourceFieldNames.Chassis);

    /// <summary>The PXI slot number (<c>SLOTm</c> form).</summary>
    public int? Slot => GetNumber(ResourceFieldNames.Slot);

    /// <summary>The serial device of a PRLGX-ASRL name.</summary>
    public string? SerialDevice => GetField(ResourceFieldNames.SerialDevice);

    /// <summary>A numeric field (decimal or <c>0x</c> hex, already validated by the parser), or null.</summary>
    private int? GetNumber(string fieldName) =>
        GetField(fieldName) is { } text && FieldParsers.TryParseInteger(text, out var value) ? value : null;
}
