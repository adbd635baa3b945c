namespace OpenVisa;

/// <summary>
/// An item of an ASCII value list could not be read as the requested type. It derives from
/// <see cref="FormatException"/>, since it is a text-parsing failure like <c>double.Parse</c>'s, and names the item,
/// its position and the type.
/// </summary>
public sealed class AsciiValueFormatException : FormatException
{
    /// <summary>Creates the exception for item <paramref name="index"/>, whose (trimmed) text is <paramref name="item"/>.</summary>
    public AsciiValueFormatException(string message, int index, string item, Type targetType)
        : base(message)
    {
        Index = index;
        Item = item;
        TargetType = targetType;
    }

    /// <summary>Zero-based position of the bad item in the list.</summary>
    public int Index { get; }

    /// <summary>The bad item's text, without surrounding whitespace.</summary>
    public string Item { get; }

    /// <summary>The type the item was to be read as.</summary>
    public Type TargetType { get; }
}
