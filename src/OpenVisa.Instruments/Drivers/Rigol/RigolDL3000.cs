using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Rigol;

/// <summary>
/// Rigol DL3021/DL3031 DC electronic loads (DL3000 programming guide): constant current, voltage, resistance or power
/// with one set point each, the input switch, and voltage, current and power measurements. The LAN port is a raw
/// socket on 5555 (<c>TCPIP0::host::5555::SOCKET</c>).
/// </summary>
public sealed class RigolDL3000 : ScpiInstrument, IElectronicLoad
{
    /// <summary>Creates the driver for a load rated <paramref name="maxVolts"/>, <paramref name="maxAmps"/> and <paramref name="maxWatts"/> (DL3021: 150 V, 40 A, 200 W).</summary>
    public RigolDL3000(string name, MessageBasedResource? resource, double maxVolts = 150, double maxAmps = 40, double maxWatts = 200, InstrumentOptions? options = null)
        : base(name, resource, options, LineFeedDefaults)
    {
        var modes = new ValueMapping<LoadMode>
        {
            [LoadMode.ConstantCurrent] = "CURR",
            [LoadMode.ConstantVoltage] = "VOLT",
            [LoadMode.ConstantResistance] = "RES",
            [LoadMode.ConstantPower] = "POW",
        };
        // The query answers CC/CV/CR/CP; the long forms are accepted too.
        modes.AddReplyAlias("CC", LoadMode.ConstantCurrent).AddReplyAlias("CURRENT", LoadMode.ConstantCurrent)
            .AddReplyAlias("CV", LoadMode.ConstantVoltage).AddReplyAlias("VOLTAGE", LoadMode.ConstantVoltage)
            .AddReplyAlias("CR", LoadMode.ConstantResistance).AddReplyAlias("RESISTANCE", LoadMode.ConstantResistance)
            .AddReplyAlias("CP", LoadMode.ConstantPower).AddReplyAlias("POWER", LoadMode.ConstantPower);
        Mode = new Parameter<LoadMode>("mode", this) { Label = "Mode", GetCommand = ":SOUR:FUNC?", SetCommand = ":SOUR:FUNC {0}", Mapping = modes };
        Current = new Parameter<double>("current", this) { Label = "CC set point", Unit = "A", GetCommand = ":SOUR:CURR?", SetCommand = ":SOUR:CURR {0}", Validator = new Numbers(0, maxAmps) };
        Voltage = new Parameter<double>("voltage", this) { Label = "CV set point", Unit = "V", GetCommand = ":SOUR:VOLT?", SetCommand = ":SOUR:VOLT {0}", Validator = new Numbers(0, maxVolts) };
        Resistance = new Parameter<double>("resistance", this) { Label = "CR set point", Unit = "Ohm", GetCommand = ":SOUR:RES?", SetCommand = ":SOUR:RES {0}", Validator = new Numbers(0.05, 15_000) };
        Power = new Parameter<double>("power", this) { Label = "CP set point", Unit = "W", GetCommand = ":SOUR:POW?", SetCommand = ":SOUR:POW {0}", Validator = new Numbers(0, maxWatts) };
        Input = new Parameter<bool>("input", this) { Label = "Input on", GetCommand = ":INP?", SetCommand = ":INP {0}", Mapping = ValueMapping.OnOff() };
        MeasuredVoltage = new Parameter<double>("measured_voltage", this) { Label = "Measured voltage", Unit = "V", GetCommand = ":MEAS:VOLT?" };
        MeasuredCurrent = new Parameter<double>("measured_current", this) { Label = "Measured current", Unit = "A", GetCommand = ":MEAS:CURR?" };
        MeasuredPower = new Parameter<double>("measured_power", this) { Label = "Measured power", Unit = "W", GetCommand = ":MEAS:POW?" };
    }

    /// <inheritdoc/>
    public Parameter<LoadMode> Mode { get; }

    /// <inheritdoc/>
    public Parameter<double> Current { get; }

    /// <inheritdoc/>
    public Parameter<double> Voltage { get; }

    /// <inheritdoc/>
    public Parameter<double> Resistance { get; }

    /// <inheritdoc/>
    public Parameter<double> Power { get; }

    /// <inheritdoc/>
    public Parameter<bool> Input { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredVoltage { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredCurrent { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredPower { get; }
}
