using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Keithley;

/// <summary>
/// Keithley 2400-series SourceMeters (2400 reference manual, SCPI): source voltage or current with the other limited by
/// compliance, read voltage and current with <c>:READ?</c>. A read turns the output on when it is off (the 2400's
/// auto output-off), so measurements are not read by snapshots.
/// </summary>
public sealed class Keithley2400 : ScpiInstrument, ISourceMeter
{
    /// <summary>Creates the driver (no I/O until used).</summary>
    public Keithley2400(string name, MessageBasedResource? resource, InstrumentOptions? options = null)
        : base(name, resource, options, LineFeedDefaults with { Timeout = TimeSpan.FromSeconds(10) })
    {
        SourceFunction = new Parameter<SourceFunction>("source_function", this)
        {
            Label = "Source function",
            GetCommand = ":SOUR:FUNC?",
            SetCommand = ":SOUR:FUNC {0}",
            Mapping = new ValueMapping<SourceFunction> { [Interfaces.SourceFunction.Voltage] = "VOLT", [Interfaces.SourceFunction.Current] = "CURR" },
        };
        Voltage = new Parameter<double>("voltage", this) { Label = "Source voltage", Unit = "V", GetCommand = ":SOUR:VOLT:LEV?", SetCommand = ":SOUR:VOLT:LEV {0}", Validator = new Numbers(-210, 210) };
        Current = new Parameter<double>("current", this) { Label = "Source current", Unit = "A", GetCommand = ":SOUR:CURR:LEV?", SetCommand = ":SOUR:CURR:LEV {0}", Validator = new Numbers(-1.05, 1.05) };
        VoltageCompliance = new Parameter<double>("voltage_compliance", this) { Label = "Voltage compliance", Unit = "V", GetCommand = ":SENS:VOLT:PROT?", SetCommand = ":SENS:VOLT:PROT {0}", Validator = new Numbers(0, 210) };
        CurrentCompliance = new Parameter<double>("current_compliance", this) { Label = "Current compliance", Unit = "A", GetCommand = ":SENS:CURR:PROT?", SetCommand = ":SENS:CURR:PROT {0}", Validator = new Numbers(0, 1.05) };
        Output = new Parameter<bool>("output", this) { Label = "Output", GetCommand = ":OUTP?", SetCommand = ":OUTP {0}", Mapping = ValueMapping.OnOff() };
        Nplc = new Parameter<double>("nplc", this) { Label = "Integration time", GetCommand = ":SENS:CURR:NPLC?", SetCommand = ":SENS:CURR:NPLC {0}", Validator = new Numbers(0.01, 10) };
        FourWire = new Parameter<bool>("four_wire", this) { Label = "Remote sense", GetCommand = ":SYST:RSEN?", SetCommand = ":SYST:RSEN {0}", Mapping = ValueMapping.OnOff() };
        MeasuredVoltage = new Parameter<double>("measured_voltage", this)
        {
            Label = "Measured voltage",
            Unit = "V",
            Getter = () => Measure().Voltage,
            AsyncGetter = async ct => (await MeasureAsync(ct).ConfigureAwait(false)).Voltage,
            SnapshotGet = false,
        };
        MeasuredCurrent = new Parameter<double>("measured_current", this)
        {
            Label = "Measured current",
            Unit = "A",
            Getter = () => Measure().Current,
            AsyncGetter = async ct => (await MeasureAsync(ct).ConfigureAwait(false)).Current,
            SnapshotGet = false,
        };
    }

    /// <inheritdoc/>
    public Parameter<SourceFunction> SourceFunction { get; }

    /// <inheritdoc/>
    public Parameter<double> Voltage { get; }

    /// <inheritdoc/>
    public Parameter<double> Current { get; }

    /// <inheritdoc/>
    public Parameter<double> VoltageCompliance { get; }

    /// <inheritdoc/>
    public Parameter<double> CurrentCompliance { get; }

    /// <inheritdoc/>
    public Parameter<bool> Output { get; }

    /// <summary>Integration time in power-line cycles (shared by all measurement functions).</summary>
    public Parameter<double> Nplc { get; }

    /// <summary>Four-wire (remote) sensing.</summary>
    public Parameter<bool> FourWire { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredVoltage { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredCurrent { get; }

    /// <inheritdoc/>
    public SourceMeasurement Measure()
    {
        Write(":FORM:ELEM VOLT,CURR");
        return Reading(AskAsciiValues<double>(":READ?"));
    }

    /// <inheritdoc/>
    public async ValueTask<SourceMeasurement> MeasureAsync(CancellationToken cancellationToken = default)
    {
        await WriteAsync(":FORM:ELEM VOLT,CURR", cancellationToken).ConfigureAwait(false);
        return Reading(await AskAsciiValuesAsync<double>(":READ?", cancellationToken).ConfigureAwait(false));
    }

    private SourceMeasurement Reading(double[] values)
    {
        if (values.Length < 2)
            throw new FormatException($"{Name}: :READ? returned {values.Length} value(s); voltage and current were expected (:FORM:ELEM VOLT,CURR).");
        var reading = new SourceMeasurement(values[0], values[1]);
        MeasuredVoltage.Cache.Set(reading.Voltage);
        MeasuredCurrent.Cache.Set(reading.Current);
        return reading;
    }
}
