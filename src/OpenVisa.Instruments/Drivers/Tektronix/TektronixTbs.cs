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
public sealed class TektronixTbs : ScpiOscilloscope<TektronixTbsChannel>
{
    /// <summary>Creates the driver for a scope with <paramref name="channelCount"/> analog channels (no I/O until used).</summary>
    public TektronixTbs(string name, MessageBasedResource? resource, int channelCount = 4, InstrumentOptions? options = null)
        : base(name, resource, options, channelCount, (scope, number) => new TektronixTbsChannel(scope, number), Commands())
    {
        RecordLength = new Parameter<int>("record_length", this) { Label = "Record length", GetCommand = "HOR:RECO?", SetCommand = "HOR:RECO {0}", Validator = new EnumValues(2000, 20000) };
    }

    /// <summary>How many points an acquisition records (and <c>CURVe?</c> returns).</summary>
    public Parameter<int> RecordLength { get; }

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
    protected override Waveform ReadChannelWaveform(int channel, string source)
    {
        foreach (var command in SetupCommands(source))
            Write(command);
        var scaling = TektronixWaveformScaling.FromReplies([.. TektronixWaveformScaling.Queries.Select(Ask)]);
        var codes = AskBinaryValues<sbyte>("CURV?");
        return ToWaveform(channel, scaling, codes);
    }

    /// <inheritdoc/>
    protected override async ValueTask<Waveform> ReadChannelWaveformAsync(int channel, string source, CancellationToken cancellationToken)
    {
        foreach (var command in SetupCommands(source))
            await WriteAsync(command, cancellationToken).ConfigureAwait(false);
        var replies = new List<string>();
        foreach (var query in TektronixWaveformScaling.Queries)
            replies.Add(await AskAsync(query, cancellationToken).ConfigureAwait(false));
        var codes = await AskBinaryValuesAsync<sbyte>("CURV?", cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToWaveform(channel, TektronixWaveformScaling.FromReplies(replies), codes);
    }

    // The TBS horizontal system and A edge trigger (rising or falling only). Run and single set the stop-after mode
    // first: the acquisition state alone does not say whether to stop after one sequence.
    private static OscilloscopeCommandSet Commands() => new()
    {
        MinChannels = 2,
        MaxChannels = 4,
        TimebaseScale = "HOR:SCA",
        MinTimebaseScale = 2e-9,
        MaxTimebaseScale = 100,
        TimebasePosition = "HOR:POS",
        TimebasePositionLabel = "Horizontal position",
        TriggerSource = "TRIG:A:EDGE:SOU",
        ChannelPrefix = "CH",
        TriggerLevel = "TRIG:A:LEV",
        TriggerSlope = "TRIG:A:EDGE:SLO",
        TriggerSlopes = new ValueMapping<Keysight.ScopeTriggerSlope> { [Keysight.ScopeTriggerSlope.Positive] = "RISE", [Keysight.ScopeTriggerSlope.Negative] = "FALL" },
        Run = ["ACQ:STOPA RUNST", "ACQ:STATE RUN"],
        Stop = ["ACQ:STATE STOP"],
        Single = ["ACQ:STOPA SEQ", "ACQ:STATE RUN"],
    };

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
public sealed class TektronixTbsChannel : ScpiOscilloscopeChannel
{
    internal TektronixTbsChannel(InstrumentBase parent, int number)
        : base(parent, number, Commands())
    {
    }

    // The TBS shows a channel with SELect:CH<n>, offers seven probe ratios, and limits the bandwidth with TWEnty or FULl.
    private static OscilloscopeChannelCommandSet Commands() => new()
    {
        Scale = "CH{0}:SCA",
        MinScale = 2e-3,
        MaxScale = 100,
        Offset = "CH{0}:OFFS",
        Display = "SEL:CH{0}",
        DisplayStates = ValueMapping.OnOff("1", "0"),
        Coupling = "CH{0}:COUP",
        Couplings = new ValueMapping<InputCoupling> { [InputCoupling.Dc] = "DC", [InputCoupling.Ac] = "AC" },
        ProbeAttenuation = "CH{0}:PRO",
        ProbeAttenuations = new EnumValues(1.0, 10.0, 20.0, 50.0, 100.0, 500.0, 1000.0),
        BandwidthLimit = "CH{0}:BAN",
        BandwidthLimitStates = ValueMapping.OnOff("TWE", "FUL").AddReplyAlias("TWENTY", true).AddReplyAlias("FULL", false),
    };
}
