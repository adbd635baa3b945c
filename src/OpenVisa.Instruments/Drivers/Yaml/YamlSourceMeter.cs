using OpenVisa.Instruments.Interfaces;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>
/// A YAML driver declaring <c>interface: ISourceMeter</c>: the parameters <c>source_function</c> (str mapped to
/// <see cref="SourceFunction"/>), <c>voltage</c>, <c>current</c>, <c>voltage_compliance</c>,
/// <c>current_compliance</c>, <c>output</c>, <c>measured_voltage</c> and <c>measured_current</c>.
/// <see cref="Measure"/> calls the query function <c>measure</c> when the driver has one (its reply starts with
/// voltage,current), else reads <c>measured_voltage</c> then <c>measured_current</c>.
/// </summary>
public sealed class YamlSourceMeter : YamlInstrument, ISourceMeter
{
    internal YamlSourceMeter(YamlDriverDefinition definition, string name, MessageBasedResource? resource, InstrumentOptions? options)
        : base(definition, name, resource, options, channelFactory: null)
    {
        SourceFunction = Parameter<SourceFunction>("source_function");
        Voltage = Parameter<double>("voltage");
        Current = Parameter<double>("current");
        VoltageCompliance = Parameter<double>("voltage_compliance");
        CurrentCompliance = Parameter<double>("current_compliance");
        Output = Parameter<bool>("output");
        MeasuredVoltage = Parameter<double>("measured_voltage");
        MeasuredCurrent = Parameter<double>("measured_current");
    }

    /// <inheritdoc/>
    public Parameter<SourceFunction> SourceFunction { get; }

    /// <inheritdoc/>
    public Parameter<double> Voltage { get; }

    /// <inheritdoc/>
    public Parameter<double> Current { get; }

    /// <inheritdoc/>
    public Parameter<double> VoltageCompliance { get; }

    /// <inheritdoc/>
    public Parameter<double> CurrentCompliance { get; }

    /// <inheritdoc/>
    public Parameter<bool> Output { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredVoltage { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredCurrent { get; }

    /// <inheritdoc/>
    public SourceMeasurement Measure()
    {
        if (Functions.ContainsKey("measure"))
        {
            var values = YamlReplies.Numbers(this, "measure", AskFunction("measure"), 2);
            return new SourceMeasurement(values[0], values[1]);
        }
        return new SourceMeasurement(MeasuredVoltage.Get(), MeasuredCurrent.Get());
    }

    /// <inheritdoc/>
    public async ValueTask<SourceMeasurement> MeasureAsync(CancellationToken cancellationToken = default)
    {
        if (Functions.ContainsKey("measure"))
        {
            var values = YamlReplies.Numbers(this, "measure", await AskFunctionAsync("measure", cancellationToken).ConfigureAwait(false), 2);
            return new SourceMeasurement(values[0], values[1]);
        }
        var voltage = await MeasuredVoltage.GetAsync(cancellationToken).ConfigureAwait(false);
        return new SourceMeasurement(voltage, await MeasuredCurrent.GetAsync(cancellationToken).ConfigureAwait(false));
    }
}
