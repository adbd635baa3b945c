namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>A HiSLIP protocol version as it travels in the upper 16 bits of Initialize and InitializeResponse: major byte, minor byte.</summary>
/// <param name="Major">The major version.</param>
/// <param name="Minor">The minor version.</param>
public readonly record struct HislipVersion(byte Major, byte Minor) : IComparable<HislipVersion>
{
    /// <summary>HiSLIP 1.0.</summary>
    public static readonly HislipVersion V1_0 = new(1, 0);

    /// <summary>HiSLIP 1.1.</summary>
    public static readonly HislipVersion V1_1 = new(1, 1);

    /// <summary>HiSLIP 2.0: descriptors, secure connection (TLS) and SASL authentication.</summary>
    public static readonly HislipVersion V2_0 = new(2, 0);

    /// <summary>The newest version this implementation speaks.</summary>
    public static readonly HislipVersion Latest = V2_0;

    /// <summary>The 16-bit wire form, major in the high byte.</summary>
    public ushort Value => (ushort)((Major << 8) | Minor);

    /// <summary>The version in VISA's <c>VI_ATTR_TCPIP_HISLIP_VERSION</c> form: major in bits 20–31, minor in bits 8–19 (1.0 is 0x00100000).</summary>
    public uint ToVisaVersion() => ((uint)Major << 20) | ((uint)Minor << 8);

    /// <summary>Reads the 16-bit wire form.</summary>
    public static HislipVersion FromValue(ushort value) => new((byte)(value >> 8), (byte)value);

    /// <summary>The older of two versions: what a client and a server agree on.</summary>
    public static HislipVersion Min(HislipVersion a, HislipVersion b) => a.CompareTo(b) <= 0 ? a : b;

    /// <inheritdoc/>
    public int CompareTo(HislipVersion other) => Value.CompareTo(other.Value);

    /// <summary>Compares versions.</summary>
    public static bool operator <(HislipVersion left, HislipVersion right) => left.CompareTo(right) < 0;

    /// <summary>Compares versions.</summary>
    public static bool operator >(HislipVersion left, HislipVersion right) => left.CompareTo(right) > 0;

    /// <summary>Compares versions.</summary>
    public static bool operator <=(HislipVersion left, HislipVersion right) => left.CompareTo(right) <= 0;

    /// <summary>Compares versions.</summary>
    public static bool operator >=(HislipVersion left, HislipVersion right) => left.CompareTo(right) >= 0;

    /// <summary>The version as <c>major.minor</c>.</summary>
    public override string ToString() => $"{Major}.{Minor}";
}
