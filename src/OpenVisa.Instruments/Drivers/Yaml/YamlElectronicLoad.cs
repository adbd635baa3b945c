using OpenVisa.Instruments.Interfaces;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>
/// A YAML driver declaring <c>interface: IElectronicLoad</c>: the parameters <c>mode</c> (str mapped to
/// <see cref="LoadMode"/>), <c>current</c>, <c>voltage</c>, <c>resistance</c>, <c>power</c>, <c>input</c>,
/// <c>measured_voltage</c>, <c>measured_current</c> and <c>measured_power</c>.
/// </summary>
public sealed class YamlElectronicLoad : YamlInstrument, IElectronicLoad
{
    internal YamlElectronicLoad(YamlDriverDefinition definition, string name, MessageBasedResource? resource, InstrumentOptions? options)
        : base(definition, name, resource, options, channelFactory: null)
    {
        Mode = Parameter<LoadMode>("mode");
        Current = Parameter<double>("current");
        Voltage = Parameter<double>("voltage");
        Resistance = Parameter<double>("resistance");
        Power = Parameter<double>("power");
        Input = Parameter<bool>("input");
        MeasuredVoltage = Parameter<double>("measured_voltage");
        MeasuredCurrent = Parameter<double>("measured_current");
        MeasuredPower = Parameter<double>("measured_power");
    }

    /// <inheritdoc/>
    public Parameter<LoadMode> Mode { get; }

    /// <inheritdoc/>
    public Parameter<double> Current { get; }

    /// <inheritdoc/>
    public Parameter<double> Voltage { get; }

    /// <inheritdoc/>
    public Parameter<double> Resistance { get; }

    /// <inheritdoc/>
    public Parameter<double> Power { get; }

    /// <inheritdoc/>
    public Parameter<bool> Input { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredVoltage { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredCurrent { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredPower { get; }
}
