using System.Globalization;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers;

/// <summary>
/// One output of a SCPI generator whose settings are queried one by one under a source prefix (<c>SOUR1:FREQ?</c>):
/// <c>ch1</c>, labelled <c>Output 1</c>, with function, frequency, amplitude (Vpp, up to 20) and offset (±10 V) made
/// here, first and in that order, from a <see cref="WaveformGeneratorChannelCommandSet"/>. The family adds the rest
/// (phase, duty cycle, symmetry, output, load), whose commands, ranges and order differ between families.
/// </summary>
public abstract class ScpiWaveformGeneratorChannel : InstrumentChannel, IWaveformGeneratorChannel
{
    /// <summary>Creates output <paramref name="number"/> (from 1) of <paramref name="parent"/>.</summary>
    protected ScpiWaveformGeneratorChannel(InstrumentBase parent, int number, WaveformGeneratorChannelCommandSet commands)
        : base(parent, $"ch{number}", number.ToString(CultureInfo.InvariantCulture), $"Output {number}")
    {
        ArgumentNullException.ThrowIfNull(commands);
        var source = string.Format(CultureInfo.InvariantCulture, commands.Source, number);
        Function = new Parameter<WaveformShape>("function", this)
        {
            Label = "Function",
            GetCommand = source + "FUNC?",
            SetCommand = source + "FUNC {0}",
            Mapping = commands.Shapes,
            Docstring = commands.FunctionDocstring,
        };
        Frequency = new Parameter<double>("frequency", this) { Label = "Frequency", Unit = "Hz", GetCommand = source + "FREQ?", SetCommand = source + "FREQ {0}", Validator = new Numbers(1e-6, commands.MaxFrequency) };
        Amplitude = new Parameter<double>("amplitude", this)
        {
            Label = "Amplitude",
            Unit = "Vpp",
            GetCommand = source + "VOLT?",
            SetCommand = source + "VOLT {0}",
            Validator = new Numbers(1e-3, 20),
            Docstring = commands.AmplitudeDocstring,
        };
        Offset = new Parameter<double>("offset", this) { Label = "Offset", Unit = "V", GetCommand = source + "VOLT:OFFS?", SetCommand = source + "VOLT:OFFS {0}", Validator = new Numbers(-10, 10) };
    }

    /// <inheritdoc/>
    public Parameter<WaveformShape> Function { get; }

    /// <inheritdoc/>
    public Parameter<double> Frequency { get; }

    /// <inheritdoc/>
    public Parameter<double> Amplitude { get; }

    /// <inheritdoc/>
    public Parameter<double> Offset { get; }

    /// <inheritdoc/>
    public abstract Parameter<bool> Output { get; }
}
