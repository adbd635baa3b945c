namespace OpenVisa;

/// <summary>
/// A parsed, validated VISA resource name such as <c>TCPIP0::192.168.1.10::inst0::INSTR</c>.
/// </summary>
/// <remarks>
/// <para>
/// Names are case-insensitive throughout (interface type, class and keywords in any case). The
/// <see cref="Canonical"/> form upper-cases the interface type and class, writes the board and the defaults out
/// (<c>TCPIP::1.2.3.4</c> → <c>TCPIP0::1.2.3.4::inst0::INSTR</c>, <c>GPIB::1</c> → <c>GPIB0::1::INSTR</c>,
/// <c>USB::0x1234::125::A22-5</c> → <c>USB0::0x1234::125::A22-5::0::INSTR</c>), drops leading zeros from decimal
/// numbers and keeps every other value as the user wrote it. Two names are equal when their canonical forms are,
/// ignoring case.
/// </para>
/// <para>
/// Understood: GPIB INSTR/INTFC/SERVANT; GPIB-VXI INSTR/MEMACC/BACKPLANE; VXI INSTR/MEMACC/BACKPLANE/SERVANT;
/// PXI INSTR (all three forms)/MEMACC/BACKPLANE; TCPIP INSTR (VXI-11 and HiSLIP device names, <c>host,port</c> or
/// <c>host:port</c>, bracketed IPv6) and SOCKET; USB INSTR/RAW; ASRL INSTR (numbers and device paths); VICP INSTR;
/// PRLGX-TCPIP and PRLGX-ASRL INTFC; RSNRP INSTR; the <c>COMn</c> alias of <c>ASRLn::INSTR</c>; and remote
/// <c>visa://host[:port]/NAME</c>, whose members describe the inner name.
/// </para>
/// <para>
/// A GPIB secondary address is 0 to 31 as VISA names write it. The bus encoding 96 to 126 is refused, with a hint
/// naming the VISA value, rather than silently translated.
/// </para>
/// </remarks>
public sealed partial class ResourceName : IEquatable<ResourceName>
{
    private readonly KeyValuePair<string, string>[] _fields;

    private ResourceName(InterfaceType interfaceType, string interfaceTypeName, string board, int? boardNumber, string resourceClass,
        string canonical, KeyValuePair<string, string>[] fields, string? alias, ResourceName? inner)
    {
        InterfaceType = interfaceType;
        InterfaceTypeName = interfaceTypeName;
        Board = board;
        BoardNumber = boardNumber;
        ResourceClass = resourceClass;
        Canonical = canonical;
        _fields = fields;
        Alias = alias;
        Inner = inner;
    }

    /// <summary>The interface type; for a <c>visa://</c> name, the inner name's.</summary>
    public InterfaceType InterfaceType { get; }

    /// <summary>The interface type as the canonical name writes it, e.g. <c>TCPIP</c> or <c>PRLGX-TCPIP</c>.</summary>
    public string InterfaceTypeName { get; }

    /// <summary>
    /// The board as text: a number (<c>0</c> when omitted), a serial device (<c>/dev/ttyUSB0</c> in
    /// <c>ASRL/dev/ttyUSB0::INSTR</c>), or empty for VICP and RSNRP names written without one.
    /// </summary>
    public string Board { get; }

    /// <summary>The board number; null when the board is not a number (a serial device path) or there is none.</summary>
    public int? BoardNumber { get; }

    /// <summary>The resource class, upper case: <c>INSTR</c>, <c>SOCKET</c>, <c>INTFC</c>, <c>RAW</c>, <c>MEMACC</c>, <c>BACKPLANE</c> or <c>SERVANT</c>.</summary>
    public string ResourceClass { get; }

    /// <summary>The canonical name (see the remarks on <see cref="ResourceName"/>).</summary>
    public string Canonical { get; }

    /// <summary>The alias the name was given as, e.g. <c>COM3</c> for <c>ASRL3::INSTR</c>; null otherwise.</summary>
    public string? Alias { get; }

    /// <summary>For <c>visa://host/NAME</c>, the parsed <c>NAME</c>; null for a local name.</summary>
    public ResourceName? Inner { get; }

    /// <summary>For <c>visa://host[:port]/…</c>, the host (IPv6 without brackets); null for a local name.</summary>
    public string? RemoteHost => GetField(ResourceFieldNames.RemoteHost);

    /// <summary>For <c>visa://host:port/…</c>, the port; null when not given or for a local name.</summary>
    public int? RemotePort => GetNumber(ResourceFieldNames.RemotePort);

    /// <summary>True for a remote <c>visa://</c> name.</summary>
    public bool IsRemote => Inner is not null;

    /// <summary>
    /// The values the name holds, in name order, after defaults are filled in (see <see cref="ResourceFieldNames"/>
    /// for the names). A <c>visa://</c> name lists <c>remoteHost</c> (and <c>remotePort</c>) then the inner name's fields.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>Parses and validates <paramref name="name"/>.</summary>
    /// <exception cref="VisaException">
    /// <see cref="StatusCode.ErrorInvalidResourceName"/>, with a message that quotes the name, says which part is
    /// wrong and shows the expected syntax.
    /// </exception>
    public static ResourceName Parse(string name) => ResourceNameParser.Parse(name);

    /// <summary>Parses <paramref name="name"/>; false (and a null result) when it is not a valid resource name.</summary>
    public static bool TryParse(string? name, out ResourceName? result)
    {
        try
        {
            result = ResourceNameParser.Parse(name);
            return true;
        }
        catch (VisaException e) when (e.Status == StatusCode.ErrorInvalidResourceName)
        {
            result = null;
            return false;
        }
    }

    /// <summary>
    /// The syntax of names of <paramref name="interfaceType"/> and <paramref name="resourceClass"/> (any case), as the
    /// VISA specification writes it, e.g. <c>TCPIP[board]::host address::port::SOCKET</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The interface type has no such class.</exception>
    public static string SyntaxOf(InterfaceType interfaceType, string resourceClass)
    {
        ArgumentNullException.ThrowIfNull(resourceClass);
        var grammar = ResourceGrammar.Find(interfaceType)
            ?? throw new ArgumentException($"No resource names exist for the interface type {interfaceType}; known are {ResourceGrammar.InterfaceList}.", nameof(interfaceType));
        var found = grammar.FindClass(resourceClass)
            ?? throw new ArgumentException($"{grammar.Prefix} has no resource class '{resourceClass}'; its classes are {grammar.ClassList}.", nameof(resourceClass));
        return found.Syntax;
    }

    /// <summary>What the name says, as <c>viParseRsrcEx</c> returns it.</summary>
    public ResourceInfo ToResourceInfo() => new(InterfaceType, BoardNumber, ResourceClass, Canonical, Alias);

    /// <summary>The value of the field <paramref name="fieldName"/> (see <see cref="ResourceFieldNames"/>), or null when the name has none.</summary>
    public string? GetField(string fieldName)
    {
        foreach (var field in _fields)
        {
            if (string.Equals(field.Key, fieldName, StringComparison.Ordinal))
            {
                return field.Value;
            }
        }
        return null;
    }

    /// <summary>The canonical name.</summary>
    public override string ToString() => Canonical;

    /// <summary>True when both canonical names are equal, ignoring case.</summary>
    public bool Equals(ResourceName? other) =>
        other is not null && string.Equals(Canonical, other.Canonical, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ResourceName);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Canonical);

    /// <summary>True when both are null or have equal canonical names (ignoring case).</summary>
    public static bool operator ==(ResourceName? left, ResourceName? right) => left is null ? right is null : left.Equals(right);

    /// <summary>True unless both are null or have equal canonical names (ignoring case).</summary>
    public static bool operator !=(ResourceName? left, ResourceName? right) => !(left == right);

    internal static ResourceName CreateLocal(InterfaceType interfaceType, string interfaceTypeName, string board, int? boardNumber,
        string resourceClass, string canonical, KeyValuePair<string, string>[] fields, string? alias) =>
        new(interfaceType, interfaceTypeName, board, boardNumber, resourceClass, canonical, fields, alias, inner: null);

    internal static ResourceName CreateRemote(ResourceName inner, KeyValuePair<string, string>[] remoteFields, string canonical) =>
        new(inner.InterfaceType, inner.InterfaceTypeName, inner.Board, inner.BoardNumber, inner.ResourceClass, canonical,
            [.. remoteFields, .. inner._fields], inner.Alias, inner);
}
