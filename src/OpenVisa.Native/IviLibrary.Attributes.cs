using System.Buffers.Binary;
using System.Globalization;

namespace OpenVisa.Native;

public sealed unsafe partial class IviLibrary
{
    // viGetAttribute writes as many bytes as the attribute's C type has; strings are ViChar[256]. A larger zeroed area
    // keeps a vendor attribute of an unexpected type from writing past it.
    private const int AttributeAreaSize = 512;

    /// <summary>
    /// Reads an attribute with its C type (<c>ViBoolean</c> is 16-bit, <c>ViVersion</c> 32-bit, strings
    /// <c>ViChar[256]</c>). Attributes OpenVisa does not know (vendor ids) come back as their raw 64-bit value
    /// (<see cref="ulong"/>).
    /// </summary>
    public override object GetAttribute(int session, VisaAttribute attribute)
    {
        var area = stackalloc byte[AttributeAreaSize];
        new Span<byte>(area, AttributeAreaSize).Clear();
        Check(_api.GetAttribute((uint)session, (uint)attribute, area), nameof(GetAttribute), session);
        var bytes = new ReadOnlySpan<byte>(area, AttributeAreaSize);
        if (!VisaAttributes.TryGetInfo(attribute, out var info))
            return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return info.ValueType switch
        {
            AttributeValueType.Boolean => *(ushort*)area != 0,
            AttributeValueType.Byte => area[0],
            AttributeValueType.Int16 => *(short*)area,
            AttributeValueType.UInt16 => *(ushort*)area,
            AttributeValueType.Int32 => *(int*)area,
            AttributeValueType.UInt32 or AttributeValueType.Version => *(uint*)area,
            AttributeValueType.Int64 => *(long*)area,
            AttributeValueType.UInt64 => *(ulong*)area,
            AttributeValueType.String => NativeText.FromNative(area, VisaApi.TextBufferSize),
            _ => throw new VisaException(StatusCode.ErrorNonsupportedAttribute,
                $"{info.Name} is a {info.ValueType.VisaTypeName()} whose length the C API does not give; @ivi cannot read it.", nameof(GetAttribute), DescribeSession(session)),
        };
    }

    /// <summary>
    /// Writes an attribute as a <c>ViAttrState</c> (pointer-sized). Known attributes are converted to their type first;
    /// unknown (vendor) ids take any integer, passed through unchanged.
    /// </summary>
    public override StatusCode SetAttribute(int session, VisaAttribute attribute, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        nuint state;
        if (VisaAttributes.TryGetInfo(attribute, out var info))
        {
            var typed = VisaAttributes.Convert(attribute, value);
            state = typed switch
            {
                bool b => b ? 1u : 0u,
                byte v => v,
                short v => unchecked((nuint)(nint)v),
                ushort v => v,
                int v => unchecked((nuint)(nint)v),
                uint v => v,
                long v => unchecked((nuint)v),
                ulong v => unchecked((nuint)v),
                _ => throw new VisaException(StatusCode.ErrorNonsupportedAttribute,
                    $"{info.Name} is a {info.ValueType.VisaTypeName()}, which viSetAttribute cannot carry.", nameof(SetAttribute), DescribeSession(session)),
            };
        }
        else
        {
            state = value switch
            {
                ulong u => unchecked((nuint)u),
                IConvertible c => unchecked((nuint)c.ToInt64(CultureInfo.InvariantCulture)),
                _ => throw new VisaException(StatusCode.ErrorNonsupportedAttribute,
                    $"Attribute 0x{(uint)attribute:X8} is not one OpenVisa knows, so its value must be an integer (it is passed as a raw ViAttrState); got {value.GetType().Name}.",
                    nameof(SetAttribute), DescribeSession(session)),
            };
        }
        return Check(_api.SetAttribute((uint)session, (uint)attribute, state), nameof(SetAttribute), session);
    }
}
