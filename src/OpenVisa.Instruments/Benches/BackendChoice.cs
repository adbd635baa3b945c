namespace OpenVisa.Instruments.Benches;

/// <summary>The backend chosen for one bench instrument, and why.</summary>
/// <param name="Alias">The instrument.</param>
/// <param name="Type">The backend type (<c>sim</c>, <c>visa</c>, <c>managed</c> …).</param>
/// <param name="Spec">The <see cref="ResourceManager"/> spec, e.g. <c>/tmp/…/keysight_e36313a.yaml@sim</c>.</param>
/// <param name="Address">The resource name to open; null for a simulated instrument whose profile decides.</param>
/// <param name="Reason">Which rule decided, e.g. "simulate: true for the bench (bench.yaml line 3)".</param>
/// <param name="Timeout">The I/O timeout from the bench file; null keeps the driver's.</param>
public sealed record BackendChoice(string Alias, string Type, string Spec, string? Address, string Reason, TimeSpan? Timeout)
{
    /// <summary>True when the instrument is simulated.</summary>
    public bool IsSimulated => BackendTypes.IsSimulator(Type) || Spec.EndsWith("@sim", StringComparison.OrdinalIgnoreCase);

    /// <summary>"psu1: @sim because simulate: true for the bench (bench.yaml line 3)".</summary>
    public override string ToString() => $"{Alias}: {Spec}{(Address is null ? "" : " " + Address)} because {Reason}";
}
