using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Keysight;

/// <summary>The Truevolt 3446xA models.</summary>
public enum Keysight3446xAModel
{
    /// <summary>34460A, 5½ digits.</summary>
    Model34460A,

    /// <summary>34461A, 6½ digits.</summary>
    Model34461A,

    /// <summary>34465A, 6½ digits, more integration times.</summary>
    Model34465A,

    /// <summary>34470A, 7½ digits.</summary>
    Model34470A,
}

/// <summary>
/// Keysight Truevolt 34460A/34461A/34465A/34470A digital multimeters (3446xA programming reference). Integration time,
/// range and autorange apply to the present function, so they are read and set through it; measurements switch the
/// function (<c>MEAS:VOLT:DC?</c>) and are therefore not read by snapshots.
/// </summary>
public sealed partial class Keysight3446xA : ScpiInstrument, IMultimeter
{
    private static readonly double[] NplcBasic = [0.02, 0.2, 1, 10, 100];
    private static readonly double[] NplcExtended = [0.001, 0.002, 0.006, 0.02, 0.06, 0.2, 1, 10, 100];

    /// <summary>Creates the driver (no I/O until used).</summary>
    public Keysight3446xA(string name, MessageBasedResource? resource, Keysight3446xAModel model = Keysight3446xAModel.Model34461A, InstrumentOptions? options = null)
        : base(name, resource, options, LineFeedDefaults)
    {
        Model = model;
        NplcValues = model is Keysight3446xAModel.Model34465A or Keysight3446xAModel.Model34470A ? NplcExtended : NplcBasic;
        Function = new Parameter<MeasurementFunction>("function", this)
        {
            Label = "Function",
            GetCommand = "SENS:FUNC?",
            SetCommand = "SENS:FUNC {0}",
            Mapping = FunctionTokens,
        };
        Nplc = new Parameter<double>("nplc", this)
        {
            Label = "Integration time",
            Getter = () => ScpiReplies.Number(Ask(SettingQuery("NPLC")), "NPLC?"),
            AsyncGetter = async ct => ScpiReplies.Number(await AskAsync(await SettingQueryAsync("NPLC", ct).ConfigureAwait(false), ct).ConfigureAwait(false), "NPLC?"),
            Setter = v => Write(SettingCommand("NPLC", ScpiReplies.Format(v))),
            AsyncSetter = async (v, ct) => await WriteAsync(await SettingCommandAsync("NPLC", ScpiReplies.Format(v), ct).ConfigureAwait(false), ct).ConfigureAwait(false),
            Validator = new EnumValues([.. NplcValues.Cast<object?>()]),
            Docstring = "Power-line cycles per reading, for DC voltage, DC current and resistance.",
        };
        Range = new Parameter<double>("range", this)
        {
            Label = "Range",
            Getter = () => ScpiReplies.Number(Ask(SettingQuery("RANG")), "RANG?"),
            AsyncGetter = async ct => ScpiReplies.Number(await AskAsync(await SettingQueryAsync("RANG", ct).ConfigureAwait(false), ct).ConfigureAwait(false), "RANG?"),
            Setter = v => Write(SettingCommand("RANG", ScpiReplies.Format(v))),
            AsyncSetter = async (v, ct) => await WriteAsync(await SettingCommandAsync("RANG", ScpiReplies.Format(v), ct).ConfigureAwait(false), ct).ConfigureAwait(false),
            Validator = new RangeValidator(this),
            Docstring = "The range of the present function (volts, amperes or ohms); setting it turns autorange off.",
        };
        AutoRange = new Parameter<bool>("autorange", this)
        {
            Label = "Autorange",
            Getter = () => ScpiReplies.Boolean(Ask(SettingQuery("RANG:AUTO")), "RANG:AUTO?"),
            AsyncGetter = async ct => ScpiReplies.Boolean(await AskAsync(await SettingQueryAsync("RANG:AUTO", ct).ConfigureAwait(false), ct).ConfigureAwait(false), "RANG:AUTO?"),
            Setter = v => Write(SettingCommand("RANG:AUTO", v ? "ON" : "OFF")),
            AsyncSetter = async (v, ct) => await WriteAsync(await SettingCommandAsync("RANG:AUTO", v ? "ON" : "OFF", ct).ConfigureAwait(false), ct).ConfigureAwait(false),
        };
        Voltage = Measurement("voltage", "DC voltage", "V", MeasurementFunction.DcVoltage);
        AcVoltage = Measurement("ac_voltage", "AC voltage", "V", MeasurementFunction.AcVoltage);
        Current = Measurement("current", "DC current", "A", MeasurementFunction.DcCurrent);
        Resistance = Measurement("resistance", "Resistance", "Ohm", MeasurementFunction.Resistance);
        Frequency = Measurement("frequency", "Frequency", "Hz", MeasurementFunction.Frequency);
        LineFrequency = new Parameter<int>("line_frequency", this) { Label = "Line frequency", Unit = "Hz", GetCommand = "SYST:LFR?" };
        Trigger = AddSubmodule("trigger", new Keysight3446xATrigger(this));
        Sample = AddSubmodule("sample", new Keysight3446xASample(this));
        Display = AddSubmodule("display", new Keysight3446xADisplay(this));
    }

    /// <summary>The model.</summary>
    public Keysight3446xAModel Model { get; }

    /// <summary>The integration times the model accepts, in power-line cycles.</summary>
    public IReadOnlyList<double> NplcValues { get; }

    /// <inheritdoc/>
    public Parameter<MeasurementFunction> Function { get; }

    /// <inheritdoc/>
    public Parameter<double> Nplc { get; }

    /// <summary>The range of the present function.</summary>
    public Parameter<double> Range { get; }

    /// <inheritdoc/>
    public Parameter<bool> AutoRange { get; }

    /// <inheritdoc/>
    public Parameter<double> Voltage { get; }

    /// <summary>An AC-voltage measurement (switches the function).</summary>
    public Parameter<double> AcVoltage { get; }

    /// <inheritdoc/>
    public Parameter<double> Current { get; }

    /// <inheritdoc/>
    public Parameter<double> Resistance { get; }

    /// <summary>A frequency measurement (switches the function).</summary>
    public Parameter<double> Frequency { get; }

    /// <summary>The power-line frequency the meter measured at power-on.</summary>
    public Parameter<int> LineFrequency { get; }

    /// <summary>Trigger count, source, delay and slope.</summary>
    public Keysight3446xATrigger Trigger { get; }

    /// <summary>Samples per trigger.</summary>
    public Keysight3446xASample Sample { get; }

    /// <summary>The front-panel display.</summary>
    public Keysight3446xADisplay Display { get; }

    /// <inheritdoc/>
    public double Measure(MeasurementFunction function)
    {
        var value = ScpiReplies.Number(Ask(MeasureQuery(function)), MeasureQuery(function));
        Function.Cache.Set(function);
        return value;
    }

    /// <inheritdoc/>
    public async ValueTask<double> MeasureAsync(MeasurementFunction function, CancellationToken cancellationToken = default)
    {
        var value = ScpiReplies.Number(await AskAsync(MeasureQuery(function), cancellationToken).ConfigureAwait(false), MeasureQuery(function));
        Function.Cache.Set(function);
        return value;
    }

    /// <summary>Sets the function with default range and resolution (<c>CONF:…</c>) without measuring.</summary>
    public void Configure(MeasurementFunction function)
    {
        Write("CONF:" + Mnemonic(function));
        Function.Cache.Set(function);
    }

    /// <inheritdoc/>
    public double Read() => AskAsciiValues<double>("READ?")[0];

    /// <inheritdoc/>
    public async ValueTask<double> ReadAsync(CancellationToken cancellationToken = default) =>
        (await AskAsciiValuesAsync<double>("READ?", cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Starts a measurement (<c>INIT</c>); read it with <see cref="Fetch"/>.</summary>
    public void Initiate() => Write("INIT");

    /// <summary>The readings of the last measurement (<c>FETC?</c>).</summary>
    public double[] Fetch() => AskAsciiValues<double>("FETC?");

    /// <summary>Stops a measurement in progress.</summary>
    public void Abort() => Write("ABOR");

    private Parameter<double> Measurement(string name, string label, string unit, MeasurementFunction function) => new(name, this)
    {
        Label = label,
        Unit = unit,
        GetCommand = MeasureQuery(function),
        SnapshotGet = false,
        Docstring = $"One {label} measurement with automatic range (switches the function to {function}).",
    };
}
