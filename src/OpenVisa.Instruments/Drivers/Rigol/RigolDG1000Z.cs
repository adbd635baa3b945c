using System.Globalization;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Rigol;

/// <summary>
/// Rigol DG1000Z function/arbitrary generators (DG1022Z, DG1032Z, DG1062Z; DG1000Z programming guide): per-channel
/// function, frequency, amplitude (Vpp), offset, phase, square duty cycle, ramp symmetry, output and load, and the
/// <c>:SOURce&lt;n&gt;:APPLy?</c> summary. The DG1000Z has no triangle function: a triangle is a ramp of 50 % symmetry.
/// </summary>
public sealed class RigolDG1000Z : ScpiWaveformGenerator<RigolDG1000ZChannel>
{
    /// <summary>Creates the driver for a two-channel generator whose sine reaches <paramref name="maxFrequency"/> (no I/O until used).</summary>
    public RigolDG1000Z(string name, MessageBasedResource? resource, double maxFrequency = 25e6, InstrumentOptions? options = null)
        : base(name, resource, options, 2, 2, (generator, number) => new RigolDG1000ZChannel(generator, number, CheckedMaxFrequency(maxFrequency)))
    {
        MaxFrequency = maxFrequency;
    }

    /// <summary>The highest sine frequency of the model.</summary>
    public double MaxFrequency { get; }

    /// <summary>Aligns the phases of both channels (<c>:SOURce1:PHASe:INITiate</c>).</summary>
    public void SynchronizePhases() => Write(":SOUR1:PHAS:INIT");
}

/// <summary>What <c>:SOURce&lt;n&gt;:APPLy?</c> answers: the function and its basic settings in one reply.</summary>
/// <param name="Function">The shape.</param>
/// <param name="Frequency">The frequency in Hz (NaN for noise and DC, which have none).</param>
/// <param name="Amplitude">The amplitude in Vpp (NaN for DC).</param>
/// <param name="Offset">The offset in V.</param>
/// <param name="Phase">The start phase in degrees (NaN where the function has none).</param>
public sealed record RigolAppliedWaveform(WaveformShape Function, double Frequency, double Amplitude, double Offset, double Phase)
{
    /// <summary>
    /// Parses <c>"SIN,1.000000E+03,5.000000E+00,0.000000E+00,0.000000E+00"</c> (quoted; <c>DEF</c> where a function has
    /// no such setting); throws <see cref="FormatException"/> quoting the reply.
    /// </summary>
    public static RigolAppliedWaveform Parse(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var fields = reply.Trim().Trim('"').Split(',');
        if (fields.Length != 5)
            throw new FormatException($"An APPLy? reply has 5 fields (function, frequency, amplitude, offset, phase); '{reply.Trim()}' has {fields.Length}.");
        if (!RigolDG1000ZChannel.ShapeTokens.TryGetValue(fields[0].Trim().ToUpperInvariant(), out var shape))
            throw new FormatException($"The function '{fields[0].Trim()}' of the APPLy? reply '{reply.Trim()}' is not one this driver knows ({string.Join(", ", RigolDG1000ZChannel.ShapeTokens.Keys)}).");
        return new RigolAppliedWaveform(shape, Field(fields, 1, reply), Field(fields, 2, reply), Field(fields, 3, reply), Field(fields, 4, reply));
    }

    private static double Field(string[] fields, int index, string reply)
    {
        var text = fields[index].Trim();
        if (text.Equals("DEF", StringComparison.OrdinalIgnoreCase))
            return double.NaN;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Field {index + 1} of the APPLy? reply '{reply.Trim()}' is neither a number nor DEF: '{text}'.");
    }
}

/// <summary>One output of a DG1000Z.</summary>
public sealed class RigolDG1000ZChannel : ScpiWaveformGeneratorChannel
{
    /// <summary>The shapes the DG1000Z's <c>FUNCtion</c> command offers, by the token it answers.</summary>
    internal static readonly IReadOnlyDictionary<string, WaveformShape> ShapeTokens = new Dictionary<string, WaveformShape>(StringComparer.Ordinal)
    {
        ["SIN"] = WaveformShape.Sine,
        ["SQU"] = WaveformShape.Square,
        ["RAMP"] = WaveformShape.Ramp,
        ["PULSE"] = WaveformShape.Pulse,
        ["NOISE"] = WaveformShape.Noise,
        ["DC"] = WaveformShape.Dc,
        ["USER"] = WaveformShape.Arbitrary,
    };

    internal RigolDG1000ZChannel(InstrumentBase parent, int number, double maxFrequency)
        : base(parent, number, Commands(maxFrequency))
    {
        var source = $":SOUR{number}:";
        Phase = new Parameter<double>("phase", this) { Label = "Start phase", Unit = "deg", GetCommand = source + "PHAS?", SetCommand = source + "PHAS {0}", Validator = new Numbers(0, 360) };
        DutyCycle = new Parameter<double>("duty_cycle", this) { Label = "Square duty cycle", Unit = "%", GetCommand = source + "FUNC:SQU:DCYC?", SetCommand = source + "FUNC:SQU:DCYC {0}", Validator = new Numbers(0.01, 99.99) };
        Symmetry = new Parameter<double>("ramp_symmetry", this) { Label = "Ramp symmetry", Unit = "%", GetCommand = source + "FUNC:RAMP:SYMM?", SetCommand = source + "FUNC:RAMP:SYMM {0}", Validator = new Numbers(0, 100) };
        Output = new Parameter<bool>("output", this) { Label = "Output", GetCommand = $":OUTP{number}?", SetCommand = $":OUTP{number} {{0}}", Mapping = ValueMapping.OnOff() };
        Load = new Parameter<double>("load", this)
        {
            Label = "Expected load",
            Unit = "Ohm",
            GetCommand = $":OUTP{number}:LOAD?",
            SetCommand = $":OUTP{number}:LOAD {{0}}",
            GetParser = reply => GeneratorReplies.Load(reply, $":OUTP{number}:LOAD?"),
            SetFormatter = load => GeneratorReplies.FormatLoad(load, "INF"),
            Validator = new MultiType(new Numbers(1, 10_000), new EnumValues(double.PositiveInfinity)),
            Docstring = "The load the amplitude is calibrated for; infinity for high impedance (the DG1000Z's default).",
        };
    }

    /// <summary>The start phase.</summary>
    public Parameter<double> Phase { get; }

    /// <summary>The square wave's duty cycle.</summary>
    public Parameter<double> DutyCycle { get; }

    /// <summary>The ramp's symmetry.</summary>
    public Parameter<double> Symmetry { get; }

    /// <inheritdoc/>
    public override Parameter<bool> Output { get; }

    /// <summary>The expected load.</summary>
    public Parameter<double> Load { get; }

    // The DG1000Z answers PULSE and NOISE where it is sent PULS and NOIS.
    private static WaveformGeneratorChannelCommandSet Commands(double maxFrequency) => new()
    {
        Source = ":SOUR{0}:",
        Shapes = new ValueMapping<WaveformShape>
        {
            [WaveformShape.Sine] = "SIN",
            [WaveformShape.Square] = "SQU",
            [WaveformShape.Ramp] = "RAMP",
            [WaveformShape.Pulse] = "PULS",
            [WaveformShape.Noise] = "NOIS",
            [WaveformShape.Dc] = "DC",
            [WaveformShape.Arbitrary] = "USER",
        }.AddReplyAlias("PULSE", WaveformShape.Pulse).AddReplyAlias("NOISE", WaveformShape.Noise),
        FunctionDocstring = "Triangle is not a DG1000Z function; use Ramp with a symmetry of 50 %.",
        MaxFrequency = maxFrequency,
        AmplitudeDocstring = "Peak to peak; at most 10 Vpp into 50 ohm, 20 Vpp into high impedance (the instrument enforces the load's limit).",
    };

    /// <summary>Sets shape, frequency, amplitude, offset and phase in one command (<c>:SOURn:APPL:SIN f,a,o,p</c>).</summary>
    public void Apply(WaveformShape shape, double frequency, double amplitude, double offset, double phase = 0)
    {
        Function.Validate(shape);
        Frequency.Validate(frequency);
        Amplitude.Validate(amplitude);
        Offset.Validate(offset);
        Phase.Validate(phase);
        Write(string.Create(CultureInfo.InvariantCulture, $":SOUR{ChannelId}:APPL:{Function.Mapping![shape]} {frequency:R},{amplitude:R},{offset:R},{phase:R}"));
        Function.Cache.Set(shape);
        Frequency.Cache.Set(frequency);
        Amplitude.Cache.Set(amplitude);
        Offset.Cache.Set(offset);
        Phase.Cache.Set(phase);
    }

    /// <summary>The function and its settings in one query (<c>:SOURn:APPL?</c>).</summary>
    public RigolAppliedWaveform ReadApplied() => RigolAppliedWaveform.Parse(Ask($":SOUR{ChannelId}:APPL?"));
}
