using System.Globalization;
using OpenVisa.Instruments.Drivers.Keysight;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Rigol;

/// <summary>
/// Rigol DS1000Z oscilloscopes (DS1054Z, DS1104Z, MSO1104Z; DS1000Z programming guide): channels, timebase, edge
/// trigger, and the screen waveform (1200 points, <c>:WAVeform:MODE NORMal</c>) read as an IEEE 488.2 block of
/// unsigned bytes and scaled with Rigol's preamble, whose y origin is in codes.
/// </summary>
public sealed class RigolDS1000Z : ScpiInstrument, IOscilloscope
{
    private readonly SemaphoreSlim _waveform = new(1, 1);

    /// <summary>Creates the driver for a four-channel scope (no I/O until used).</summary>
    public RigolDS1000Z(string name, MessageBasedResource? resource, InstrumentOptions? options = null)
        : base(name, resource, options, LineFeedDefaults with { Timeout = TimeSpan.FromSeconds(10) })
    {
        var channels = new List<RigolDS1000ZChannel>();
        for (var number = 1; number <= 4; number++)
            channels.Add(AddSubmodule($"ch{number}", new RigolDS1000ZChannel(this, number)));
        Channels = AddSubmodule("channels", new ChannelList<RigolDS1000ZChannel>(this, "channels", channels, snapshotable: false));
        TimebaseScale = new Parameter<double>("timebase_scale", this) { Label = "Time per division", Unit = "s", GetCommand = ":TIM:MAIN:SCAL?", SetCommand = ":TIM:MAIN:SCAL {0}", Validator = new Numbers(5e-9, 50) };
        TimebasePosition = new Parameter<double>("timebase_position", this)
        {
            Label = "Trigger offset",
            Unit = "s",
            GetCommand = ":TIM:MAIN:OFFS?",
            SetCommand = ":TIM:MAIN:OFFS {0}",
            Docstring = "Rigol's timebase offset: the time of the screen centre relative to the trigger.",
        };
        TriggerSource = new Parameter<int>("trigger_source", this)
        {
            Label = "Trigger source channel",
            GetCommand = ":TRIG:EDG:SOUR?",
            SetCommand = ":TRIG:EDG:SOUR CHAN{0}",
            GetParser = reply => ScopeReplies.ChannelNumber(reply, "CHAN"),
            Validator = new Ints(1, 4),
        };
        TriggerLevel = new Parameter<double>("trigger_level", this) { Label = "Trigger level", Unit = "V", GetCommand = ":TRIG:EDG:LEV?", SetCommand = ":TRIG:EDG:LEV {0}" };
        TriggerSlope = new Parameter<ScopeTriggerSlope>("trigger_slope", this)
        {
            Label = "Trigger slope",
            GetCommand = ":TRIG:EDG:SLOP?",
            SetCommand = ":TRIG:EDG:SLOP {0}",
            Mapping = new ValueMapping<ScopeTriggerSlope>
            {
                [ScopeTriggerSlope.Positive] = "POS",
                [ScopeTriggerSlope.Negative] = "NEG",
                [ScopeTriggerSlope.Either] = "RFAL",
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
        SampleRate = new Parameter<double>("sample_rate", this) { Label = "Sample rate", Unit = "Sa/s", GetCommand = ":ACQ:SRAT?" };
    }

    /// <summary>The analog channels.</summary>
    public ChannelList<RigolDS1000ZChannel> Channels { get; }

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

    /// <summary>The edge trigger's slope (<see cref="ScopeTriggerSlope.Either"/> is Rigol's RFALl).</summary>
    public Parameter<ScopeTriggerSlope> TriggerSlope { get; }

    /// <summary>How the scope acquires.</summary>
    public Parameter<AcquisitionType> AcquisitionType { get; }

    /// <summary>The sample rate now.</summary>
    public Parameter<double> SampleRate { get; }

    /// <summary>Channel <paramref name="number"/>.</summary>
    public RigolDS1000ZChannel Channel(int number) => ChannelAt(Channels, number);

    IOscilloscopeChannel IChannelled<IOscilloscopeChannel>.Channel(int number) => Channel(number);

    /// <inheritdoc/>
    public void Run() => Write(":RUN");

    /// <inheritdoc/>
    public void Stop() => Write(":STOP");

    /// <inheritdoc/>
    public void Single() => Write(":SING");

    /// <summary>Triggers once now, whatever the trigger condition (<c>:TFORce</c>).</summary>
    public void ForceTrigger() => Write(":TFOR");

    /// <summary>A measurement the scope makes on a channel (<c>:MEASure:ITEM? VPP,CHANnel1</c>): VPP, VMAX, FREQuency, PERiod …</summary>
    public double Measure(string item, int channel)
    {
        var command = $":MEAS:ITEM? {ScopeReplies.Mnemonic(item, "measurement item")},CHAN{Channel(channel).ChannelId}";
        return ScpiReplies.Number(Ask(command), command);
    }

    /// <summary>The preamble of <paramref name="channel"/>'s screen waveform.</summary>
    public RigolWaveformPreamble ReadPreamble(int channel)
    {
        Write($":WAV:SOUR CHAN{Channel(channel).ChannelId}");
        return RigolWaveformPreamble.Parse(Ask(":WAV:PRE?"));
    }

    /// <inheritdoc/>
    public Waveform ReadWaveform(int channel)
    {
        var source = Channel(channel).ChannelId;
        _waveform.Wait();
        try
        {
            foreach (var command in SetupCommands(source))
                Write(command);
            var preamble = RigolWaveformPreamble.Parse(Ask(":WAV:PRE?"));
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
            foreach (var command in SetupCommands(source))
                await WriteAsync(command, cancellationToken).ConfigureAwait(false);
            var preamble = RigolWaveformPreamble.Parse(await AskAsync(":WAV:PRE?", cancellationToken).ConfigureAwait(false));
            var codes = await AskBinaryValuesAsync<byte>(":WAV:DATA?", cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToWaveform(channel, preamble, codes);
        }
        finally
        {
            _waveform.Release();
        }
    }

    // The screen waveform in bytes: NORMal mode always holds the 1200 displayed points, readable while running.
    private static string[] SetupCommands(string source) =>
        [$":WAV:SOUR CHAN{source}", ":WAV:MODE NORM", ":WAV:FORM BYTE", ":WAV:STAR 1", ":WAV:STOP 1200"];

    private static Waveform ToWaveform(int channel, RigolWaveformPreamble preamble, byte[] codes)
    {
        if (preamble.Fields.Format != 0)
            throw new FormatException($"The preamble says format {preamble.Fields.Format}, but BYTE (0) was asked for.");
        if (codes.Length != preamble.Fields.Points)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The preamble announces {preamble.Fields.Points} points, but :WAV:DATA? returned {codes.Length}; read again with the scope stopped."));
        return new Waveform(channel, preamble.Scale(codes), preamble.Fields.XIncrement, preamble.Fields.XOrigin, preamble.Fields.XReference);
    }
}

/// <summary>One analog input of a DS1000Z.</summary>
public sealed class RigolDS1000ZChannel : InstrumentChannel, IOscilloscopeChannel
{
    internal RigolDS1000ZChannel(RigolDS1000Z parent, int number)
        : base(parent, $"ch{number}", number.ToString(CultureInfo.InvariantCulture), $"Channel {number}")
    {
        var prefix = $":CHAN{number}";
        Scale = new Parameter<double>("scale", this) { Label = "Volts per division", Unit = "V", GetCommand = prefix + ":SCAL?", SetCommand = prefix + ":SCAL {0}", Validator = new Numbers(1e-3, 100) };
        Offset = new Parameter<double>("offset", this) { Label = "Offset", Unit = "V", GetCommand = prefix + ":OFFS?", SetCommand = prefix + ":OFFS {0}" };
        Display = new Parameter<bool>("display", this) { Label = "Displayed", GetCommand = prefix + ":DISP?", SetCommand = prefix + ":DISP {0}", Mapping = ValueMapping.OnOff("1", "0") };
        Coupling = new Parameter<InputCoupling>("coupling", this)
        {
            Label = "Coupling",
            GetCommand = prefix + ":COUP?",
            SetCommand = prefix + ":COUP {0}",
            Mapping = new ValueMapping<InputCoupling> { [InputCoupling.Dc] = "DC", [InputCoupling.Ac] = "AC" },
        };
        ProbeAttenuation = new Parameter<double>("probe_attenuation", this)
        {
            Label = "Probe attenuation",
            GetCommand = prefix + ":PROB?",
            SetCommand = prefix + ":PROB {0}",
            Validator = new EnumValues(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0),
        };
        BandwidthLimit = new Parameter<bool>("bandwidth_limit", this) { Label = "20 MHz bandwidth limit", GetCommand = prefix + ":BWL?", SetCommand = prefix + ":BWL {0}", Mapping = ValueMapping.OnOff("20M", "OFF") };
    }

    /// <inheritdoc/>
    public Parameter<double> Scale { get; }

    /// <inheritdoc/>
    public Parameter<double> Offset { get; }

    /// <inheritdoc/>
    public Parameter<bool> Display { get; }

    /// <inheritdoc/>
    public Parameter<InputCoupling> Coupling { get; }

    /// <summary>The probe ratio (one of the ratios the scope offers, 0.01 to 1000).</summary>
    public Parameter<double> ProbeAttenuation { get; }

    /// <summary>Whether the 20 MHz bandwidth limit is on.</summary>
    public Parameter<bool> BandwidthLimit { get; }
}
