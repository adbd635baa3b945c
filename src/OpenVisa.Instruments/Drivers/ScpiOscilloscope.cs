using System.Globalization;
using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers;

/// <summary>
/// The SCPI oscilloscopes: analog channels of type <typeparamref name="TChannel"/>, the timebase, the edge trigger,
/// run/stop/single, and waveform reads that hold the scope for the whole source-select-and-read exchange. The members
/// are the same on every family; their commands come from an <see cref="OscilloscopeCommandSet"/>, and each family
/// reads a waveform in its own wire format (<see cref="ReadChannelWaveform"/>).
/// </summary>
/// <typeparam name="TChannel">The family's channel type.</typeparam>
public abstract class ScpiOscilloscope<TChannel> : ScpiInstrument, IOscilloscope
    where TChannel : InstrumentChannel, IOscilloscopeChannel
{
    // A waveform read selects the source and then reads it: two reads at once would read each other's channel.
    private readonly SemaphoreSlim _waveform = new(1, 1);
    private readonly OscilloscopeCommandSet _commands;

    /// <summary>
    /// Creates the driver with <paramref name="channelCount"/> channels made by <paramref name="newChannel"/> (given
    /// the scope and the channel's number from 1); no I/O until used.
    /// </summary>
    protected ScpiOscilloscope(
        string name,
        MessageBasedResource? resource,
        InstrumentOptions? options,
        int channelCount,
        Func<ScpiOscilloscope<TChannel>, int, TChannel> newChannel,
        OscilloscopeCommandSet commands)
        : base(name, resource, options, LineFeedDefaults with { Timeout = TimeSpan.FromSeconds(10) })
    {
        ArgumentNullException.ThrowIfNull(newChannel);
        _commands = commands ?? throw new ArgumentNullException(nameof(commands));
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, commands.MinChannels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, commands.MaxChannels);
        var channels = new List<TChannel>();
        for (var number = 1; number <= channelCount; number++)
            channels.Add(AddSubmodule($"ch{number}", newChannel(this, number)));
        Channels = AddSubmodule("channels", new ChannelList<TChannel>(this, "channels", channels, snapshotable: false));
        TimebaseScale = new Parameter<double>("timebase_scale", this)
        {
            Label = "Time per division",
            Unit = "s",
            GetCommand = commands.TimebaseScale + "?",
            SetCommand = commands.TimebaseScale + " {0}",
            Validator = new Numbers(commands.MinTimebaseScale, commands.MaxTimebaseScale),
        };
        TimebasePosition = new Parameter<double>("timebase_position", this)
        {
            Label = commands.TimebasePositionLabel,
            Unit = "s",
            GetCommand = commands.TimebasePosition + "?",
            SetCommand = commands.TimebasePosition + " {0}",
            Docstring = commands.TimebasePositionDocstring,
        };
        TriggerSource = new Parameter<int>("trigger_source", this)
        {
            Label = "Trigger source channel",
            GetCommand = commands.TriggerSource + "?",
            SetCommand = $"{commands.TriggerSource} {commands.ChannelPrefix}{{0}}",
            GetParser = reply => ScopeReplies.ChannelNumber(reply, commands.ChannelPrefix),
            Validator = new Ints(1, channelCount),
        };
        TriggerLevel = commands.TriggerLevelPerSource ? LevelOfTheSourceInUse(commands.TriggerLevel) : new Parameter<double>("trigger_level", this)
        {
            Label = "Trigger level",
            Unit = "V",
            GetCommand = commands.TriggerLevel + "?",
            SetCommand = commands.TriggerLevel + " {0}",
        };
        TriggerSlope = new Parameter<ScopeTriggerSlope>("trigger_slope", this)
        {
            Label = "Trigger slope",
            GetCommand = commands.TriggerSlope + "?",
            SetCommand = commands.TriggerSlope + " {0}",
            Mapping = commands.TriggerSlopes,
        };
    }

    /// <summary>The analog channels.</summary>
    public ChannelList<TChannel> Channels { get; }

    /// <inheritdoc/>
    public int ChannelCount => Channels.Count;

    /// <inheritdoc/>
    public Parameter<double> TimebaseScale { get; }

    /// <inheritdoc/>
    public Parameter<double> TimebasePosition { get; }

    /// <inheritdoc/>
    public Parameter<int> TriggerSource { get; }

    /// <summary>The edge trigger's level (on scopes with one level per source, the level of the source in use).</summary>
    public Parameter<double> TriggerLevel { get; }

    /// <summary>The edge trigger's slope; the family's <see cref="OscilloscopeCommandSet.TriggerSlopes"/> say which it offers.</summary>
    public Parameter<ScopeTriggerSlope> TriggerSlope { get; }

    /// <summary>Channel <paramref name="number"/>.</summary>
    public TChannel Channel(int number) => ChannelAt(Channels, number);

    IOscilloscopeChannel IChannelled<IOscilloscopeChannel>.Channel(int number) => Channel(number);

    /// <inheritdoc/>
    public void Run() => WriteAll(_commands.Run);

    /// <inheritdoc/>
    public void Stop() => WriteAll(_commands.Stop);

    /// <inheritdoc/>
    public void Single() => WriteAll(_commands.Single);

    /// <inheritdoc/>
    public Waveform ReadWaveform(int channel)
    {
        var source = Channel(channel).ChannelId;
        _waveform.Wait();
        try
        {
            return ReadChannelWaveform(channel, source);
        }
        finally
        {
            _waveform.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<Waveform> ReadWaveformAsync(int channel, CancellationToken cancellationToken = default)
    {
        var source = Channel(channel).ChannelId;
        await _waveform.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadChannelWaveformAsync(channel, source, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _waveform.Release();
        }
    }

    /// <summary>
    /// Selects <paramref name="source"/> (the channel as commands name it), reads its waveform in the family's wire
    /// format and scales it; called with the scope held, so no other waveform read comes in between.
    /// </summary>
    protected abstract Waveform ReadChannelWaveform(int channel, string source);

    /// <summary>The asynchronous form of <see cref="ReadChannelWaveform"/>, also called with the scope held.</summary>
    protected abstract ValueTask<Waveform> ReadChannelWaveformAsync(int channel, string source, CancellationToken cancellationToken);

    private void WriteAll(IReadOnlyList<string> commands)
    {
        foreach (var command in commands)
            Write(command);
    }

    private Parameter<double> LevelOfTheSourceInUse(string header) => new("trigger_level", this)
    {
        Label = "Trigger level",
        Unit = "V",
        Getter = () =>
        {
            var command = $"{header}{TriggerSource.Get()}?";
            return ScpiReplies.Number(Ask(command), command);
        },
        Setter = level => Write(string.Create(CultureInfo.InvariantCulture, $"{header}{TriggerSource.Get()} {level:R}")),
    };
}
