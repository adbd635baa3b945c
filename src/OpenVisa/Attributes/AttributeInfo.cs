namespace OpenVisa;

/// <summary>
/// Everything known about one VISA attribute: its identifier and VISA name, value type, access, scope, default,
/// where it applies, what values it accepts and what it means. <see cref="VisaAttributes"/> holds one per attribute.
/// </summary>
public sealed record AttributeInfo
{
    private const string Prefix = "VI_ATTR_";

    /// <summary>The attribute identifier.</summary>
    public required VisaAttribute Id { get; init; }

    /// <summary>The VISA name, e.g. <c>VI_ATTR_TMO_VALUE</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The VISA name without its <c>VI_ATTR_</c> prefix, e.g. <c>TMO_VALUE</c>.</summary>
    public string ShortName => Name.StartsWith(Prefix, StringComparison.Ordinal) ? Name[Prefix.Length..] : Name;

    /// <summary>The VISA data type of the value.</summary>
    public required AttributeValueType ValueType { get; init; }

    /// <summary>The CLR type of values read and written (<see cref="AttributeValueTypes.ToClrType"/> of <see cref="ValueType"/>).</summary>
    public Type ClrType => ValueType.ToClrType();

    /// <summary>Whether the attribute can be set.</summary>
    public required AttributeAccess Access { get; init; }

    /// <summary>Whether the value belongs to the session or to the resource.</summary>
    public required AttributeScope Scope { get; init; }

    /// <summary>The value a new session starts with, of type <see cref="ClrType"/>; null when the implementation supplies it.</summary>
    public object? Default { get; init; }

    /// <summary>What the attribute means.</summary>
    public required string Description { get; init; }

    /// <summary>True when the attribute applies to every kind of session (the VISA resource template).</summary>
    public bool AppliesToAllResources { get; init; }

    /// <summary>The (interface type, resource class) pairs the attribute applies to, unless <see cref="AppliesToAllResources"/>.</summary>
    public IReadOnlyList<(InterfaceType InterfaceType, string ResourceClass)> Resources { get; init; } = [];

    /// <summary>For event attributes: the event types that carry it. Empty for session attributes.</summary>
    public IReadOnlyList<EventType> Events { get; init; } = [];

    /// <summary>Resources on which a <see cref="AttributeAccess.ReadWrite"/> attribute is nevertheless read-only.</summary>
    public IReadOnlyList<(InterfaceType InterfaceType, string ResourceClass)> ReadOnlyOn { get; init; } = [];

    /// <summary>Names of special or enumerated values (e.g. parity <c>none</c>/<c>odd</c>/<c>even</c>), keyed by value.</summary>
    public IReadOnlyDictionary<long, string>? ValueNames { get; init; }

    /// <summary>True when only the values in <see cref="ValueNames"/> (or, for flags, their combinations) are valid.</summary>
    public bool NamedValuesOnly { get; init; }

    /// <summary>True when <see cref="ValueNames"/> are bits that combine (e.g. serial flow control).</summary>
    public bool IsFlags { get; init; }

    /// <summary>The smallest ordinary value; null means the smallest value of the type. Named values are valid besides.</summary>
    public long? Minimum { get; init; }

    /// <summary>The largest ordinary value; null means the largest value of the type. Named values are valid besides.</summary>
    public long? Maximum { get; init; }

    /// <summary>True when values read best in hexadecimal (identifiers, addresses, characters, bit masks).</summary>
    public bool ShowAsHex { get; init; }

    /// <summary>The unit of the value, e.g. <c>ms</c>, when it has one.</summary>
    public string? Unit { get; init; }

    /// <summary>True for attributes of event objects (<c>VI_ATTR_STATUS</c>, <c>VI_ATTR_JOB_ID</c> …) rather than sessions.</summary>
    public bool IsEventAttribute => Events.Count > 0;

    /// <summary>True when the attribute applies to sessions of <paramref name="interfaceType"/> and <paramref name="resourceClass"/>.</summary>
    public bool AppliesTo(InterfaceType interfaceType, string resourceClass)
    {
        if (AppliesToAllResources)
            return true;
        return Contains(Resources, interfaceType, resourceClass);
    }

    /// <summary>True when events of <paramref name="eventType"/> carry this attribute.</summary>
    public bool AppliesTo(EventType eventType)
    {
        foreach (var e in Events)
        {
            if (e == eventType)
                return true;
        }
        return false;
    }

    /// <summary>True when the attribute can be set on sessions of <paramref name="interfaceType"/> and <paramref name="resourceClass"/>.</summary>
    public bool IsWritableOn(InterfaceType interfaceType, string resourceClass) =>
        Access == AttributeAccess.ReadWrite && !Contains(ReadOnlyOn, interfaceType, resourceClass);

    /// <summary>Says which values are valid, e.g. <c>an integer from 5 to 8</c> or <c>one of none (0), odd (1) …</c>.</summary>
    public string DescribeValidValues() => AttributeValueConverter.DescribeValidValues(this);

    /// <summary>Names where the attribute applies, e.g. <c>ASRL INSTR, PRLGX-ASRL INTFC</c>, or the events that carry it.</summary>
    public string DescribeWhereItApplies()
    {
        if (AppliesToAllResources)
            return "every resource";
        if (IsEventAttribute)
            return string.Join(", ", Events.Select(AttributeValueNames.EventName)) + " events";
        return string.Join(", ", Resources.Select(r => $"{InterfaceNames.Display(r.InterfaceType)} {r.ResourceClass}"));
    }

    private static bool Contains(IReadOnlyList<(InterfaceType InterfaceType, string ResourceClass)> list, InterfaceType interfaceType, string resourceClass)
    {
        foreach (var (type, cls) in list)
        {
            if (type == interfaceType && string.Equals(cls, resourceClass, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
