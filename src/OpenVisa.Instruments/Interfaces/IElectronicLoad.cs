namespace OpenVisa.Instruments.Interfaces;

/// <summary>What an electronic load regulates.</summary>
public enum LoadMode
{
    /// <summary>Constant current.</summary>
    ConstantCurrent,

    /// <summary>Constant voltage.</summary>
    ConstantVoltage,

    /// <summary>Constant resistance.</summary>
    ConstantResistance,

    /// <summary>Constant power.</summary>
    ConstantPower,
}

/// <summary>A DC electronic load.</summary>
public interface IElectronicLoad : IInstrument
{
    /// <summary>The regulation mode.</summary>
    [ParameterSpec("mode")]
    Parameter<LoadMode> Mode { get; }

    /// <summary>The constant-current set point.</summary>
    [ParameterSpec("current", "A")]
    Parameter<double> Current { get; }

    /// <summary>The constant-voltage set point.</summary>
    [ParameterSpec("voltage", "V")]
    Parameter<double> Voltage { get; }

    /// <summary>The constant-resistance set point.</summary>
    [ParameterSpec("resistance", "Ohm")]
    Parameter<double> Resistance { get; }

    /// <summary>The constant-power set point.</summary>
    [ParameterSpec("power", "W")]
    Parameter<double> Power { get; }

    /// <summary>Whether the input draws current.</summary>
    [ParameterSpec("input")]
    Parameter<bool> Input { get; }

    /// <summary>The voltage measured at the input.</summary>
    [ParameterSpec("measured_voltage", "V")]
    Parameter<double> MeasuredVoltage { get; }

    /// <summary>The current measured at the input.</summary>
    [ParameterSpec("measured_current", "A")]
    Parameter<double> MeasuredCurrent { get; }

    /// <summary>The power measured at the input.</summary>
    [ParameterSpec("measured_power", "W")]
    Parameter<double> MeasuredPower { get; }
}
