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
public sealed class RigolDS1000Z : ScpiOscilloscope<RigolDS1000ZChannel>
{
    /// <summary>Creates the driver for a four-channel scope (no I/O until used).</summary>
    public RigolDS1000Z(string name, MessageBasedResource? resource, InstrumentOptions? options = null)
        : base(name, resource, options, 4, (scope, number) => new RigolDS1000ZChannel(scope, number), Commands())
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
        SampleRate = new Parameter<double>("sample_rate", this) { Label = "Sample rate", Unit = "Sa/s", GetCommand = ":ACQ:SRAT?" };
    }

    /// <summary>How the scope acquires.</summary>
    public Parameter<AcquisitionType> AcquisitionType { get; }

    /// <summary>The sample rate now.</summary>
    public Parameter<double> SampleRate { get; }

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
    protected override Waveform ReadChannelWaveform(int channel, string source)
    {
        foreach (var command in SetupCommands(source))
            Write(command);
        var preamble = RigolWaveformPreamble.Parse(Ask(":WAV:PRE?"));
        var codes = AskBinaryValues<byte>(":WAV:DATA?");
        return ToWaveform(channel, preamble, codes);
    }

    /// <inheritdoc/>
    protected override async ValueTask<Waveform> ReadChannelWaveformAsync(int channel, string source, CancellationToken cancellationToken)
    {
        foreach (var command in SetupCommands(source))
            await WriteAsync(command, cancellationToken).ConfigureAwait(false);
        var preamble = RigolWaveformPreamble.Parse(await AskAsync(":WAV:PRE?", cancellationToken).ConfigureAwait(false));
        var codes = await AskBinaryValuesAsync<byte>(":WAV:DATA?", cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToWaveform(channel, preamble, codes);
    }

    // The DS1000Z's timebase and edge trigger; its edge trigger calls "either" slope RFALl and has no alternate.
    private static OscilloscopeCommandSet Commands() => new()
    {
        MinChannels = 4,
        MaxChannels = 4,
        TimebaseScale = ":TIM:MAIN:SCAL",
        MinTimebaseScale = 5e-9,
        MaxTimebaseScale = 50,
        TimebasePosition = ":TIM:MAIN:OFFS",
        TimebasePositionLabel = "Trigger offset",
        TimebasePositionDocstring = "Rigol's timebase offset: the time of the screen centre relative to the trigger.",
        TriggerSource = ":TRIG:EDG:SOUR",
        ChannelPrefix = "CHAN",
        TriggerLevel = ":TRIG:EDG:LEV",
        TriggerSlope = ":TRIG:EDG:SLOP",
        TriggerSlopes = new ValueMapping<ScopeTriggerSlope>
        {
            [ScopeTriggerSlope.Positive] = "POS",
            [ScopeTriggerSlope.Negative] = "NEG",
            [ScopeTriggerSlope.Either] = "RFAL",
        },
        Run = [":RUN"],
        Stop = [":STOP"],
        Single = [":SING"],
    };

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
public sealed class RigolDS1000ZChannel : ScpiOscilloscopeChannel
{
    internal RigolDS1000ZChannel(InstrumentBase parent, int number)
        : base(parent, number, Commands())
    {
    }

    // The probe ratios the DS1000Z offers, 0.01 to 1000; the bandwidth limit is 20M or OFF.
    private static OscilloscopeChannelCommandSet Commands() => new()
    {
        Scale = ":CHAN{0}:SCAL",
        MinScale = 1e-3,
        MaxScale = 100,
        Offset = ":CHAN{0}:OFFS",
        Display = ":CHAN{0}:DISP",
        DisplayStates = ValueMapping.OnOff("1", "0"),
        Coupling = ":CHAN{0}:COUP",
        Couplings = new ValueMapping<InputCoupling> { [InputCoupling.Dc] = "DC", [InputCoupling.Ac] = "AC" },
        ProbeAttenuation = ":CHAN{0}:PROB",
        ProbeAttenuations = new EnumValues(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0),
        BandwidthLimit = ":CHAN{0}:BWL",
        BandwidthLimitStates = ValueMapping.OnOff("20M", "OFF"),
    };
}
