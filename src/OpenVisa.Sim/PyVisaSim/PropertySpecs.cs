namespace OpenVisa.Sim.PyVisaSim;

/// <summary>
/// A property's <c>specs</c>: its type (float, int or str), inclusive bounds and a set of valid values. Values are
/// converted with Python's constructor of the type before being checked, as pyvisa-sim does.
/// </summary>
internal sealed class PropertySpecs(PyKind type, PyValue? minimum, PyValue? maximum, IReadOnlyList<PyValue> valid)
{
    public PyKind Type { get; } = type;

    public PyValue? Minimum { get; } = minimum;

    public PyValue? Maximum { get; } = maximum;

    public IReadOnlyList<PyValue> Valid { get; } = valid;

    /// <summary>Converts and checks <paramref name="raw"/>; null when valid, else why not.</summary>
    public string? Validate(PyValue raw, string property, out PyValue value)
    {
        if (!raw.TryConvert(Type, out value))
            return $"{property}: '{raw}' is not a valid {Type.ToString().ToLowerInvariant()}";
        if (Minimum is { } minimum && value.CompareTo(minimum) < 0)
            return $"{property}: {value} is less than the minimum {minimum}";
        if (Maximum is { } maximum && value.CompareTo(maximum) > 0)
            return $"{property}: {value} is more than the maximum {maximum}";
        if (Valid.Count > 0 && !Valid.Contains(value))
            return $"{property}: {value} is not one of the valid values {string.Join(", ", Valid)}";
        return null;
    }
}
