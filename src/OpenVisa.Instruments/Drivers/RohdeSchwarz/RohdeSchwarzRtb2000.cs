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
public sealed class RohdeSchwarzRtb2000 : ScpiOscilloscope<RohdeSchwarzRtb2000Channel>
{
    /// <summary>Creates the driver for a scope with <paramref name="channelCount"/> analog channels (no I/O until used).</summary>
    public RohdeSchwarzRtb2000(string name, MessageBasedResource? resource, int channelCount = 4, InstrumentOptions? options = null)
        : base(name, resource, options, channelCount, (scope, number) => new RohdeSchwarzRtb2000Channel(scope, number), Commands())
    {
    }

    /// <summary>The header (timing and length) of <paramref name="channel"/>'s waveform.</summary>
    public RohdeSchwarzWaveformHeader ReadHeader(int channel) =>
        RohdeSchwarzWaveformHeader.Parse(Ask($"CHAN{Channel(channel).ChannelId}:DATA:HEAD?"));

    /// <inheritdoc/>
    protected override Waveform ReadChannelWaveform(int channel, string source)
    {
        foreach (var command in SetupCommands(source))
            Write(command);
        var header = RohdeSchwarzWaveformHeader.Parse(Ask($"CHAN{source}:DATA:HEAD?"));
        var volts = AskBinaryValues<float>($"CHAN{source}:DATA?", bigEndian: false);
        return ToWaveform(channel, header, volts);
    }

    /// <inheritdoc/>
    protected override async ValueTask<Waveform> ReadChannelWaveformAsync(int channel, string source, CancellationToken cancellationToken)
    {
        foreach (var command in SetupCommands(source))
            await WriteAsync(command, cancellationToken).ConfigureAwait(false);
        var header = RohdeSchwarzWaveformHeader.Parse(await AskAsync($"CHAN{source}:DATA:HEAD?", cancellationToken).ConfigureAwait(false));
        var volts = await AskBinaryValuesAsync<float>($"CHAN{source}:DATA?", bigEndian: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToWaveform(channel, header, volts);
    }

    // The RTB's timebase and A edge trigger. It keeps one trigger level per source (TRIGger:A:LEVel<n>), so the
    // level is the one of the source in use.
    private static OscilloscopeCommandSet Commands() => new()
    {
        MinChannels = 2,
        MaxChannels = 4,
        TimebaseScale = "TIM:SCAL",
        MinTimebaseScale = 1e-9,
        MaxTimebaseScale = 100,
        TimebasePosition = "TIM:POS",
        TimebasePositionLabel = "Trigger position",
        TriggerSource = "TRIG:A:SOUR",
        ChannelPrefix = "CH",
        TriggerLevel = "TRIG:A:LEV",
        TriggerLevelPerSource = true,
        TriggerSlope = "TRIG:A:EDGE:SLOP",
        TriggerSlopes = new ValueMapping<ScopeTriggerSlope>
        {
            [ScopeTriggerSlope.Positive] = "POS",
            [ScopeTriggerSlope.Negative] = "NEG",
            [ScopeTriggerSlope.Either] = "EITH",
        },
        Run = ["RUN"],
        Stop = ["STOP"],
        Single = ["SING"],
    };

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
    internal RohdeSchwarzRtb2000Channel(InstrumentBase parent, int number)
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
