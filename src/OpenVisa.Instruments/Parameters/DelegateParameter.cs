using System.Text.Json.Nodes;

namespace OpenVisa.Instruments;

/// <summary>
/// A view on another parameter (QCoDeS's <c>DelegateParameter</c>): reading it reads the source, setting it sets the
/// source, with its own label, unit, scale, offset, validators, step and delays on top. The source can be swapped at
/// any time (a gate wired to another DAC channel), or be null until it is known.
/// </summary>
/// <remarks>
/// The source's value is this parameter's raw value (raw = value × scale + offset): a delegate in millivolts over a
/// source in volts has <c>Scale = 0.001</c>. Label and unit default to the source's. The snapshot adds
/// <c>source_parameter</c>, the source's own snapshot, as QCoDeS does. The cache is a view on the source's cache through
/// scale and offset: setting or reading the source changes what the delegate's cache reports, invalidating either
/// invalidates the source's, and after a swap it reports the new source's value.
/// </remarks>
/// <typeparam name="T">The value type, the same as the source's.</typeparam>
public class DelegateParameter<T> : Parameter<T>
{
    private Parameter<T>? _source;

    /// <summary>Creates the delegate.</summary>
    /// <param name="name">The delegate's name.</param>
    /// <param name="source">The parameter it reads and sets; null until <see cref="Source"/> is set.</param>
    /// <param name="instrument">The instrument it belongs to, if any.</param>
    public DelegateParameter(string name, Parameter<T>? source, InstrumentBase? instrument = null)
        : base(name, instrument)
    {
        _source = source;
        Getter = () => SourceFor("get").Get();
        AsyncGetter = cancellationToken => SourceFor("get").GetAsync(cancellationToken);
        Setter = value => SourceFor("set").Set(value);
        AsyncSetter = (value, cancellationToken) => SourceFor("set").SetAsync(value, cancellationToken);
    }

    /// <summary>The parameter read and set; may be swapped or cleared at any time.</summary>
    public Parameter<T>? Source
    {
        get => Volatile.Read(ref _source);
        set
        {
            if (ReferenceEquals(value, this))
                throw new ArgumentException($"{FullName} cannot delegate to itself.", nameof(value));
            // The cache is a view on the source's, so after a swap it reports the new source's value at once.
            Volatile.Write(ref _source, value);
        }
    }

    internal override bool MirrorsSourceCache => true;

    internal override Parameter<T>? MirroredSource => Source;

    /// <inheritdoc/>
    protected override string DefaultLabel => Source?.Label ?? Name;

    /// <inheritdoc/>
    protected override string DefaultUnit => Source?.Unit ?? "";

    private protected override void AddConversionSnapshot(JsonObject snapshot)
    {
        base.AddConversionSnapshot(snapshot);
        snapshot["source_parameter"] = Source?.BuildSnapshot();
    }

    private Parameter<T> SourceFor(string operation) =>
        Source ?? throw new InvalidOperationException($"Cannot {operation} {FullName}: it delegates to no source parameter yet; set its Source first.");
}
