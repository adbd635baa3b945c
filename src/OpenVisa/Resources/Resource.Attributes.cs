using System.Globalization;

namespace OpenVisa;

public partial class Resource
{
    /// <summary>Reads an attribute converted to <typeparamref name="T"/> (numbers widen or narrow; enums take the numeric value).</summary>
    public T GetAttribute<T>(VisaAttribute attribute)
    {
        var value = GetAttribute(attribute);
        var target = typeof(T);
        if (value is T typed)
            return typed;
        if (target.IsEnum)
            return (T)Enum.ToObject(target, System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
        return (T)System.Convert.ChangeType(value, Nullable.GetUnderlyingType(target) ?? target, CultureInfo.InvariantCulture);
    }

    /// <summary>Writes an attribute from any value its type accepts (see <see cref="VisaAttributes.Convert"/>).</summary>
    public void SetAttributeValue(VisaAttribute attribute, object value) => SetAttribute(attribute, VisaAttributes.Convert(attribute, value));

    /// <summary>The lock state (<c>VI_ATTR_RSRC_LOCK_STATE</c>).</summary>
    public AccessMode LockState => GetAttribute<AccessMode>(VisaAttribute.ResourceLockState);

    /// <summary>The name of the VISA implementation serving this resource (<c>VI_ATTR_RSRC_MANF_NAME</c>).</summary>
    public string ResourceManufacturerName => GetAttribute<string>(VisaAttribute.ResourceManufacturerName);
}
