namespace OpenVisa.Instruments.Interfaces;

/// <summary>The heater power range of a control loop (Lakeshore's Off/Low/Medium/High, as most controllers have).</summary>
public enum HeaterRange
{
    /// <summary>The heater is off.</summary>
    Off,

    /// <summary>The lowest power range.</summary>
    Low,

    /// <summary>The middle power range.</summary>
    Medium,

    /// <summary>The highest power range.</summary>
    High,
}

/// <summary>A temperature controller with one or more control loops (numbered from 1).</summary>
public interface ITemperatureController : IInstrument, IChannelled<ITemperatureLoop>
{
}

/// <summary>One control loop: a set point, the temperature of its control input, and its heater.</summary>
public interface ITemperatureLoop
{
    /// <summary>The temperature the loop regulates to.</summary>
    [ParameterSpec("setpoint", "K")]
    Parameter<double> Setpoint { get; }

    /// <summary>The temperature measured at the loop's control input.</summary>
    [ParameterSpec("temperature", "K")]
    Parameter<double> Temperature { get; }

    /// <summary>The heater output, in percent of the present range.</summary>
    [ParameterSpec("heater_output", "%")]
    Parameter<double> HeaterOutput { get; }

    /// <summary>The heater range; <see cref="HeaterRange.Off"/> turns the heater off.</summary>
    [ParameterSpec("heater_range")]
    Parameter<HeaterRange> HeaterRange { get; }
}
