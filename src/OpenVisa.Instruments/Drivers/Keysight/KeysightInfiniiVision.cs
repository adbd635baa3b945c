using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Keysight;

/// <summary>What the edge trigger reacts to.</summary>
public enum ScopeTriggerSlope
{
    /// <summary>Rising edges.</summary>
    Positive,

    /// <summary>Falling edges.</summary>
    Negative,

    /// <summary>Both.</summary>
    Either,

    /// <summary>Alternately rising and falling.</summary>
    Alternate,
}

/// <summary>How the scope acquires.</summary>
public enum AcquisitionType
{
    /// <summary>One sample per point.</summary>
    Normal,

    /// <summary>Averaged over acquisitions.</summary>
    Average,

    /// <summary>Averaged within one acquisition for more resolution.</summary>
    HighResolution,

    /// <summary>Minimum and maximum per interval.</summary>
    Peak,
}

/// <summary>
/// Keysight InfiniiVision oscilloscopes (1000X, 2000X, 3000T; programmer's guide command set): channels, timebase,
/// edge trigger, and waveforms read as unsigned-byte IEEE 488.2 blocks scaled with the preamble.
/// </summary>
public sealed class KeysightInfiniiVision : ScpiOscilloscope<KeysightInfiniiVisionChannel>
{
    /// <summary>Creates the driver for a scope with <paramref name="channelCount"/> analog channels (no I/O until used).</summary>
    public KeysightInfiniiVision(string name, MessageBasedResource? resource, int channelCount = 4, InstrumentOptions? options = null)
        : base(name, resource, options, channelCount, (scope, number) => new KeysightInfiniiVisionChannel(scope, number), Commands())
    {
        AcquisitionType = new Parameter<AcquisitionType>("acquisition_type", this)
        {
            Label = "Acquisition type",
            GetCommand = ":ACQ:TYPE?",
            SetCommand = ":ACQ:TYPE {0}",
            Mapping = new ValueMapping<AcquisitionType>
            {
                [Keysight.AcquisitionType.Normal] = "NORM",
                [Keysight.AcquisitionType.Average] = "AVER",
                [Keysight.AcquisitionType.HighResolution] = "HRES",
                [Keysight.AcquisitionType.Peak] = "PEAK",
            },
        };
        WaveformPoints = new Parameter<int>("waveform_points", this) { Label = "Waveform points", GetCommand = ":WAV:POIN?", SetCommand = ":WAV:POIN {0}", Validator = new Ints(100, 8_000_000) };
    }

    /// <summary>How the scope acquires.</summary>
    public Parameter<AcquisitionType> AcquisitionType { get; }

    /// <summary>How many points a waveform read returns.</summary>
    public Parameter<int> WaveformPoints { get; }

    /// <summary>Acquires once on <paramref name="channels"/> (all displayed ones when none given) and stops.</summary>
    public void Digitize(params int[] channels) => Write(DigitizeCommand(channels));

    /// <summary>Acquires once on <paramref name="channels"/> and stops.</summary>
    public ValueTask DigitizeAsync(int[] channels, CancellationToken cancellationToken = default) => WriteAsync(DigitizeCommand(channels), cancellationToken);

    /// <summary>Sets scales, offsets and trigger to show the signals (<c>:AUT</c>).</summary>
    public void AutoScale() => Write(":AUT");

    /// <summary>The peak-to-peak voltage the scope measures on a channel.</summary>
    public double MeasureVpp(int channel) => ScpiReplies.Number(Ask($":MEAS:VPP? CHAN{Channel(channel).ChannelId}"), ":MEAS:VPP?");

    /// <summary>The frequency the scope measures on a channel.</summary>
    public double MeasureFrequency(int channel) => ScpiReplies.Number(Ask($":MEAS:FREQ? CHAN{Channel(channel).ChannelId}"), ":MEAS:FREQ?");

    /// <summary>The preamble of <paramref name="channel"/>'s waveform.</summary>
    public WaveformPreamble ReadPreamble(int channel)
    {
        Write($":WAV:SOUR CHAN{Channel(channel).ChannelId}");
        return WaveformPreamble.Parse(Ask(":WAV:PRE?"));
    }

    /// <inheritdoc/>
    protected override Waveform ReadChannelWaveform(int channel, string source)
    {
        Write($":WAV:SOUR CHAN{source}");
        Write(":WAV:FORM BYTE");
        Write(":WAV:UNS 1");
        var preamble = WaveformPreamble.Parse(Ask(":WAV:PRE?"));
        var codes = AskBinaryValues<byte>(":WAV:DATA?");
        return ToWaveform(channel, preamble, codes);
    }

    /// <inheritdoc/>
    protected override async ValueTask<Waveform> ReadChannelWaveformAsync(int channel, string source, CancellationToken cancellationToken)
    {
        await WriteAsync($":WAV:SOUR CHAN{source}", cancellationToken).ConfigureAwait(false);
        await WriteAsync(":WAV:FORM BYTE", cancellationToken).ConfigureAwait(false);
        await WriteAsync(":WAV:UNS 1", cancellationToken).ConfigureAwait(false);
        var preamble = WaveformPreamble.Parse(await AskAsync(":WAV:PRE?", cancellationToken).ConfigureAwait(false));
        var codes = await AskBinaryValuesAsync<byte>(":WAV:DATA?", cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToWaveform(channel, preamble, codes);
    }

    // The InfiniiVision timebase and edge trigger (programmer's guide), which offers all four slopes.
    private static OscilloscopeCommandSet Commands() => new()
    {
        MinChannels = 1,
        MaxChannels = 4,
        TimebaseScale = ":TIM:SCAL",
        MinTimebaseScale = 1e-9,
        MaxTimebaseScale = 50,
        TimebasePosition = ":TIM:POS",
        TimebasePositionLabel = "Trigger position",
        TriggerSource = ":TRIG:EDGE:SOUR",
        ChannelPrefix = "CHAN",
        TriggerLevel = ":TRIG:EDGE:LEV",
        TriggerSlope = ":TRIG:EDGE:SLOP",
        TriggerSlopes = new ValueMapping<ScopeTriggerSlope>
        {
            [ScopeTriggerSlope.Positive] = "POS",
            [ScopeTriggerSlope.Negative] = "NEG",
            [ScopeTriggerSlope.Either] = "EITH",
            [ScopeTriggerSlope.Alternate] = "ALT",
        },
        Run = [":RUN"],
        Stop = [":STOP"],
        Single = [":SING"],
    };

    private static Waveform ToWaveform(int channel, WaveformPreamble preamble, byte[] codes)
    {
        if (preamble.Format != 0)
            throw new FormatException($"The preamble says format {preamble.Format}, but BYTE (0) was asked for.");
        return new Waveform(channel, preamble.Scale(codes), preamble.XIncrement, preamble.XOrigin, preamble.XReference);
    }

    private string DigitizeCommand(int[] channels) =>
        channels is null || channels.Length == 0 ? ":DIG" : ":DIG " + string.Join(",", channels.Select(c => "CHAN" + Channel(c).ChannelId));
}

/// <summary>One analog input of an InfiniiVision scope.</summary>
public sealed class KeysightInfiniiVisionChannel : ScpiOscilloscopeChannel
{
    internal KeysightInfiniiVisionChannel(InstrumentBase parent, int number)
        : base(parent, number, Commands())
    {
    }

    private static OscilloscopeChannelCommandSet Commands() => new()
    {
        Scale = ":CHAN{0}:SCAL",
        MinScale = 1e-4,
        MaxScale = 1000,
        Offset = ":CHAN{0}:OFFS",
        Display = ":CHAN{0}:DISP",
        DisplayStates = ValueMapping.OnOff("1", "0"),
        Coupling = ":CHAN{0}:COUP",
        Couplings = new ValueMapping<InputCoupling> { [InputCoupling.Dc] = "DC", [InputCoupling.Ac] = "AC" },
        ProbeAttenuation = ":CHAN{0}:PROB",
        ProbeAttenuations = new Numbers(0.001, 10000),
        BandwidthLimit = ":CHAN{0}:BWL",
        BandwidthLimitStates = ValueMapping.OnOff("1", "0"),
    };
}
