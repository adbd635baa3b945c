using OpenVisa.Instruments.Interfaces;

namespace OpenVisa.Instruments.Drivers;

/// <summary>
/// The SCPI function and arbitrary waveform generators: outputs of type <typeparamref name="TChannel"/>, made once and
/// listed as <c>ch1</c>, <c>ch2</c> …, and looked up by number. Everything a generator sets lives on its channels,
/// whose commands differ too much between families (one query per setting, or one list per channel) to share.
/// </summary>
/// <typeparam name="TChannel">The family's output type.</typeparam>
public abstract class ScpiWaveformGenerator<TChannel> : ScpiInstrument, IWaveformGenerator
    where TChannel : InstrumentChannel, IWaveformGeneratorChannel
{
    /// <summary>
    /// Creates the driver with <paramref name="channelCount"/> outputs (1 to <paramref name="maxChannels"/>) made by
    /// <paramref name="newChannel"/> (given the generator and the output's number from 1); no I/O until used.
    /// </summary>
    protected ScpiWaveformGenerator(
        string name,
        MessageBasedResource? resource,
        InstrumentOptions? options,
        int channelCount,
        int maxChannels,
        Func<ScpiWaveformGenerator<TChannel>, int, TChannel> newChannel)
        : base(name, resource, options, LineFeedDefaults)
    {
        ArgumentNullException.ThrowIfNull(newChannel);
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, maxChannels);
        var channels = new List<TChannel>();
        for (var number = 1; number <= channelCount; number++)
            channels.Add(AddSubmodule($"ch{number}", newChannel(this, number)));
        Channels = AddSubmodule("channels", new ChannelList<TChannel>(this, "channels", channels, snapshotable: false));
    }

    /// <summary>The outputs.</summary>
    public ChannelList<TChannel> Channels { get; }

    /// <inheritdoc/>
    public int ChannelCount => Channels.Count;

    /// <summary>Output <paramref name="number"/>.</summary>
    public TChannel Channel(int number) => ChannelAt(Channels, number);

    IWaveformGeneratorChannel IChannelled<IWaveformGeneratorChannel>.Channel(int number) => Channel(number);

    /// <summary>
    /// <paramref name="maxFrequency"/> when it can be a generator's highest sine frequency (1 MHz or more). Drivers call
    /// it in their channel factory, so that a wrong one fails after the channel count is checked and before any
    /// output, whose frequency range it sets, is made.
    /// </summary>
    protected static double CheckedMaxFrequency(double maxFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrequency, 1e6);
        return maxFrequency;
    }
}
