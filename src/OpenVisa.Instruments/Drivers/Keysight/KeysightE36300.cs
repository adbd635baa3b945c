using OpenVisa.Instruments.Interfaces;

namespace OpenVisa.Instruments.Drivers.Keysight;

/// <summary>The E36300-family models and their output ratings.</summary>
public enum KeysightE36300Model
{
    /// <summary>E36312A: 6 V / 5 A, 25 V / 1 A, 25 V / 1 A.</summary>
    E36312A,

    /// <summary>E36313A: 6 V / 10 A, 25 V / 2 A, 25 V / 2 A.</summary>
    E36313A,

    /// <summary>EDU36311A: 6 V / 5 A, 30 V / 1 A, 30 V / 1 A.</summary>
    EDU36311A,
}

/// <summary>
/// Keysight E36312A, E36313A and EDU36311A triple-output bench supplies (E36300 programming guide): each output is
/// addressed with a channel list, <c>VOLT 5,(@1)</c>, <c>MEAS:VOLT? (@1)</c>. Validators follow the model's ratings.
/// </summary>
public sealed class KeysightE36300 : ScpiInstrument, IPowerSupply
{
    /// <summary>Creates the driver (no I/O until used).</summary>
    public KeysightE36300(string name, MessageBasedResource? resource, KeysightE36300Model model = KeysightE36300Model.E36313A, InstrumentOptions? options = null)
        : base(name, resource, options, LineFeedDefaults)
    {
        Model = model;
        var channels = new List<KeysightE36300Channel>();
        for (var number = 1; number <= 3; number++)
        {
            var (volts, amps) = Rating(model, number);
            channels.Add(AddSubmodule($"ch{number}", new KeysightE36300Channel(this, number, volts, amps)));
        }
        Channels = AddSubmodule("channels", new ChannelList<KeysightE36300Channel>(this, "channels", channels, snapshotable: false));
    }

    /// <summary>The model, which sets the ratings.</summary>
    public KeysightE36300Model Model { get; }

    /// <summary>The three outputs.</summary>
    public ChannelList<KeysightE36300Channel> Channels { get; }

    /// <inheritdoc/>
    public int ChannelCount => Channels.Count;

    /// <summary>Output <paramref name="number"/> (1 to 3).</summary>
    public KeysightE36300Channel Channel(int number) => ChannelAt(Channels, number);

    IPowerSupplyChannel IChannelled<IPowerSupplyChannel>.Channel(int number) => Channel(number);

    /// <inheritdoc/>
    public void AllOutputsOff() => Channels.Set(c => c.Output, false);

    /// <inheritdoc/>
    public ValueTask AllOutputsOffAsync(CancellationToken cancellationToken = default) =>
        Channels.SetAsync(c => c.Output, false, cancellationToken);

    /// <summary>The rated voltage and current of output <paramref name="number"/> of <paramref name="model"/>.</summary>
    public static (double Volts, double Amps) Rating(KeysightE36300Model model, int number) => (model, number) switch
    {
        (_, 1) when model == KeysightE36300Model.E36313A => (6, 10),
        (_, 1) => (6, 5),
        (KeysightE36300Model.E36313A, _) => (25, 2),
        (KeysightE36300Model.EDU36311A, _) => (30, 1),
        _ => (25, 1),
    };
}

/// <summary>One output of an E36300-family supply.</summary>
public sealed class KeysightE36300Channel : InstrumentChannel, IPowerSupplyChannel
{
    internal KeysightE36300Channel(KeysightE36300 parent, int number, double ratedVolts, double ratedAmps)
        : base(parent, $"ch{number}", number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Output {number}")
    {
        var list = $"(@{ChannelId})";
        Voltage = new Parameter<double>("voltage", this)
        {
            Label = "Voltage",
            Unit = "V",
            GetCommand = $"VOLT? {list}",
            SetCommand = $"VOLT {{0}},{list}",
            Validator = new Validators.Numbers(0, ratedVolts),
            Docstring = "The voltage set point.",
        };
        Current = new Parameter<double>("current", this)
        {
            Label = "Current limit",
            Unit = "A",
            GetCommand = $"CURR? {list}",
            SetCommand = $"CURR {{0}},{list}",
            Validator = new Validators.Numbers(0, ratedAmps),
            Docstring = "The current limit.",
        };
        Output = new Parameter<bool>("output", this)
        {
            Label = "Output",
            GetCommand = $"OUTP? {list}",
            SetCommand = $"OUTP {{0}},{list}",
            Mapping = ValueMapping.OnOff(),
        };
        MeasuredVoltage = new Parameter<double>("measured_voltage", this)
        {
            Label = "Measured voltage",
            Unit = "V",
            GetCommand = $"MEAS:VOLT? {list}",
        };
        MeasuredCurrent = new Parameter<double>("measured_current", this)
        {
            Label = "Measured current",
            Unit = "A",
            GetCommand = $"MEAS:CURR? {list}",
        };
        OverCurrentProtection = new Parameter<bool>("ocp_enabled", this)
        {
            Label = "Over-current protection",
            GetCommand = $"CURR:PROT:STAT? {list}",
            SetCommand = $"CURR:PROT:STAT {{0}},{list}",
            Mapping = ValueMapping.OnOff(),
        };
    }

    /// <inheritdoc/>
    public Parameter<double> Voltage { get; }

    /// <inheritdoc/>
    public Parameter<double> Current { get; }

    /// <inheritdoc/>
    public Parameter<bool> Output { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredVoltage { get; }

    /// <inheritdoc/>
    public Parameter<double> MeasuredCurrent { get; }

    /// <summary>Whether the output turns off when the current limit is reached.</summary>
    public Parameter<bool> OverCurrentProtection { get; }

    /// <summary>Clears a tripped protection so the output can be turned on again.</summary>
    public void ClearProtection() => Write($"OUTP:PROT:CLE (@{ChannelId})");

    /// <summary>Clears a tripped protection so the output can be turned on again.</summary>
    public ValueTask ClearProtectionAsync(CancellationToken cancellationToken = default) =>
        WriteAsync($"OUTP:PROT:CLE (@{ChannelId})", cancellationToken);
}
