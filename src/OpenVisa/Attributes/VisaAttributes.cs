using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OpenVisa;

/// <summary>
/// The VISA attribute table: every <see cref="VisaAttribute"/> with its <see cref="AttributeInfo"/>, lookups by id and by
/// any spelling of its name, and conversion of user values (command-line text, boxed numbers) to the attribute's type.
/// </summary>
public static partial class VisaAttributes
{
    private const AttributeAccess ReadOnly = AttributeAccess.ReadOnly;
    private const AttributeAccess ReadWrite = AttributeAccess.ReadWrite;
    private const AttributeScope Local = AttributeScope.Local;
    private const AttributeScope Global = AttributeScope.Global;

    // The table parts in VisaAttributes.Table.*.cs are methods, never field initialisers: everything is built here,
    // in this textual order, so the initialisation order does not depend on how partial files are compiled.
    private static readonly AttributeInfo[] Table = CreateTable();

    private static readonly FrozenDictionary<VisaAttribute, AttributeInfo> ById = Table.ToFrozenDictionary(i => i.Id);

    private static readonly FrozenDictionary<string, AttributeInfo> ByName = CreateNameIndex(Table);

    /// <summary>Every attribute, grouped as the VISA specification groups them.</summary>
    public static IReadOnlyList<AttributeInfo> All => Table;

    /// <summary>The info of <paramref name="attribute"/>.</summary>
    /// <exception cref="VisaException"><c>VI_ERROR_NSUP_ATTR</c> when the identifier is not in the table.</exception>
    public static AttributeInfo Info(VisaAttribute attribute) =>
        ById.TryGetValue(attribute, out var info) ? info : throw Unknown(attribute, operation: null);

    /// <summary>The info of <paramref name="attribute"/>, or false when the identifier is not in the table.</summary>
    public static bool TryGetInfo(VisaAttribute attribute, [NotNullWhen(true)] out AttributeInfo? info) =>
        ById.TryGetValue(attribute, out info);

    /// <summary>
    /// Finds an attribute by any spelling, case-insensitively: the VISA name (<c>VI_ATTR_TMO_VALUE</c>), the name without
    /// its prefix (<c>TMO_VALUE</c>), the enum name (<c>TimeoutValue</c>) or its number (<c>0x3FFF001A</c>, <c>1073676314</c>).
    /// Only attributes in the table are found.
    /// </summary>
    public static bool TryParse(string? nameOrNumber, out VisaAttribute attribute)
    {
        attribute = default;
        if (string.IsNullOrWhiteSpace(nameOrNumber))
            return false;
        var text = nameOrNumber.Trim();
        if (ByName.TryGetValue(text, out var info))
        {
            attribute = info.Id;
            return true;
        }
        if (!TryParseNumber(text, out var id) || !ById.ContainsKey((VisaAttribute)id))
            return false;
        attribute = (VisaAttribute)id;
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but an unknown name throws an error that suggests similar names.</summary>
    /// <exception cref="VisaException"><c>VI_ERROR_NSUP_ATTR</c> naming the input and the closest attribute names.</exception>
    public static VisaAttribute Parse(string nameOrNumber)
    {
        if (TryParse(nameOrNumber, out var attribute))
            return attribute;
        var text = (nameOrNumber ?? "").Trim();
        var key = text.StartsWith("VI_ATTR_", StringComparison.OrdinalIgnoreCase) ? text[8..] : text;
        var similar = key.Length < 2 ? [] : Table
            .Where(i => i.ShortName.Contains(key, StringComparison.OrdinalIgnoreCase) ||
                        i.Id.ToString().Contains(key, StringComparison.OrdinalIgnoreCase))
            .Take(5).Select(i => i.Name).ToArray();
        var hint = similar.Length > 0
            ? $" Did you mean {string.Join(", ", similar)}?"
            : " Use a VISA name such as VI_ATTR_TMO_VALUE (or TMO_VALUE, TimeoutValue, 0x3FFF001A).";
        throw new VisaException(StatusCode.ErrorNonsupportedAttribute, $"\"{text}\" is not a VISA attribute OpenVisa knows.{hint}");
    }

    /// <summary>The session attributes that apply to <paramref name="interfaceType"/> <paramref name="resourceClass"/> sessions.</summary>
    public static IEnumerable<AttributeInfo> For(InterfaceType interfaceType, string resourceClass) =>
        Table.Where(i => i.AppliesTo(interfaceType, resourceClass));

    /// <summary>The attributes events of <paramref name="eventType"/> carry.</summary>
    public static IEnumerable<AttributeInfo> For(EventType eventType) => Table.Where(i => i.AppliesTo(eventType));

    /// <summary>
    /// Converts a user value to the attribute's CLR type (<see cref="AttributeInfo.ClrType"/>): text from a command line
    /// (<c>"5000"</c>, <c>"0x0A"</c>, <c>"true"</c>, <c>"even"</c>, <c>"xon_xoff|rts_cts"</c>, <c>"\n"</c> for characters,
    /// <c>"1.0"</c> for versions), any boxed number or enum, a <see cref="TimeSpan"/> for millisecond attributes, or bytes
    /// for buffers. The value is checked against the attribute's range and named values.
    /// </summary>
    /// <exception cref="VisaException"><c>VI_ERROR_NSUP_ATTR_STATE</c> naming the attribute, the value and the valid values.</exception>
    public static object Convert(VisaAttribute attribute, object value) => AttributeValueConverter.Convert(Info(attribute), value);

    /// <summary>
    /// Formats a value for display: names for enumerated values (<c>even</c>, <c>xon_xoff|rts_cts</c>, <c>infinite</c>),
    /// hexadecimal for identifiers, addresses and characters (<c>0x0A</c>), <c>major.minor.sub</c> for versions.
    /// The result converts back with <see cref="Convert"/>.
    /// </summary>
    public static string Format(VisaAttribute attribute, object value) => AttributeValueConverter.Format(Info(attribute), value);

    /// <summary>Throws unless the attribute can be set.</summary>
    /// <exception cref="VisaException"><c>VI_ERROR_ATTR_READONLY</c> for read-only attributes.</exception>
    public static void CheckWritable(VisaAttribute attribute)
    {
        var info = Info(attribute);
        if (info.Access == AttributeAccess.ReadOnly)
            throw ReadOnlyError(info, null, null);
    }

    /// <summary>Throws unless the attribute can be set on <paramref name="interfaceType"/> <paramref name="resourceClass"/> sessions.</summary>
    /// <exception cref="VisaException"><c>VI_ERROR_ATTR_READONLY</c> when it is read-only there.</exception>
    public static void CheckWritable(VisaAttribute attribute, InterfaceType interfaceType, string resourceClass)
    {
        var info = Info(attribute);
        if (!info.IsWritableOn(interfaceType, resourceClass))
            throw ReadOnlyError(info, interfaceType, resourceClass);
    }

    internal static VisaException ReadOnlyError(AttributeInfo info, InterfaceType? interfaceType, string? resourceClass, string? resourceName = null)
    {
        var where = info.Access == AttributeAccess.ReadWrite && interfaceType is { } type
            ? $" on {InterfaceNames.Display(type)} {resourceClass} sessions"
            : "";
        return new VisaException(StatusCode.ErrorAttributeReadOnly,
            $"{info.Name} is read-only{where}: it reports {Uncapitalise(info.Description)} It can be read but not set.",
            "SetAttribute", resourceName);
    }

    internal static VisaException Unknown(VisaAttribute attribute, string? operation, string? resourceName = null) =>
        new(StatusCode.ErrorNonsupportedAttribute,
            $"0x{(uint)attribute:X8} is not a VISA attribute OpenVisa knows (see VisaAttributes.All for the list).",
            operation, resourceName);

    private static string Uncapitalise(string text) =>
        text.Length > 0 && char.IsUpper(text[0]) && (text.Length == 1 || !char.IsUpper(text[1]))
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;

    private static bool TryParseNumber(string text, out int id)
    {
        id = 0;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (!uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
                return false;
            id = unchecked((int)hex);
            return true;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ||
            number < int.MinValue || number > uint.MaxValue)
            return false;
        id = unchecked((int)number);
        return true;
    }

    private static AttributeInfo[] CreateTable()
    {
        AttributeInfo[][] parts =
        [
            TemplateAttributes(), MessageBasedAttributes(), IdentityAttributes(), TcpipAttributes(), GpibAttributes(),
            SerialAttributes(), UsbAttributes(), VxiAttributes(), PxiAttributes(), EventsAttributes(),
        ];
        var table = parts.SelectMany(p => p).Select(WithTypedDefault).ToArray();
        var duplicate = table.GroupBy(i => i.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"The attribute table lists {duplicate.Key} {duplicate.Count()} times.");
        return table;
    }

    // Table entries give defaults as plain literals (an int for a ViUInt16 …); store them as the attribute's CLR type,
    // checked against its range, so a wrong default fails loudly when the table is built.
    private static AttributeInfo WithTypedDefault(AttributeInfo info) =>
        info.Default is null ? info : info with { Default = AttributeValueConverter.Convert(info, info.Default) };

    private static FrozenDictionary<string, AttributeInfo> CreateNameIndex(AttributeInfo[] table)
    {
        var index = new Dictionary<string, AttributeInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var info in table)
        {
            foreach (var name in new[] { info.Name, info.ShortName, info.Id.ToString() })
            {
                if (index.TryGetValue(name, out var other) && other.Id != info.Id)
                    throw new InvalidOperationException($"The attribute name \"{name}\" would mean both {other.Name} and {info.Name}.");
                index[name] = info;
            }
        }
        return index.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static AttributeInfo For(VisaAttribute id, string shortName, AttributeValueType type, AttributeAccess access,
        AttributeScope scope, object? defaultValue, (InterfaceType, string)[] resources, string description) =>
        new()
        {
            Id = id, Name = "VI_ATTR_" + shortName, ValueType = type, Access = access, Scope = scope,
            Default = defaultValue, Resources = resources, Description = description,
        };

    private static AttributeInfo ForAll(VisaAttribute id, string shortName, AttributeValueType type, AttributeAccess access,
        AttributeScope scope, object? defaultValue, string description) =>
        new()
        {
            Id = id, Name = "VI_ATTR_" + shortName, ValueType = type, Access = access, Scope = scope,
            Default = defaultValue, AppliesToAllResources = true, Description = description,
        };

    // Event attributes are read-only and belong to the event object.
    private static AttributeInfo ForEvents(VisaAttribute id, string shortName, AttributeValueType type, EventType[] events, string description) =>
        new()
        {
            Id = id, Name = "VI_ATTR_" + shortName, ValueType = type, Access = ReadOnly, Scope = Local,
            Events = events, Description = description,
        };
}
