namespace OpenVisa;

/// <summary>The VISA data type of an attribute's value, and the CLR type it maps to (see <see cref="AttributeValueTypes.ToClrType"/>).</summary>
public enum AttributeValueType
{
    /// <summary><c>ViBoolean</c>, as <see cref="bool"/>.</summary>
    Boolean,
    /// <summary><c>ViUInt8</c> (characters such as <c>VI_ATTR_TERMCHAR</c>), as <see cref="byte"/>.</summary>
    Byte,
    /// <summary><c>ViInt16</c>, as <see cref="short"/>.</summary>
    Int16,
    /// <summary><c>ViUInt16</c>, as <see cref="ushort"/>.</summary>
    UInt16,
    /// <summary><c>ViInt32</c> (also <c>ViStatus</c>), as <see cref="int"/>.</summary>
    Int32,
    /// <summary><c>ViUInt32</c> (also <c>ViAccessMode</c>, <c>ViEventType</c>, <c>ViJobId</c>, <c>ViSession</c>), as <see cref="uint"/>.</summary>
    UInt32,
    /// <summary><c>ViInt64</c>, as <see cref="long"/>.</summary>
    Int64,
    /// <summary><c>ViUInt64</c> (64-bit bus addresses and sizes), as <see cref="ulong"/>.</summary>
    UInt64,
    /// <summary><c>ViString</c> / <c>ViRsrc</c>, as <see cref="string"/>.</summary>
    String,
    /// <summary>
    /// <c>ViVersion</c>, as <see cref="uint"/>: major version in bits 31–20, minor in bits 19–8, sub-minor in bits 7–0
    /// (0x00100000 is 1.0.0).
    /// </summary>
    Version,
    /// <summary><c>ViBuf</c> (a block of bytes, e.g. a certificate or interrupt data), as a <see cref="byte"/> array.</summary>
    Buffer,
}

/// <summary>Helpers for <see cref="AttributeValueType"/>.</summary>
public static class AttributeValueTypes
{
    /// <summary>The CLR type values of <paramref name="type"/> have when read or written.</summary>
    public static Type ToClrType(this AttributeValueType type) => type switch
    {
        AttributeValueType.Boolean => typeof(bool),
        AttributeValueType.Byte => typeof(byte),
        AttributeValueType.Int16 => typeof(short),
        AttributeValueType.UInt16 => typeof(ushort),
        AttributeValueType.Int32 => typeof(int),
        AttributeValueType.UInt32 or AttributeValueType.Version => typeof(uint),
        AttributeValueType.Int64 => typeof(long),
        AttributeValueType.UInt64 => typeof(ulong),
        AttributeValueType.String => typeof(string),
        AttributeValueType.Buffer => typeof(byte[]),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an attribute value type."),
    };

    /// <summary>True for the integer types (including <see cref="AttributeValueType.Version"/>).</summary>
    public static bool IsInteger(this AttributeValueType type) =>
        type is not (AttributeValueType.Boolean or AttributeValueType.String or AttributeValueType.Buffer);

    /// <summary>The VISA C type name, e.g. <c>ViUInt32</c>.</summary>
    public static string VisaTypeName(this AttributeValueType type) => type switch
    {
        AttributeValueType.Boolean => "ViBoolean",
        AttributeValueType.Byte => "ViUInt8",
        AttributeValueType.Int16 => "ViInt16",
        AttributeValueType.UInt16 => "ViUInt16",
        AttributeValueType.Int32 => "ViInt32",
        AttributeValueType.UInt32 => "ViUInt32",
        AttributeValueType.Int64 => "ViInt64",
        AttributeValueType.UInt64 => "ViUInt64",
        AttributeValueType.String => "ViString",
        AttributeValueType.Version => "ViVersion",
        AttributeValueType.Buffer => "ViBuf",
        _ => type.ToString(),
    };
}
