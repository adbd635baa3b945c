namespace OpenVisa.Instruments.Interfaces;

/// <summary>What a source meter sources.</summary>
public enum SourceFunction
{
    /// <summary>It sources a voltage and limits the current.</summary>
    Voltage,

    /// <summary>It sources a current and limits the voltage.</summary>
    Current,
}

/// <summary>One source-and-measure reading.</summary>
/// <param name="Voltage">Volts.</param>
/// <param name="Current">Amperes.</param>
public sealed record SourceMeasurement(double Voltage, double Current)
{
    /// <summary>Voltage over current; infinite when no current flows.</summary>
    public double Resistance => Current == 0 ? double.PositiveInfinity : Voltage / Current;
}

/// <summary>A source-measure unit.</summary>
public interface ISourceMeter : IInstrument
{
    /// <summary>What is sourced.</summary>
    [ParameterSpec("source_function")]
    Parameter<SourceFunction> SourceFunction { get; }

    /// <summary>The voltage sourced (in voltage mode).</summary>
    [ParameterSpec("voltage", "V")]
    Parameter<double> Voltage { get; }

    /// <summary>The current sourced (in current mode).</summary>
    [ParameterSpec("current", "A")]
    Parameter<double> Current { get; }

    /// <summary>The voltage limit (in current mode).</summary>
    [ParameterSpec("voltage_compliance", "V")]
    Parameter<double> VoltageCompliance { get; }

    /// <summary>The current limit (in voltage mode).</summary>
    [ParameterSpec("current_compliance", "A")]
    Parameter<double> CurrentCompliance { get; }

    /// <summary>Whether the output is on.</summary>
    [ParameterSpec("output")]
    Parameter<bool> Output { get; }

    /// <summary>The measured voltage.</summary>
    [ParameterSpec("measured_voltage", "V")]
    Parameter<double> MeasuredVoltage { get; }

    /// <summary>The measured current.</summary>
    [ParameterSpec("measured_current", "A")]
    Parameter<double> MeasuredCurrent { get; }

    /// <summary>Takes one reading of voltage and current.</summary>
    SourceMeasurement Measure();

    /// <summary>Takes one reading of voltage and current.</summary>
    ValueTask<SourceMeasurement> MeasureAsync(CancellationToken cancellationToken = default);
}
