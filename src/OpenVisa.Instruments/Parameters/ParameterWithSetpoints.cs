namespace OpenVisa.Instruments;

/// <summary>
/// Array data with the axes it was taken along (QCoDeS's <c>ParameterWithSetpoints</c>): a spectrum analyser's trace
/// with its frequency axis, a scope's record with its time axis. Each setpoint parameter holds one axis; the data
/// holds one value per point of the grid they span (the product of their lengths, last axis fastest). A read or set
/// whose length does not match the axes is refused, so a trace never lands next to the wrong axis.
/// </summary>
/// <remarks>
/// The axes are read from their caches (or from the instrument when stale) each time the shape is checked; set
/// <see cref="Setpoints"/> after creation when the axes are made later. As in QCoDeS, snapshots neither read the
/// trace nor hold its value unless <see cref="ParameterBase.SnapshotGet"/> and <see cref="ParameterBase.SnapshotValue"/>
/// are set: a trace can hold a million points.
/// </remarks>
public class ParameterWithSetpoints : Parameter<double[]>
{
    private IReadOnlyList<Parameter<double[]>> _setpoints;

    /// <summary>Creates the parameter.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="setpoints">The axes, outermost first; at least one to read or set data.</param>
    /// <param name="instrument">The instrument it belongs to, if any.</param>
    public ParameterWithSetpoints(string name, IEnumerable<Parameter<double[]>> setpoints, InstrumentBase? instrument = null)
        : base(name, instrument)
    {
        _setpoints = [.. setpoints ?? throw new ArgumentNullException(nameof(setpoints))];
        SnapshotGet = false;
        SnapshotValue = false;
    }

    /// <summary>The axes, outermost first.</summary>
    public IReadOnlyList<Parameter<double[]>> Setpoints
    {
        get => Volatile.Read(ref _setpoints);
        set => Volatile.Write(ref _setpoints, [.. value ?? throw new ArgumentNullException(nameof(value))]);
    }

    /// <summary>The number of points the axes span now (reads stale axes).</summary>
    public int ExpectedLength()
    {
        var axes = Setpoints;
        if (axes.Count == 0)
            throw new InvalidOperationException($"{FullName} has no setpoints; give it its axes (Setpoints) before reading or setting data.");
        var points = 1L;
        foreach (var axis in axes)
        {
            var values = axis.Cache.Get();
            points *= values.Length;
        }
        return checked((int)points);
    }

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> naming the axes when the data's current value does not match them
    /// (QCoDeS's <c>validate_consistent_shape</c>); reads nothing but stale axes.
    /// </summary>
    public void ValidateConsistentShape()
    {
        if (!Cache.HasValue)
            throw new InvalidOperationException($"{FullName} has no value yet, so its shape cannot be compared with its setpoints.");
        if (ShapeProblem(Cache.Value) is { } problem)
            throw new InvalidOperationException($"{FullName}: its value {problem}.");
    }

    /// <inheritdoc/>
    private protected override string? ShapeProblem(double[] value)
    {
        if (value is null)
            return null;
        var expected = ExpectedLength();
        return value.Length == expected
            ? null
            : $"has {value.Length} points, but the setpoints {string.Join(" × ", Setpoints.Select(s => $"{s.FullName} ({s.Cache.Value.Length})"))} span {expected}";
    }
}
