using OpenVisa.Instruments.Interfaces;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>
/// A YAML driver declaring <c>interface: ILcrMeter</c>: the parameters <c>function</c> (str mapped to
/// <see cref="ImpedanceFunction"/>), <c>frequency</c> and <c>voltage_level</c>; <see cref="Measure"/> calls the query
/// function <c>measure</c>, whose reply is primary,secondary and optionally the status word.
/// </summary>
public sealed class YamlLcrMeter : YamlInstrument, ILcrMeter
{
    internal YamlLcrMeter(YamlDriverDefinition definition, string name, MessageBasedResource? resource, InstrumentOptions? options)
        : base(definition, name, resource, options, channelFactory: null)
    {
        Function = Parameter<ImpedanceFunction>("function");
        Frequency = Parameter<double>("frequency");
        VoltageLevel = Parameter<double>("voltage_level");
    }

    /// <inheritdoc/>
    public Parameter<ImpedanceFunction> Function { get; }

    /// <inheritdoc/>
    public Parameter<double> Frequency { get; }

    /// <inheritdoc/>
    public Parameter<double> VoltageLevel { get; }

    /// <inheritdoc/>
    public ImpedanceMeasurement Measure() => ToMeasurement(AskFunction("measure"));

    /// <inheritdoc/>
    public async ValueTask<ImpedanceMeasurement> MeasureAsync(CancellationToken cancellationToken = default) =>
        ToMeasurement(await AskFunctionAsync("measure", cancellationToken).ConfigureAwait(false));

    private ImpedanceMeasurement ToMeasurement(string reply)
    {
        var values = YamlReplies.Numbers(this, "measure", reply, 2);
        return new ImpedanceMeasurement(values[0], values[1], values.Length > 2 ? (int)values[2] : 0);
    }
}
