using System.Globalization;
using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.RohdeSchwarz;

/// <summary>
/// Rohde &amp; Schwarz RTB2000 oscilloscopes (RTB2002/RTB2004; RTB2000 user manual, remote commands): channels,
/// timebase, the A edge trigger, and waveforms read with <c>FORMat REAL,32</c> as IEEE 488.2 blocks of little-endian
/// floats that are already volts, timed by <c>CHANnel&lt;m&gt;:DATA:HEADer?</c>.
/// </summary>
public sealed class RohdeSchwarzRtb2000 : ScpiInstrument, IOscilloscope
{
    private readonly SemaphoreSlim _waveform = new(1, 1);

    /// <summary>Creates the driver for a scope with <paramref name="channelCount"/> analog channels (no I/O until used).</summary>
    public RohdeSchwarzRtb2000(string name, MessageBasedResource? resource, int channelCount = 4, InstrumentOptions? options = null)
        : base(name, resource, options, LineFeedDefaults with { Timeout = TimeSpan.FromSeconds(10) })
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, 4);
        var channels = new List<RohdeSchwarzRtb2000Channel>();
        for (var number = 1; number <= channelCount; number++)
            channels.Add(AddSubmodule($"ch{number}", new RohdeSchwarzRtb2000Channel(this, number)));
        Channels = AddSubmodule("channels", new ChannelList<RohdeSchwarzRtb2000Channel>(this, "channels", channels, snapshotable: false));
        TimebaseScale = new Parameter<double>("timebase_scale", this) { Label = "Time per division", Unit = "s", GetCommand = "TIM:SCAL?", SetCommand = "TIM:SCAL {0}", Validator = new Numbers(1e-9, 100) };
        TimebasePosition = new Parameter<double>("timebase_position", this) { Label = "Trigger position", Unit = "s", GetCommand = "TIM:POS?", SetCommand = "TIM:POS {0}" };
        TriggerSource = new Parameter<int>("trigger_source", this)
        {
            Label = "Trigger source channel",
            GetCommand = "TRIG:A:SOUR?",
            SetCommand = "TRIG:A:SOUR CH{0}",
            GetParser = reply => ScopeReplies.ChannelNumber(reply, "CH"),
            Validator = new Ints(1, channelCount),
        };
        // The RTB keeps one trigger level per source (TRIGger:A:LEVel<n>); this is the level of the source in use.
        TriggerLevel = new Parameter<double>("trigger_level", this)
        {
            Label = "Trigger level",
            Unit = "V",
            Getter = () =>
            {
                var command = $"TRIG:A:LEV{TriggerSource.Get()}?";
                return ScpiReplies.Number(Ask(command), command);
            },
            Setter = level => Write(string.Create(CultureInfo.InvariantCulture, $"TRIG:A:LEV{TriggerSource.Get()} {level:R}")),
        };
        TriggerSlope = new Parameter<ScopeTriggerSlope>("trigger_slope", this)
        {
            Label = "Trigger slope",
            GetCommand = "TRIG:A:EDGE:SLOP?",
            SetCommand = "TRIG:A:EDGE:SLOP {0}",
            Mapping = new ValueMapping<ScopeTriggerSlope>
            {
                [ScopeTriggerSlope.Positive] = "POS",
                [ScopeTriggerSlope.Negative] = "NEG",
                [ScopeTriggerSlope.Either] = "EITH",
            },
        };
    }

    /// <summary>The analog channels.</summary>
    public ChannelList<RohdeSchwarzRtb2000Channel> Channels { get; }

    /// <inheritdoc/>
    public int ChannelCount => Channels.Count;

    /// <inheritdoc/>
    public Parameter<double> TimebaseScale { get; }

    /// <inheritdoc/>
    public Parameter<double> TimebasePosition { get; }

    /// <inheritdoc/>
    public Parameter<int> TriggerSource { get; }

    /// <summary>The trigger level of the current trigger source.</summary>
    public Parameter<double> TriggerLevel { get; }

    /// <summary>The edge trigger's slope.</summary>
    public Parameter<ScopeTriggerSlope> TriggerSlope { get; }

    /// <summary>Channel <paramref name="number"/>.</summary>
    public RohdeSchwarzRtb2000Channel Channel(int number) => ChannelAt(Channels, number);

    IOscilloscopeChannel IChannelled<IOscilloscopeChannel>.Channel(int number) => Channel(number);

    /// <inheritdoc/>
    public void Run() => Write("RUN");

    /// <inheritdoc/>
    public void Stop() => Write("STOP");

    /// <inheritdoc/>
    public void Single() => Write("SING");

    /// <summary>The header (timing and length) of <paramref name="channel"/>'s waveform.</summary>
    public RohdeSchwarzWaveformHeader ReadHeader(int channel) =>
        RohdeSchwarzWaveformHeader.Parse(Ask($"CHAN{Channel(channel).ChannelId}:DATA:HEAD?"));

    /// <inheritdoc/>
    public Waveform ReadWaveform(int channel)
    {
        var source = Channel(channel).ChannelId;
        _waveform.Wait();
        try
        {
            foreach (var command in SetupCommands(source))
                Write(command);
            var header = RohdeSchwarzWaveformHeader.Parse(Ask($"CHAN{source}:DATA:HEAD?"));
            var volts = AskBinaryValues<float>($"CHAN{source}:DATA?", bigEndian: false);
            return ToWaveform(channel, header, volts);
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
            foreach (var command in SetupCommands(source))
                await WriteAsync(command, cancellationToken).ConfigureAwait(false);
            var header = RohdeSchwarzWaveformHeader.Parse(await AskAsync($"CHAN{source}:DATA:HEAD?", cancellationToken).ConfigureAwait(false));
            var volts = await AskBinaryValuesAsync<float>($"CHAN{source}:DATA?", bigEndian: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToWaveform(channel, header, volts);
        }
        finally
        {
            _waveform.Release();
        }
    }

    // Floats, least significant byte first (the RTB's *RST order is MSB first, so it is set each time), screen samples.
    private static string[] SetupCommands(string source) =>
        ["FORM REAL,32", "FORM:BORD LSBF", $"CHAN{source}:DATA:POIN DEF"];

    private static Waveform ToWaveform(int channel, RohdeSchwarzWaveformHeader header, float[] volts)
    {
        if (header.ValuesPerSample != 1)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The waveform header says {header.ValuesPerSample} values per sample: channel {channel} holds an envelope; read it with CHAN{channel}:DATA:ENV? instead."));
        if (volts.Length != header.Points)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The waveform header announces {header.Points} samples, but CHAN{channel}:DATA? returned {volts.Length}; read again with the acquisition stopped."));
        return new Waveform(channel, [.. volts.Select(v => (double)v)], header.XIncrement, header.XStart, 0);
    }
}

/// <summary>One analog input of an RTB2000.</summary>
public sealed class RohdeSchwarzRtb2000Channel : InstrumentChannel, IOscilloscopeChannel
{
    internal RohdeSchwarzRtb2000Channel(RohdeSchwarzRtb2000 parent, int number)
        : base(parent, $"ch{number}", number.ToString(CultureInfo.InvariantCulture), $"Channel {number}")
    {
        var prefix = $"CHAN{number}";
        Scale = new Parameter<double>("scale", this) { Label = "Volts per division", Unit = "V", GetCommand = prefix + ":SCAL?", SetCommand = prefix + ":SCAL {0}", Validator = new Numbers(1e-3, 10) };
        Offset = new Parameter<double>("offset", this) { Label = "Offset", Unit = "V", GetCommand = prefix + ":OFFS?", SetCommand = prefix + ":OFFS {0}" };
        Display = new Parameter<bool>("display", this) { Label = "Displayed", GetCommand = prefix + ":STAT?", SetCommand = prefix + ":STAT {0}", Mapping = ValueMapping.OnOff("1", "0").AddReplyAlias("ON", true).AddReplyAlias("OFF", false) };
        Coupling = new Parameter<InputCoupling>("coupling", this)
        {
            Label = "Coupling",
            GetCommand = prefix + ":COUP?",
            SetCommand = prefix + ":COUP {0}",
            // DC and AC at 1 Mohm input impedance are DCLimit and ACLimit on the RTB.
            Mapping = new ValueMapping<InputCoupling> { [InputCoupling.Dc] = "DCL", [InputCoupling.Ac] = "ACL" },
        };
        ProbeAttenuation = new Parameter<double>("probe_attenuation", this) { Label = "Probe attenuation", GetCommand = $"PROB{number}:SET:ATT:MAN?", SetCommand = $"PROB{number}:SET:ATT:MAN {{0}}", Validator = new Numbers(0.0001, 10000) };
        BandwidthLimit = new Parameter<bool>("bandwidth_limit", this) { Label = "20 MHz bandwidth limit", GetCommand = prefix + ":BAND?", SetCommand = prefix + ":BAND {0}", Mapping = ValueMapping.OnOff("B20", "FULL") };
    }

    /// <inheritdoc/>
    public Parameter<double> Scale { get; }

    /// <inheritdoc/>
    public Parameter<double> Offset { get; }

    /// <inheritdoc/>
    public Parameter<bool> Display { get; }

    /// <inheritdoc/>
    public Parameter<InputCoupling> Coupling { get; }

    /// <inheritdoc/>
    public Parameter<double> ProbeAttenuation { get; }

    /// <summary>Whether the 20 MHz bandwidth limit is on.</summary>
    public Parameter<bool> BandwidthLimit { get; }
}
