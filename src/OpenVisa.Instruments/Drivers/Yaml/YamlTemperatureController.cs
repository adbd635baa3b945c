using OpenVisa.Instruments.Interfaces;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>
/// A YAML driver declaring <c>interface: ITemperatureController</c>: the control loops are the channels of its first
/// channel list, each with <c>setpoint</c>, <c>temperature</c> (K), <c>heater_output</c> (%) and <c>heater_range</c>
/// (str mapped to <see cref="HeaterRange"/>). A loop's control input is usually a list variable
/// (<c>variables: {input: [A, B]}</c>, read with <c>KRDG? {input}</c>).
/// </summary>
public sealed class YamlTemperatureController : YamlInstrument, ITemperatureController
{
    internal YamlTemperatureController(YamlDriverDefinition definition, string name, MessageBasedResource? resource, InstrumentOptions? options)
        : base(definition, name, resource, options, (parent, channelName, index, list) => new YamlTemperatureLoop(parent, channelName, index, list))
    {
    }

    /// <inheritdoc/>
    public int ChannelCount => InterfaceChannels.Count;

    /// <summary>Control loop <paramref name="number"/>, from 1.</summary>
    public YamlTemperatureLoop Channel(int number) => (YamlTemperatureLoop)ChannelAt(InterfaceChannels, number);

    ITemperatureLoop IChannelled<ITemperatureLoop>.Channel(int number) => Channel(number);
}

/// <summary>One control loop of a <see cref="YamlTemperatureController"/>.</summary>
public sealed class YamlTemperatureLoop : YamlChannel, ITemperatureLoop
{
    internal YamlTemperatureLoop(YamlInstrument parent, string name, int index, YamlChannelsDefinition definition)
        : base(parent, name, index, definition)
    {
        Setpoint = Parameter<double>("setpoint");
        Temperature = Parameter<double>("temperature");
        HeaterOutput = Parameter<double>("heater_output");
        HeaterRange = Parameter<HeaterRange>("heater_range");
    }

    /// <inheritdoc/>
    public Parameter<double> Setpoint { get; }

    /// <inheritdoc/>
    public Parameter<double> Temperature { get; }

    /// <inheritdoc/>
    public Parameter<double> HeaterOutput { get; }

    /// <inheritdoc/>
    public Parameter<HeaterRange> HeaterRange { get; }
}
