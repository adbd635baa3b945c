using System.Globalization;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Siglent;

/// <summary>
/// Siglent SDG2000X function/arbitrary generators (SDG2042X, SDG2082X, SDG2122X; SDG series programming guide). The SDG
/// has no query per setting: <c>C&lt;n&gt;:BSWV?</c> answers every basic-wave setting of a channel in one list
/// (<c>C1:BSWV WVTP,SINE,FRQ,1000HZ,AMP,4V,OFST,0V,PHSE,0,...</c>) and <c>C&lt;n&gt;:OUTP?</c> the output state and load,
/// so each parameter reads that list and picks its item; a set sends one <c>NAME,value</c> pair. The SDG has no
/// triangle type: a triangle is a ramp of 50 % symmetry.
/// </summary>
public sealed class SiglentSdg2000X : ScpiWaveformGenerator<SiglentSdg2000XChannel>
{
    /// <summary>Creates the driver for a two-channel generator whose sine reaches <paramref name="maxFrequency"/> (no I/O until used).</summary>
    public SiglentSdg2000X(string name, MessageBasedResource? resource, double maxFrequency = 40e6, InstrumentOptions? options = null)
        : base(name, resource, options, 2, 2, (generator, number) => new SiglentSdg2000XChannel(generator, number, CheckedMaxFrequency(maxFrequency)))
    {
        MaxFrequency = maxFrequency;
    }

    /// <summary>The highest sine frequency of the model.</summary>
    public double MaxFrequency { get; }
}

/// <summary>One output of an SDG2000X.</summary>
public sealed class SiglentSdg2000XChannel : InstrumentChannel, IWaveformGeneratorChannel
{
    private static readonly ValueMapping<WaveformShape> ShapeTokens = new()
    {
        [WaveformShape.Sine] = "SINE",
        [WaveformShape.Square] = "SQUARE",
        [WaveformShape.Ramp] = "RAMP",
        [WaveformShape.Pulse] = "PULSE",
        [WaveformShape.Noise] = "NOISE",
        [WaveformShape.Dc] = "DC",
        [WaveformShape.Arbitrary] = "ARB",
    };

    internal SiglentSdg2000XChannel(InstrumentBase parent, int number, double maxFrequency)
        : base(parent, $"ch{number}", number.ToString(CultureInfo.InvariantCulture), $"Output {number}")
    {
        Function = new Parameter<WaveformShape>("function", this)
        {
            Label = "Wave type",
            Getter = () => ParseShape(BasicWave().Text("WVTP")),
            Setter = shape => SetBasicWave("WVTP", ShapeTokens[shape]),
            Validator = new EnumValues([.. ShapeTokens.Values.Cast<object>()]),
            Docstring = "Triangle is not an SDG wave type; use Ramp with a symmetry of 50 %.",
        };
        Frequency = NumberOf("frequency", "Frequency", "Hz", "FRQ", new Numbers(1e-6, maxFrequency));
        Amplitude = NumberOf("amplitude", "Amplitude", "Vpp", "AMP", new Numbers(2e-3, 20));
        Offset = NumberOf("offset", "Offset", "V", "OFST", new Numbers(-10, 10));
        Phase = NumberOf("phase", "Phase", "deg", "PHSE", new Numbers(0, 360));
        DutyCycle = NumberOf("duty_cycle", "Square duty cycle", "%", "DUTY", new Numbers(0.001, 99.999));
        Symmetry = NumberOf("ramp_symmetry", "Ramp symmetry", "%", "SYM", new Numbers(0, 100));
        Output = new Parameter<bool>("output", this)
        {
            Label = "Output",
            Getter = () => ParseOnOff(OutputSettings().First),
            Setter = on => Write($"C{ChannelId}:OUTP {(on ? "ON" : "OFF")}"),
        };
        Load = new Parameter<double>("load", this)
        {
            Label = "Expected load",
            Unit = "Ohm",
            Getter = () => GeneratorReplies.Load(OutputSettings().Text("LOAD"), $"C{ChannelId}:OUTP?"),
            Setter = load => Write($"C{ChannelId}:OUTP LOAD,{GeneratorReplies.FormatLoad(load, "HZ")}"),
            Validator = new MultiType(new Numbers(50, 100_000), new EnumValues(double.PositiveInfinity)),
            Docstring = "The load the amplitude is calibrated for: 50 ohm to 100 kohm, or infinity for high impedance (HZ).",
        };
    }

    /// <inheritdoc/>
    public Parameter<WaveformShape> Function { get; }

    /// <inheritdoc/>
    public Parameter<double> Frequency { get; }

    /// <inheritdoc/>
    public Parameter<double> Amplitude { get; }

    /// <inheritdoc/>
    public Parameter<double> Offset { get; }

    /// <summary>The phase.</summary>
    public Parameter<double> Phase { get; }

    /// <summary>The square wave's duty cycle (only while the type is Square or Pulse).</summary>
    public Parameter<double> DutyCycle { get; }

    /// <summary>The ramp's symmetry (only while the type is Ramp).</summary>
    public Parameter<double> Symmetry { get; }

    /// <inheritdoc/>
    public Parameter<bool> Output { get; }

    /// <summary>The expected load.</summary>
    public Parameter<double> Load { get; }

    /// <summary>Every basic-wave setting of the channel in one query (<c>C&lt;n&gt;:BSWV?</c>).</summary>
    public SiglentSettingList BasicWave() => SiglentSettingList.Parse(Ask($"C{ChannelId}:BSWV?"));

    /// <summary>The output state, load and polarity in one query (<c>C&lt;n&gt;:OUTP?</c>).</summary>
    public SiglentSettingList OutputSettings() => SiglentSettingList.Parse(Ask($"C{ChannelId}:OUTP?"));

    private Parameter<double> NumberOf(string name, string label, string unit, string item, Validator validator) => new(name, this)
    {
        Label = label,
        Unit = unit,
        Getter = () => BasicWave().Number(item),
        Setter = value => SetBasicWave(item, value.ToString("R", CultureInfo.InvariantCulture)),
        Validator = validator,
        SnapshotGet = item is not ("DUTY" or "SYM"),
    };

    private void SetBasicWave(string item, string value) => Write($"C{ChannelId}:BSWV {item},{value}");

    private static WaveformShape ParseShape(string token)
    {
        foreach (var (shape, text) in ShapeTokens)
        {
            if (text.Equals(token, StringComparison.OrdinalIgnoreCase))
                return shape;
        }
        throw new FormatException($"The wave type '{token}' is not one this driver knows ({string.Join(", ", ShapeTokens.Select(p => p.Value))}).");
    }

    private static bool ParseOnOff(string token) => token.ToUpperInvariant() switch
    {
        "ON" => true,
        "OFF" => false,
        _ => throw new FormatException($"The output state '{token}' is neither ON nor OFF."),
    };
}
