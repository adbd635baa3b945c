using OpenVisa.Instruments.Interfaces;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>
/// A YAML driver declaring <c>interface: IWaveformGenerator</c>: the outputs are the channels of its first channel
/// list, each with <c>function</c> (str mapped to <see cref="WaveformShape"/>), <c>frequency</c>, <c>amplitude</c>,
/// <c>offset</c> and <c>output</c>.
/// </summary>
public sealed class YamlWaveformGenerator : YamlInstrument, IWaveformGenerator
{
    internal YamlWaveformGenerator(YamlDriverDefinition definition, string name, MessageBasedResource? resource, InstrumentOptions? options)
        : base(definition, name, resource, options, (parent, channelName, index, list) => new YamlWaveformGeneratorChannel(parent, channelName, index, list))
    {
    }

    /// <inheritdoc/>
    public int ChannelCount => InterfaceChannels.Count;

    /// <summary>Output <paramref name="number"/>, from 1.</summary>
    public YamlWaveformGeneratorChannel Channel(int number) => (YamlWaveformGeneratorChannel)ChannelAt(InterfaceChannels, number);

    IWaveformGeneratorChannel IChannelled<IWaveformGeneratorChannel>.Channel(int number) => Channel(number);
}

/// <summary>One output of a <see cref="YamlWaveformGenerator"/>.</summary>
public sealed class YamlWaveformGeneratorChannel : YamlChannel, IWaveformGeneratorChannel
{
    internal YamlWaveformGeneratorChannel(YamlInstrument parent, string name, int index, YamlChannelsDefinition definition)
        : base(parent, name, index, definition)
    {
        Function = Parameter<WaveformShape>("function");
        Frequency = Parameter<double>("frequency");
        Amplitude = Parameter<double>("amplitude");
        Offset = Parameter<double>("offset");
        Output = Parameter<bool>("output");
    }

    /// <inheritdoc/>
    public Parameter<WaveformShape> Function { get; }

    /// <inheritdoc/>
    public Parameter<double> Frequency { get; }

    /// <inheritdoc/>
    public Parameter<double> Amplitude { get; }

    /// <inheritdoc/>
    public Parameter<double> Offset { get; }

    /// <inheritdoc/>
    public Parameter<bool> Output { get; }
}
