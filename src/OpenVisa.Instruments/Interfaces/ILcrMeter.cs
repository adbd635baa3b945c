namespace OpenVisa.Instruments.Interfaces;

/// <summary>
/// The pair of quantities an LCR meter reports (primary then secondary), as the common bench meters (Keysight E4980A,
/// E4990A, Rigol, GW Instek) name them: <c>CpD</c> is parallel capacitance with dissipation factor, and so on.
/// </summary>
public enum ImpedanceFunction
{
    /// <summary>Parallel capacitance (F) and dissipation factor.</summary>
    CpD,

    /// <summary>Parallel capacitance (F) and quality factor.</summary>
    CpQ,

    /// <summary>Parallel capacitance (F) and conductance (S).</summary>
    CpG,

    /// <summary>Parallel capacitance (F) and parallel resistance (Ohm).</summary>
    CpRp,

    /// <summary>Series capacitance (F) and dissipation factor.</summary>
    CsD,

    /// <summary>Series capacitance (F) and quality factor.</summary>
    CsQ,

    /// <summary>Series capacitance (F) and series resistance (Ohm).</summary>
    CsRs,

    /// <summary>Parallel inductance (H) and dissipation factor.</summary>
    LpD,

    /// <summary>Parallel inductance (H) and quality factor.</summary>
    LpQ,

    /// <summary>Parallel inductance (H) and conductance (S).</summary>
    LpG,

    /// <summary>Parallel inductance (H) and parallel resistance (Ohm).</summary>
    LpRp,

    /// <summary>Series inductance (H) and dissipation factor.</summary>
    LsD,

    /// <summary>Series inductance (H) and quality factor.</summary>
    LsQ,

    /// <summary>Series inductance (H) and series resistance (Ohm).</summary>
    LsRs,

    /// <summary>Resistance and reactance (Ohm).</summary>
    RX,

    /// <summary>Impedance magnitude (Ohm) and phase in degrees.</summary>
    ZThetaDegrees,

    /// <summary>Impedance magnitude (Ohm) and phase in radians.</summary>
    ZThetaRadians,

    /// <summary>Conductance and susceptance (S).</summary>
    GB,

    /// <summary>Admittance magnitude (S) and phase in degrees.</summary>
    YThetaDegrees,

    /// <summary>Admittance magnitude (S) and phase in radians.</summary>
    YThetaRadians,
}

/// <summary>One LCR reading: the function's primary and secondary values and the meter's status word.</summary>
/// <param name="Primary">The primary quantity (capacitance, inductance, resistance, |Z| …).</param>
/// <param name="Secondary">The secondary quantity (D, Q, G, Rs, X, θ …).</param>
/// <param name="Status">The meter's measurement status (0: normal; non-zero: overload or no data, by the meter's manual).</param>
public sealed record ImpedanceMeasurement(double Primary, double Secondary, int Status = 0)
{
    /// <summary>True when the meter reported a normal measurement.</summary>
    public bool IsValid => Status == 0;
}

/// <summary>An LCR (impedance) meter.</summary>
public interface ILcrMeter : IInstrument
{
    /// <summary>What the meter reports (primary and secondary quantity).</summary>
    [ParameterSpec("function")]
    Parameter<ImpedanceFunction> Function { get; }

    /// <summary>The test-signal frequency.</summary>
    [ParameterSpec("frequency", "Hz")]
    Parameter<double> Frequency { get; }

    /// <summary>The test-signal voltage level (RMS).</summary>
    [ParameterSpec("voltage_level", "V")]
    Parameter<double> VoltageLevel { get; }

    /// <summary>Triggers one measurement and reads it.</summary>
    ImpedanceMeasurement Measure();

    /// <summary>Triggers one measurement and reads it.</summary>
    ValueTask<ImpedanceMeasurement> MeasureAsync(CancellationToken cancellationToken = default);
}
