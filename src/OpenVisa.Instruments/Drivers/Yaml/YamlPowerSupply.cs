using OpenVisa.Instruments.Interfaces;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>
/// A YAML driver declaring <c>interface: IPowerSupply</c>: the outputs are the channels of its first channel list,
/// each with the parameters <c>voltage</c>, <c>current</c>, <c>output</c>, <c>measured_voltage</c> and
/// <c>measured_current</c>. <see cref="AllOutputsOff"/> calls the driver's <c>all_outputs_off</c> function when it has
/// one (one command for every output), else turns each output off.
/// </summary>
public sealed class YamlPowerSupply : YamlInstrument, IPowerSupply
{
    internal YamlPowerSupply(YamlDriverDefinition definition, string name, MessageBasedResource? resource, InstrumentOptions? options)
        : base(definition, name, resource, options, (parent, channelName, index, list) => new YamlPowerSupplyChannel(parent, channelName, index, list))
    {
    }

    /// <inheritdoc/>
    public int ChannelCount => InterfaceChannels.Count;

    /// <summary>Output <paramref name="number"/>, from 1.</summary>
    public YamlPowerSupplyChannel Channel(int number) => (YamlPowerSupplyChannel)ChannelAt(InterfaceChannels, number);

    IPowerSupplyChannel IChannelled<IPowerSupplyChannel>.Channel(int number) => Channel(number);

    /// <inheritdoc/>
    public void AllOutputsOff()
    {
        if (Functions.ContainsKey("all_outputs_off"))
            Call("all_outputs_off");
        else
            InterfaceChannels.Set(c => ((YamlPowerSupplyChannel)c).Output, false);
    }

    /// <inheritdoc/>
    public async ValueTask AllOutputsOffAsync(CancellationToken cancellationToken = default)
    {
        if (Functions.TryGetValue("all_outputs_off", out var function))
            await function.CallAsync([], cancellationToken).ConfigureAwait(false);
        else
            await InterfaceChannels.SetAsync(c => ((YamlPowerSupplyChannel)c).Output, false, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>One output of a <see cref="YamlPowerSupply"/>.</summary>
public sealed class YamlPowerSupplyChannel : YamlChannel, IPowerSupplyChannel
{
    internal YamlPowerSupplyChannel(YamlInstrument parent, string name, int index, YamlChannelsDefinition definition)
        : base(parent, name, index, definition)
    {
        Voltage = Parameter<double>("voltage");
        Current = Parameter<double>("current");
        Output = Parameter<bool>("output");
        MeasuredVoltage = Parameter<double>("measured_voltage");
        MeasuredCurrent = Parameter<double>("measured_current");
    }

    /// <inheritdoc/>
    public Parameter<double> Voltage { get; }

    /// <inheritdoc/>
    public Parameter<double> Current { get; }

    /// <inheritdoc/>
    public Parameter<bool> Output { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredVoltage { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredCurrent { get; }
}
