using System.Globalization;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Tektronix;

/// <summary>
/// Tektronix TBS-series oscilloscopes (TBS2000 programmer manual; the TBS1000C shares the command set): channels,
/// horizontal scale and position, the A edge trigger, and waveforms read with <c>CURVe?</c> as an IEEE 488.2 block
/// of signed bytes, scaled with the <c>WFMOutpre</c> fields. Replies are read without headers (<c>HEADer OFF</c>,
/// sent before every waveform read because another program may have turned headers on).
/// </summary>
public sealed class TektronixTbs : ScpiInstrument, IOscilloscope
{
    private readonly SemaphoreSlim _waveform = new(1, 1);

    /// <summary>Creates the driver for a scope with <paramref name="channelCount"/> analog channels (no I/O until used).</summary>
    public TektronixTbs(string name, MessageBasedResource? resource, int channelCount = 4, InstrumentOptions? options = null)
        : base(name, resource, options, LineFeedDefaults with { Timeout = TimeSpan.FromSeconds(10) })
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, 4);
        var channels = new List<TektronixTbsChannel>();
        for (var number = 1; number <= channelCount; number++)
            channels.Add(AddSubmodule($"ch{number}", new TektronixTbsChannel(this, number)));
        Channels = AddSubmodule("channels", new ChannelList<TektronixTbsChannel>(this, "channels", channels, snapshotable: false));
        TimebaseScale = new Parameter<double>("timebase_scale", this) { Label = "Time per division", Unit = "s", GetCommand = "HOR:SCA?", SetCommand = "HOR:SCA {0}", Validator = new Numbers(2e-9, 100) };
        TimebasePosition = new Parameter<double>("timebase_position", this) { Label = "Horizontal position", Unit = "s", GetCommand = "HOR:POS?", SetCommand = "HOR:POS {0}" };
        TriggerSource = new Parameter<int>("trigger_source", this)
        {
            Label = "Trigger source channel",
            GetCommand = "TRIG:A:EDGE:SOU?",
            SetCommand = "TRIG:A:EDGE:SOU CH{0}",
            GetParser = reply => ScopeReplies.ChannelNumber(reply, "CH"),
            Validator = new Ints(1, channelCount),
        };
        TriggerLevel = new Parameter<double>("trigger_level", this) { Label = "Trigger level", Unit = "V", GetCommand = "TRIG:A:LEV?", SetCommand = "TRIG:A:LEV {0}" };
        TriggerSlope = new Parameter<Keysight.ScopeTriggerSlope>("trigger_slope", this)
        {
            Label = "Trigger slope",
            GetCommand = "TRIG:A:EDGE:SLO?",
            SetCommand = "TRIG:A:EDGE:SLO {0}",
            Mapping = new ValueMapping<Keysight.ScopeTriggerSlope> { [Keysight.ScopeTriggerSlope.Positive] = "RISE", [Keysight.ScopeTriggerSlope.Negative] = "FALL" },
        };
        RecordLength = new Parameter<int>("record_length", this) { Label = "Record length", GetCommand = "HOR:RECO?", SetCommand = "HOR:RECO {0}", Validator = new EnumValues(2000, 20000) };
    }

    /// <summary>The analog channels.</summary>
    public ChannelList<TektronixTbsChannel> Channels { get; }

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

    /// <summary>The edge trigger's slope (rising or falling).</summary>
    public Parameter<Keysight.ScopeTriggerSlope> TriggerSlope { get; }

    /// <summary>How many points an acquisition records (and <c>CURVe?</c> returns).</summary>
    public Parameter<int> RecordLength { get; }

    /// <summary>Channel <paramref name="number"/>.</summary>
    public TektronixTbsChannel Channel(int number) => ChannelAt(Channels, number);

    IOscilloscopeChannel IChannelled<IOscilloscopeChannel>.Channel(int number) => Channel(number);

    /// <inheritdoc/>
    public void Run()
    {
        Write("ACQ:STOPA RUNST");
        Write("ACQ:STATE RUN");
    }

    /// <inheritdoc/>
    public void Stop() => Write("ACQ:STATE STOP");

    /// <inheritdoc/>
    public void Single()
    {
        Write("ACQ:STOPA SEQ");
        Write("ACQ:STATE RUN");
    }

    /// <summary>An immediate measurement on a channel (<c>MEASU:IMM:TYP PK2PK</c>, <c>FREQ</c>, <c>MEAN</c> …).</summary>
    public double Measure(string type, int channel)
    {
        var mnemonic = ScopeReplies.Mnemonic(type, "measurement type");
        Write($"MEASU:IMM:SOU CH{Channel(channel).ChannelId}");
        Write($"MEASU:IMM:TYP {mnemonic}");
        return ScpiReplies.Number(Ask("MEASU:IMM:VAL?"), "MEASU:IMM:VAL?");
    }

    /// <summary>The scaling of <paramref name="channel"/>'s waveform.</summary>
    public TektronixWaveformScaling ReadScaling(int channel)
    {
        Write("HEAD OFF");
        Write($"DAT:SOU CH{Channel(channel).ChannelId}");
        return TektronixWaveformScaling.FromReplies([.. TektronixWaveformScaling.Queries.Select(Ask)]);
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
            var scaling = TektronixWaveformScaling.FromReplies([.. TektronixWaveformScaling.Queries.Select(Ask)]);
            var codes = AskBinaryValues<sbyte>("CURV?");
            return ToWaveform(channel, scaling, codes);
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
            var replies = new List<string>();
            foreach (var query in TektronixWaveformScaling.Queries)
                replies.Add(await AskAsync(query, cancellationToken).ConfigureAwait(false));
            var codes = await AskBinaryValuesAsync<sbyte>("CURV?", cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToWaveform(channel, TektronixWaveformScaling.FromReplies(replies), codes);
        }
        finally
        {
            _waveform.Release();
        }
    }

    // Signed bytes, MSB first (one byte, so order does not matter), the whole record.
    private static string[] SetupCommands(string source) =>
        ["HEAD OFF", $"DAT:SOU CH{source}", "DAT:ENC RIB", "DAT:WID 1", "DAT:STAR 1", "DAT:STOP 20000"];

    private static Waveform ToWaveform(int channel, TektronixWaveformScaling scaling, sbyte[] codes)
    {
        if (codes.Length != scaling.Points)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"WFMOutpre:NR_Pt says {scaling.Points} points, but CURVe? returned {codes.Length}; read again with the acquisition stopped."));
        return new Waveform(channel, scaling.Scale(codes), scaling.XIncrement, scaling.XZero, scaling.PointOffset);
    }
}

/// <summary>One analog input of a TBS scope.</summary>
public sealed class TektronixTbsChannel : InstrumentChannel, IOscilloscopeChannel
{
    internal TektronixTbsChannel(TektronixTbs parent, int number)
        : base(parent, $"ch{number}", number.ToString(CultureInfo.InvariantCulture), $"Channel {number}")
    {
        var prefix = $"CH{number}";
        Scale = new Parameter<double>("scale", this) { Label = "Volts per division", Unit = "V", GetCommand = prefix + ":SCA?", SetCommand = prefix + ":SCA {0}", Validator = new Numbers(2e-3, 100) };
        Offset = new Parameter<double>("offset", this) { Label = "Offset", Unit = "V", GetCommand = prefix + ":OFFS?", SetCommand = prefix + ":OFFS {0}" };
        Display = new Parameter<bool>("display", this) { Label = "Displayed", GetCommand = $"SEL:CH{number}?", SetCommand = $"SEL:CH{number} {{0}}", Mapping = ValueMapping.OnOff("1", "0") };
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
            GetCommand = prefix + ":PRO?",
            SetCommand = prefix + ":PRO {0}",
            Validator = new EnumValues(1.0, 10.0, 20.0, 50.0, 100.0, 500.0, 1000.0),
        };
        BandwidthLimit = new Parameter<bool>("bandwidth_limit", this) { Label = "20 MHz bandwidth limit", GetCommand = prefix + ":BAN?", SetCommand = prefix + ":BAN {0}", Mapping = ValueMapping.OnOff("TWE", "FUL").AddReplyAlias("TWENTY", true).AddReplyAlias("FULL", false) };
    }

    /// <inheritdoc/>
    public Parameter<double> Scale { get; }

    /// <inheritdoc/>
    public Parameter<double> Offset { get; }

    /// <inheritdoc/>
    public Parameter<bool> Display { get; }

    /// <inheritdoc/>
    public Parameter<InputCoupling> Coupling { get; }

    /// <summary>The probe's attenuation (1, 10, 20, 50, 100, 500 or 1000).</summary>
    public Parameter<double> ProbeAttenuation { get; }

    /// <summary>Whether the 20 MHz bandwidth limit is on.</summary>
    public Parameter<bool> BandwidthLimit { get; }
}
