using System.Globalization;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Keysight;

/// <summary>
/// Keysight 33500B Trueform waveform generators (33521B one channel, 33522B two; 33500B programming reference):
/// per-channel function, frequency, amplitude (Vpp), offset, phase, duty cycle, symmetry, output and load.
/// </summary>
public sealed class Keysight33500B : ScpiWaveformGenerator<Keysight33500BChannel>
{
    /// <summary>Creates the driver for <paramref name="channelCount"/> outputs (no I/O until used).</summary>
    public Keysight33500B(string name, MessageBasedResource? resource, int channelCount = 2, InstrumentOptions? options = null)
        : base(name, resource, options, channelCount, 2, (generator, number) => new Keysight33500BChannel(generator, number))
    {
    }

    /// <summary>Sends a bus trigger (<c>*TRG</c>) for burst or sweep on BUS.</summary>
    public void Trigger() => Write("*TRG");

    /// <summary>Aligns the phases of both channels (<c>PHAS:SYNC</c>).</summary>
    public void SynchronizePhases() => Write("PHAS:SYNC");
}

/// <summary>One output of a 33500B.</summary>
public sealed class Keysight33500BChannel : ScpiWaveformGeneratorChannel
{
    /// <summary>The instrument's tokens for the shapes.</summary>
    public static readonly ValueMapping<WaveformShape> ShapeTokens = new()
    {
        [WaveformShape.Sine] = "SIN",
        [WaveformShape.Square] = "SQU",
        [WaveformShape.Ramp] = "RAMP",
        [WaveformShape.Triangle] = "TRI",
        [WaveformShape.Pulse] = "PULS",
        [WaveformShape.Noise] = "NOIS",
        [WaveformShape.Dc] = "DC",
        [WaveformShape.Arbitrary] = "ARB",
    };

    internal Keysight33500BChannel(InstrumentBase parent, int number)
        : base(parent, number, Commands())
    {
        var source = $"SOUR{number}:";
        Phase = new Parameter<double>("phase", this) { Label = "Phase", Unit = "deg", GetCommand = source + "PHAS?", SetCommand = source + "PHAS {0}", Validator = new Numbers(-360, 360) };
        DutyCycle = new Parameter<double>("duty_cycle", this) { Label = "Square duty cycle", Unit = "%", GetCommand = source + "FUNC:SQU:DCYC?", SetCommand = source + "FUNC:SQU:DCYC {0}", Validator = new Numbers(0.01, 99.99) };
        Symmetry = new Parameter<double>("ramp_symmetry", this) { Label = "Ramp symmetry", Unit = "%", GetCommand = source + "FUNC:RAMP:SYMM?", SetCommand = source + "FUNC:RAMP:SYMM {0}", Validator = new Numbers(0, 100) };
        Output = new Parameter<bool>("output", this) { Label = "Output", GetCommand = $"OUTP{number}?", SetCommand = $"OUTP{number} {{0}}", Mapping = ValueMapping.OnOff() };
        Load = new Parameter<double>("load", this)
        {
            Label = "Expected load",
            Unit = "Ohm",
            GetCommand = $"OUTP{number}:LOAD?",
            SetCommand = $"OUTP{number}:LOAD {{0}}",
            GetParser = ParseLoad,
            SetFormatter = load => double.IsPositiveInfinity(load) ? "INF" : load.ToString("R", CultureInfo.InvariantCulture),
            Validator = new MultiType(new Numbers(1, 10_000), new EnumValues(double.PositiveInfinity)),
            Docstring = "The load the amplitude is calibrated for; infinity for high impedance.",
        };
    }

    /// <summary>The phase offset.</summary>
    public Parameter<double> Phase { get; }

    /// <summary>The square wave's duty cycle.</summary>
    public Parameter<double> DutyCycle { get; }

    /// <summary>The ramp's symmetry.</summary>
    public Parameter<double> Symmetry { get; }

    /// <inheritdoc/>
    public override Parameter<bool> Output { get; }

    /// <summary>The expected load.</summary>
    public Parameter<double> Load { get; }

    private static WaveformGeneratorChannelCommandSet Commands() => new()
    {
        Source = "SOUR{0}:",
        Shapes = ShapeTokens,
        MaxFrequency = 30e6,
        AmplitudeDocstring = "Peak to peak; at most 10 Vpp into 50 ohm, 20 Vpp into high impedance (the instrument enforces the load's limit).",
    };

    /// <summary>Sets shape, frequency, amplitude and offset in one command (<c>SOURn:APPL:SIN f,a,o</c>).</summary>
    public void Apply(WaveformShape shape, double frequency, double amplitude, double offset)
    {
        Function.Validate(shape);
        Frequency.Validate(frequency);
        Amplitude.Validate(amplitude);
        Offset.Validate(offset);
        Write(string.Create(CultureInfo.InvariantCulture, $"SOUR{ChannelId}:APPL:{ShapeTokens[shape]} {frequency:R},{amplitude:R},{offset:R}"));
        Function.Cache.Set(shape);
        Frequency.Cache.Set(frequency);
        Amplitude.Cache.Set(amplitude);
        Offset.Cache.Set(offset);
    }

    private static double ParseLoad(string reply)
    {
        var text = reply.Trim();
        if (text.StartsWith("INF", StringComparison.OrdinalIgnoreCase))
            return double.PositiveInfinity;
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        // The instrument answers 9.9E+37 for an infinite load.
        return value >= 9.9e37 ? double.PositiveInfinity : value;
    }
}
