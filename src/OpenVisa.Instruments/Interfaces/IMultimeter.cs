namespace OpenVisa.Instruments.Interfaces;

/// <summary>What a multimeter measures.</summary>
public enum MeasurementFunction
{
    /// <summary>DC voltage.</summary>
    DcVoltage,

    /// <summary>AC voltage (RMS).</summary>
    AcVoltage,

    /// <summary>DC current.</summary>
    DcCurrent,

    /// <summary>AC current (RMS).</summary>
    AcCurrent,

    /// <summary>Two-wire resistance.</summary>
    Resistance,

    /// <summary>Four-wire resistance.</summary>
    FourWireResistance,

    /// <summary>Frequency.</summary>
    Frequency,

    /// <summary>Period.</summary>
    Period,

    /// <summary>Capacitance.</summary>
    Capacitance,

    /// <summary>Temperature.</summary>
    Temperature,

    /// <summary>Continuity.</summary>
    Continuity,

    /// <summary>Diode test.</summary>
    Diode,
}

/// <summary>A digital multimeter.</summary>
public interface IMultimeter : IInstrument
{
    /// <summary>The function <see cref="Read"/> measures.</summary>
    [ParameterSpec("function")]
    Parameter<MeasurementFunction> Function { get; }

    /// <summary>The integration time in power-line cycles.</summary>
    [ParameterSpec("nplc")]
    Parameter<double> Nplc { get; }

    /// <summary>Whether the range follows the signal.</summary>
    [ParameterSpec("autorange")]
    Parameter<bool> AutoRange { get; }

    /// <summary>A DC-voltage measurement (switches the function).</summary>
    [ParameterSpec("voltage", "V")]
    Parameter<double> Voltage { get; }

    /// <summary>A DC-current measurement (switches the function).</summary>
    [ParameterSpec("current", "A")]
    Parameter<double> Current { get; }

    /// <summary>A two-wire resistance measurement (switches the function).</summary>
    [ParameterSpec("resistance", "Ohm")]
    Parameter<double> Resistance { get; }

    /// <summary>Measures <paramref name="function"/> once with automatic range, leaving the meter set to it.</summary>
    double Measure(MeasurementFunction function);

    /// <summary>Measures <paramref name="function"/> once with automatic range, leaving the meter set to it.</summary>
    ValueTask<double> MeasureAsync(MeasurementFunction function, CancellationToken cancellationToken = default);

    /// <summary>Takes a reading with the present settings.</summary>
    double Read();

    /// <summary>Takes a reading with the present settings.</summary>
    ValueTask<double> ReadAsync(CancellationToken cancellationToken = default);
}
