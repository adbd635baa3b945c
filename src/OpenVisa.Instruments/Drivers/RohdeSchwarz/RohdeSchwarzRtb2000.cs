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
public sealed class RohdeSchwarzRtb2000Channel : ScpiOscilloscopeChannel
{
    internal RohdeSchwarzRtb2000Channel(InstrumentBase parent, int number)
        : base(parent, number, Commands())
    {
    }

    // The RTB shows a channel with STATe, sets the probe under PROBe<n>, and limits the bandwidth with B20 or FULL.
    private static OscilloscopeChannelCommandSet Commands() => new()
    {
        Scale = "CHAN{0}:SCAL",
        MinScale = 1e-3,
        MaxScale = 10,
        Offset = "CHAN{0}:OFFS",
        Display = "CHAN{0}:STAT",
        DisplayStates = ValueMapping.OnOff("1", "0").AddReplyAlias("ON", true).AddReplyAlias("OFF", false),
        Coupling = "CHAN{0}:COUP",
        // DC and AC at 1 Mohm input impedance are DCLimit and ACLimit on the RTB.
        Couplings = new ValueMapping<InputCoupling> { [InputCoupling.Dc] = "DCL", [InputCoupling.Ac] = "ACL" },
        ProbeAttenuation = "PROB{0}:SET:ATT:MAN",
        ProbeAttenuations = new Numbers(0.0001, 10000),
        BandwidthLimit = "CHAN{0}:BAND",
        BandwidthLimitStates = ValueMapping.OnOff("B20", "FULL"),
    };
}
