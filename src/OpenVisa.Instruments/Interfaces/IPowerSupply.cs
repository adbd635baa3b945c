namespace OpenVisa.Instruments.Interfaces;

/// <summary>A DC power supply with one or more outputs.</summary>
public interface IPowerSupply : IInstrument, IChannelled<IPowerSupplyChannel>
{
    /// <summary>Turns every output off.</summary>
    void AllOutputsOff();

    /// <summary>Turns every output off.</summary>
    ValueTask AllOutputsOffAsync(CancellationToken cancellationToken = default);
}

/// <summary>One output of a power supply.</summary>
public interface IPowerSupplyChannel
{
    /// <summary>The voltage set point.</summary>
    [ParameterSpec("voltage", "V")]
    Parameter<double> Voltage { get; }

    /// <summary>The current limit.</summary>
    [ParameterSpec("current", "A")]
    Parameter<double> Current { get; }

    /// <summary>Whether the output is on.</summary>
    [ParameterSpec("output")]
    Parameter<bool> Output { get; }

    /// <summary>The voltage measured at the output.</summary>
    [ParameterSpec("measured_voltage", "V")]
    Parameter<double> MeasuredVoltage { get; }

    /// <summary>The current measured at the output.</summary>
    [ParameterSpec("measured_current", "A")]
    Parameter<double> MeasuredCurrent { get; }
}
