namespace OpenVisa.Managed.Discovery.Mdns;

/// <summary>
/// A domain name as its labels. DNS-SD instance names are single labels that may hold dots and spaces
/// (<c>Scope 1.2._hislip._tcp.local</c>), so names are never split on dots once parsed. Compared case-insensitively.
/// </summary>
internal sealed class DnsName : IEquatable<DnsName>
{
    public DnsName(IReadOnlyList<string> labels) => Labels = labels;

    /// <summary>The labels, first (most specific) first, without the root.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>A name written with dots between labels (for names whose labels hold no dot, e.g. <c>_lxi._tcp.local</c>).</summary>
    public static DnsName Parse(string dotted) => new(dotted.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries));

    /// <summary><paramref name="first"/> as one label in front of <paramref name="rest"/>.</summary>
    public static DnsName Prepend(string first, DnsName rest) => new([first, .. rest.Labels]);

    /// <summary>The name without its first label.</summary>
    public DnsName Parent => new([.. Labels.Skip(1)]);

    public bool Equals(DnsName? other) =>
        other is not null && other.Labels.Count == Labels.Count && Labels.Zip(other.Labels).All(p => string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));

    public override bool Equals(object? obj) => Equals(obj as DnsName);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var label in Labels)
            hash.Add(label, StringComparer.OrdinalIgnoreCase);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join('.', Labels);
}
