using System.Globalization;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Tektronix;

/// <summary>
/// Tektronix AFG31000 arbitrary/function generators (AFG31021/31022 … AFG31252; AFG31000 programmer manual): per-channel
/// function, frequency, amplitude (Vpp), offset, phase, ramp symmetry, pulse duty cycle, output and load impedance.
/// The AFG answers phases in radians, which the driver turns into degrees; it has no triangle function (a ramp of
/// 50 % symmetry is one) and its noise is pseudo-random (PRNoise).
/// </summary>
public sealed class TektronixAfg31000 : ScpiWaveformGenerator<TektronixAfg31000Channel>
{
    /// <summary>Creates the driver for <paramref name="channelCount"/> outputs whose sine reaches <paramref name="maxFrequency"/> (no I/O until used).</summary>
    public TektronixAfg31000(string name, MessageBasedResource? resource, int channelCount = 2, double maxFrequency = 25e6, InstrumentOptions? options = null)
        : base(name, resource, options, channelCount, 2, (generator, number) => new TektronixAfg31000Channel(generator, number, CheckedMaxFrequency(maxFrequency)))
    {
    }

    /// <summary>Sends a trigger event (<c>*TRG</c>) for burst or sweep.</summary>
    public void Trigger() => Write("*TRG");

    /// <summary>Aligns the phases of both channels (<c>SOURce1:PHASe:INITiate</c>).</summary>
    public void SynchronizePhases() => Write("SOUR1:PHAS:INIT");
}

/// <summary>One output of an AFG31000.</summary>
public sealed class TektronixAfg31000Channel : ScpiWaveformGeneratorChannel
{
    internal TektronixAfg31000Channel(InstrumentBase parent, int number, double maxFrequency)
        : base(parent, number, Commands(maxFrequency))
    {
        var source = $"SOUR{number}:";
        Phase = new Parameter<double>("phase", this)
        {
            Label = "Phase",
            Unit = "deg",
            GetCommand = source + "PHAS?",
            SetCommand = source + "PHAS {0}DEG",
            // The AFG answers in radians whatever unit the phase was set in.
            GetParser = reply => ScpiReplies.Number(reply, source + "PHAS?") * 180 / Math.PI,
            Validator = new Numbers(-180, 180),
        };
        Symmetry = new Parameter<double>("ramp_symmetry", this) { Label = "Ramp symmetry", Unit = "%", GetCommand = source + "FUNC:RAMP:SYMM?", SetCommand = source + "FUNC:RAMP:SYMM {0}", Validator = new Numbers(0, 100) };
        PulseDutyCycle = new Parameter<double>("pulse_duty_cycle", this) { Label = "Pulse duty cycle", Unit = "%", GetCommand = source + "PULS:DCYC?", SetCommand = source + "PULS:DCYC {0}", Validator = new Numbers(0.001, 99.999) };
        Output = new Parameter<bool>("output", this) { Label = "Output", GetCommand = $"OUTP{number}?", SetCommand = $"OUTP{number} {{0}}", Mapping = ValueMapping.OnOff("1", "0").AddReplyAlias("ON", true).AddReplyAlias("OFF", false) };
        Load = new Parameter<double>("load", this)
        {
            Label = "Load impedance",
            Unit = "Ohm",
            GetCommand = $"OUTP{number}:IMP?",
            SetCommand = $"OUTP{number}:IMP {{0}}",
            GetParser = reply => GeneratorReplies.Load(reply, $"OUTP{number}:IMP?"),
            SetFormatter = load => GeneratorReplies.FormatLoad(load, "INF"),
            Validator = new MultiType(new Numbers(1, 10_000), new EnumValues(double.PositiveInfinity)),
            Docstring = "The load the amplitude is calibrated for (1 ohm to 10 kohm); infinity for an open circuit.",
        };
    }

    /// <summary>The phase in degrees (the AFG's radians, converted).</summary>
    public Parameter<double> Phase { get; }

    /// <summary>The ramp's symmetry.</summary>
    public Parameter<double> Symmetry { get; }

    /// <summary>The pulse's duty cycle.</summary>
    public Parameter<double> PulseDutyCycle { get; }

    /// <inheritdoc/>
    public override Parameter<bool> Output { get; }

    /// <summary>The load impedance.</summary>
    public Parameter<double> Load { get; }

    // The AFG's noise is pseudo-random (PRNoise) and its arbitrary waveform plays edit memory (EMEMory).
    private static WaveformGeneratorChannelCommandSet Commands(double maxFrequency) => new()
    {
        Source = "SOUR{0}:",
        Shapes = new ValueMapping<WaveformShape>
        {
            [WaveformShape.Sine] = "SIN",
            [WaveformShape.Square] = "SQU",
            [WaveformShape.Ramp] = "RAMP",
            [WaveformShape.Pulse] = "PULS",
            [WaveformShape.Noise] = "PRN",
            [WaveformShape.Dc] = "DC",
            [WaveformShape.Arbitrary] = "EMEM",
        },
        FunctionDocstring = "Triangle is not an AFG function; use Ramp with a symmetry of 50 %. Arbitrary plays edit memory (EMEMory).",
        MaxFrequency = maxFrequency,
        AmplitudeDocstring = "Peak to peak; at most 10 Vpp into 50 ohm, 20 Vpp into an open circuit (the instrument enforces the load's limit).",
    };
}
