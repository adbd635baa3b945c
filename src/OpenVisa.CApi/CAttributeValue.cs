namespace OpenVisa.CApi;

/// <summary>Attribute values between the C API's widths and OpenVisa's CLR types, by the attribute table's value type.</summary>
internal static unsafe class CAttributeValue
{
    /// <summary>Writes <paramref name="value"/> at <paramref name="destination"/> with the attribute's C type.</summary>
    public static void Write(AttributeInfo info, void* destination, object value)
    {
        var typed = value.GetType() == info.ClrType ? value : VisaAttributes.Convert(info.Id, value);
        switch (info.ValueType)
        {
            case AttributeValueType.Boolean:
                *(ushort*)destination = (bool)typed ? (ushort)1 : (ushort)0;
                break;
            case AttributeValueType.Byte:
                *(byte*)destination = (byte)typed;
                break;
            case AttributeValueType.Int16:
                *(short*)destination = (short)typed;
                break;
            case AttributeValueType.UInt16:
                *(ushort*)destination = (ushort)typed;
                break;
            case AttributeValueType.Int32:
                *(int*)destination = (int)typed;
                break;
            case AttributeValueType.UInt32:
            case AttributeValueType.Version:
                *(uint*)destination = (uint)typed;
                break;
            case AttributeValueType.Int64:
                *(long*)destination = (long)typed;
                break;
            case AttributeValueType.UInt64:
                *(ulong*)destination = (ulong)typed;
                break;
            case AttributeValueType.String:
                CText.Write((byte*)destination, (string)typed);
                break;
            default:
                throw new VisaException(StatusCode.ErrorNonsupportedAttribute, $"{info.Name} is a {info.ValueType.VisaTypeName()}, which libopenvisa cannot return through viGetAttribute.", "viGetAttribute");
        }
    }

    /// <summary>The CLR value of a <c>ViAttrState</c> given to <c>viSetAttribute</c>, cut to the attribute's width.</summary>
    public static object FromState(AttributeInfo info, nuint state) => info.ValueType switch
    {
        AttributeValueType.Boolean => state != 0,
        AttributeValueType.Byte => (byte)state,
        AttributeValueType.Int16 => (short)(ushort)state,
        AttributeValueType.UInt16 => (ushort)state,
        AttributeValueType.Int32 => (int)(uint)state,
        AttributeValueType.UInt32 or AttributeValueType.Version => (uint)state,
        AttributeValueType.Int64 => (long)(ulong)state,
        AttributeValueType.UInt64 => (ulong)state,
        _ => throw new VisaException(StatusCode.ErrorNonsupportedAttributeState,
            $"{info.Name} is a {info.ValueType.VisaTypeName()}, which viSetAttribute cannot carry in a ViAttrState.", "viSetAttribute"),
    };
}
