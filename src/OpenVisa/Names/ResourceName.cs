namespace OpenVisa;

// PLACEHOLDER: replaced wholesale by the resource-name work (issue 2, item 2).
/// <summary>A parsed VISA resource name.</summary>
public sealed class ResourceName
{
    private ResourceName(InterfaceType interfaceType, int? boardNumber, string resourceClass, string canonical)
    {
        InterfaceType = interfaceType;
        BoardNumber = boardNumber;
        ResourceClass = resourceClass;
        Canonical = canonical;
    }

    /// <summary>The interface type.</summary>
    public InterfaceType InterfaceType { get; }

    /// <summary>The board number, when numeric.</summary>
    public int? BoardNumber { get; }

    /// <summary>The resource class, upper case.</summary>
    public string ResourceClass { get; }

    /// <summary>The canonical name.</summary>
    public string Canonical { get; }

    /// <summary>The interface type prefix.</summary>
    public string InterfaceTypeName => Canonical.Split("::")[0].TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');

    /// <summary>The board.</summary>
    public string Board => BoardNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>The alias.</summary>
    public string? Alias => null;

    /// <summary>The fields.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => [];

    /// <summary>Parses a name.</summary>
    public static ResourceName Parse(string name)
    {
        var parts = name.Split("::");
        var cls = parts[^1].ToUpperInvariant();
        var type = parts[0].StartsWith("TCPIP", StringComparison.OrdinalIgnoreCase) ? InterfaceType.Tcpip : InterfaceType.Unknown;
        return new ResourceName(type, 0, cls, name);
    }

    /// <summary>The <see cref="ResourceInfo"/> of this name.</summary>
    public ResourceInfo ToResourceInfo() => new(InterfaceType, BoardNumber, ResourceClass, Canonical, null);

    /// <inheritdoc/>
    public override string ToString() => Canonical;
}
