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
public sealed class KeysightInfiniiVision : ScpiInstrument, IOscilloscope
{
    private readonly SemaphoreSlim _waveform = new(1, 1);

    /// <summary>Creates the driver for a scope with <paramref name="channelCount"/> analog channels (no I/O until used).</summary>
    public KeysightInfiniiVision(string name, MessageBasedResource? resource, int channelCount = 4, InstrumentOptions? options = null)
        : base(name, resource, options, LineFeedDefaults with { Timeout = TimeSpan.FromSeconds(10) })
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, 4);
        var channels = new List<KeysightInfiniiVisionChannel>();
        for (var number = 1; number <= channelCount; number++)
            channels.Add(AddSubmodule($"ch{number}", new KeysightInfiniiVisionChannel(this, number)));
        Channels = AddSubmodule("channels", new ChannelList<KeysightInfiniiVisionChannel>(this, "channels", channels, snapshotable: false));
        TimebaseScale = new Parameter<double>("timebase_scale", this) { Label = "Time per division", Unit = "s", GetCommand = ":TIM:SCAL?", SetCommand = ":TIM:SCAL {0}", Validator = new Numbers(1e-9, 50) };
        TimebasePosition = new Parameter<double>("timebase_position", this) { Label = "Trigger position", Unit = "s", GetCommand = ":TIM:POS?", SetCommand = ":TIM:POS {0}" };
        TriggerSource = new Parameter<int>("trigger_source", this)
        {
            Label = "Trigger source channel",
            GetCommand = ":TRIG:EDGE:SOUR?",
            SetCommand = ":TRIG:EDGE:SOUR CHAN{0}",
            GetParser = ParseChannel,
            Validator = new Ints(1, channelCount),
        };
        TriggerLevel = new Parameter<double>("trigger_level", this) { Label = "Trigger level", Unit = "V", GetCommand = ":TRIG:EDGE:LEV?", SetCommand = ":TRIG:EDGE:LEV {0}" };
        TriggerSlope = new Parameter<ScopeTriggerSlope>("trigger_slope", this)
        {
            Label = "Trigger slope",
            GetCommand = ":TRIG:EDGE:SLOP?",
            SetCommand = ":TRIG:EDGE:SLOP {0}",
            Mapping = new ValueMapping<ScopeTriggerSlope>
            {
                [ScopeTriggerSlope.Positive] = "POS",
                [ScopeTriggerSlope.Negative] = "NEG",
                [ScopeTriggerSlope.Either] = "EITH",
                [ScopeTriggerSlope.Alternate] = "ALT",
            },
        };
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

    /// <summary>The analog channels.</summary>
    public ChannelList<KeysightInfiniiVisionChannel> Channels { get; }

    /// <inheritdoc/>
    public int ChannelCount => Channels.Count;

    /// <inheritdoc/>
    public Parameter<double> TimebaseScale { get; }

    /// <inheritdoc/>
    public Parameter<double> TimebasePosition { get; }

    /// <inheritdoc/>
    public Parameter<int> TriggerSource { get; }

    /// <inheritdoc/>
    public Parameter<double> TriggerLevel { get; }

    /// <summary>The edge trigger's slope.</summary>
    public Parameter<ScopeTriggerSlope> TriggerSlope { get; }

    /// <summary>How the scope acquires.</summary>
    public Parameter<AcquisitionType> AcquisitionType { get; }

    /// <summary>How many points a waveform read returns.</summary>
    public Parameter<int> WaveformPoints { get; }

    /// <summary>Channel <paramref name="number"/>.</summary>
    public KeysightInfiniiVisionChannel Channel(int number) => ChannelAt(Channels, number);

    IOscilloscopeChannel IChannelled<IOscilloscopeChannel>.Channel(int number) => Channel(number);

    /// <inheritdoc/>
    public void Run() => Write(":RUN");

    /// <inheritdoc/>
    public void Stop() => Write(":STOP");

    /// <inheritdoc/>
    public void Single() => Write(":SING");

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
    public Waveform ReadWaveform(int channel)
    {
        var source = Channel(channel).ChannelId;
        _waveform.Wait();
        try
        {
            Write($":WAV:SOUR CHAN{source}");
            Write(":WAV:FORM BYTE");
            Write(":WAV:UNS 1");
            var preamble = WaveformPreamble.Parse(Ask(":WAV:PRE?"));
            var codes = AskBinaryValues<byte>(":WAV:DATA?");
            return ToWaveform(channel, preamble, codes);
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
            await WriteAsync($":WAV:SOUR CHAN{source}", cancellationToken).ConfigureAwait(false);
            await WriteAsync(":WAV:FORM BYTE", cancellationToken).ConfigureAwait(false);
            await WriteAsync(":WAV:UNS 1", cancellationToken).ConfigureAwait(false);
            var preamble = WaveformPreamble.Parse(await AskAsync(":WAV:PRE?", cancellationToken).ConfigureAwait(false));
            var codes = await AskBinaryValuesAsync<byte>(":WAV:DATA?", cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToWaveform(channel, preamble, codes);
        }
        finally
        {
            _waveform.Release();
        }
    }

    private static Waveform ToWaveform(int channel, WaveformPreamble preamble, byte[] codes)
    {
        if (preamble.Format != 0)
            throw new FormatException($"The preamble says format {preamble.Format}, but BYTE (0) was asked for.");
        return new Waveform(channel, preamble.Scale(codes), preamble.XIncrement, preamble.XOrigin, preamble.XReference);
    }

    private string DigitizeCommand(int[] channels) =>
        channels is null || channels.Length == 0 ? ":DIG" : ":DIG " + string.Join(",", channels.Select(c => "CHAN" + Channel(c).ChannelId));

    private static int ParseChannel(string reply)
    {
        var text = reply.Trim().ToUpperInvariant();
        var digits = text.StartsWith("CHANNEL", StringComparison.Ordinal) ? text[7..] : text.StartsWith("CHAN", StringComparison.Ordinal) ? text[4..] : text;
        return int.TryParse(digits, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"the trigger source '{reply.Trim()}' is not an analog channel (CHAN1 …)");
    }
}

/// <summary>One analog input of an InfiniiVision scope.</summary>
public sealed class KeysightInfiniiVisionChannel : InstrumentChannel, IOscilloscopeChannel
{
    internal KeysightInfiniiVisionChannel(KeysightInfiniiVision parent, int number)
        : base(parent, $"ch{number}", number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Channel {number}")
    {
        var prefix = $":CHAN{number}";
        Scale = new Parameter<double>("scale", this) { Label = "Volts per division", Unit = "V", GetCommand = prefix + ":SCAL?", SetCommand = prefix + ":SCAL {0}", Validator = new Numbers(1e-4, 1000) };
        Offset = new Parameter<double>("offset", this) { Label = "Offset", Unit = "V", GetCommand = prefix + ":OFFS?", SetCommand = prefix + ":OFFS {0}" };
        Display = new Parameter<bool>("display", this) { Label = "Displayed", GetCommand = prefix + ":DISP?", SetCommand = prefix + ":DISP {0}", Mapping = ValueMapping.OnOff("1", "0") };
        Coupling = new Parameter<InputCoupling>("coupling", this)
        {
            Label = "Coupling",
            GetCommand = prefix + ":COUP?",
            SetCommand = prefix + ":COUP {0}",
            Mapping = new ValueMapping<InputCoupling> { [InputCoupling.Dc] = "DC", [InputCoupling.Ac] = "AC" },
        };
        ProbeAttenuation = new Parameter<double>("probe_attenuation", this) { Label = "Probe attenuation", GetCommand = prefix + ":PROB?", SetCommand = prefix + ":PROB {0}", Validator = new Numbers(0.001, 10000) };
        BandwidthLimit = new Parameter<bool>("bandwidth_limit", this) { Label = "20 MHz bandwidth limit", GetCommand = prefix + ":BWL?", SetCommand = prefix + ":BWL {0}", Mapping = ValueMapping.OnOff("1", "0") };
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
