using System.Text.Json.Nodes;

namespace OpenVisa.Instruments;

/// <summary>
/// One read that returns several named values (QCoDeS's <c>MultiParameter</c>): a source meter's <c>READ?</c> giving
/// voltage, current and resistance, a lock-in's X and Y. The value is the array of values in <see cref="Names"/>
/// order; <see cref="GetNamed"/> pairs them with their names. A reply with another number of values is refused.
/// </summary>
/// <remarks>
/// The snapshot adds QCoDeS's <c>names</c>, <c>labels</c> and <c>units</c> lists, and, as in QCoDeS, has no single
/// <c>label</c> or <c>unit</c>, and no <c>value</c> unless <see cref="ParameterBase.SnapshotValue"/> is set (QCoDeS's
/// <c>snapshot_value</c> defaults to false for a multi-parameter). Labels and units default to the names and to no unit.
/// </remarks>
public class MultiParameter : Parameter<double[]>
{
    /// <summary>Creates the parameter.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="names">One name per value, in reply order; valid identifiers, distinct.</param>
    /// <param name="instrument">The instrument it belongs to, if any.</param>
    public MultiParameter(string name, IReadOnlyList<string> names, InstrumentBase? instrument = null)
        : base(name, instrument)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
            throw new ArgumentException($"{FullName}: a multi-parameter needs at least one name.", nameof(names));
        foreach (var n in names)
            InstrumentNames.ThrowIfInvalid(n, "value");
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"{FullName}: the name '{duplicate.Key}' is given twice.", nameof(names));
        Names = [.. names];
        SnapshotValue = false;
    }

    /// <summary>The values' names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>A label per value; the names when not given.</summary>
    public IReadOnlyList<string> Labels
    {
        get => field ?? Names;
        init => field = CheckCount(value, nameof(Labels));
    }

    /// <summary>A unit per value; empty when not given.</summary>
    public IReadOnlyList<string> Units
    {
        get => field ?? [.. Names.Select(_ => "")];
        init => field = CheckCount(value, nameof(Units));
    }

    /// <summary>Reads the values and pairs them with their names.</summary>
    public IReadOnlyDictionary<string, double> GetNamed() => Pair(Get());

    /// <summary>Reads the values and pairs them with their names.</summary>
    public async ValueTask<IReadOnlyDictionary<string, double>> GetNamedAsync(CancellationToken cancellationToken = default) =>
        Pair(await GetAsync(cancellationToken).ConfigureAwait(false));

    private protected override bool HasSingleLabelAndUnit => false;

    private protected override void AddConversionSnapshot(JsonObject snapshot)
    {
        base.AddConversionSnapshot(snapshot);
        snapshot["names"] = new JsonArray([.. Names.Select(n => (JsonNode?)n)]);
        snapshot["labels"] = new JsonArray([.. Labels.Select(n => (JsonNode?)n)]);
        snapshot["units"] = new JsonArray([.. Units.Select(n => (JsonNode?)n)]);
    }

    /// <inheritdoc/>
    private protected override string? ShapeProblem(double[] value) =>
        value is null || value.Length == Names.Count
            ? null
            : $"holds {value.Length} values, but {FullName} has {Names.Count} ({string.Join(", ", Names)})";

    private Dictionary<string, double> Pair(double[] values)
    {
        var pairs = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < Names.Count; i++)
            pairs[Names[i]] = values[i];
        return pairs;
    }

    private IReadOnlyList<string> CheckCount(IReadOnlyList<string> values, string what) =>
        values is null || values.Count == Names.Count
            ? values!
            : throw new ArgumentException($"{FullName}: {values.Count} {what.ToLowerInvariant()} for {Names.Count} names ({string.Join(", ", Names)}).", what);
}
