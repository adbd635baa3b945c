using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Keysight;

/// <summary>The SCPI names of the functions, and the settings that follow the present function.</summary>
public sealed partial class Keysight3446xA
{
    /// <summary>The tokens of <c>SENS:FUNC</c> (quoted, as the meter writes them).</summary>
    public static readonly ValueMapping<MeasurementFunction> FunctionTokens = new()
    {
        [MeasurementFunction.DcVoltage] = "\"VOLT\"",
        [MeasurementFunction.AcVoltage] = "\"VOLT:AC\"",
        [MeasurementFunction.DcCurrent] = "\"CURR\"",
        [MeasurementFunction.AcCurrent] = "\"CURR:AC\"",
        [MeasurementFunction.Resistance] = "\"RES\"",
        [MeasurementFunction.FourWireResistance] = "\"FRES\"",
        [MeasurementFunction.Frequency] = "\"FREQ\"",
        [MeasurementFunction.Period] = "\"PER\"",
        [MeasurementFunction.Capacitance] = "\"CAP\"",
        [MeasurementFunction.Temperature] = "\"TEMP\"",
        [MeasurementFunction.Continuity] = "\"CONT\"",
        [MeasurementFunction.Diode] = "\"DIOD\"",
    };

    /// <summary>The mnemonic of <c>MEAS:…?</c> and <c>CONF:…</c> for a function.</summary>
    public static string Mnemonic(MeasurementFunction function) => function switch
    {
        MeasurementFunction.DcVoltage => "VOLT:DC",
        MeasurementFunction.AcVoltage => "VOLT:AC",
        MeasurementFunction.DcCurrent => "CURR:DC",
        MeasurementFunction.AcCurrent => "CURR:AC",
        MeasurementFunction.Resistance => "RES",
        MeasurementFunction.FourWireResistance => "FRES",
        MeasurementFunction.Frequency => "FREQ",
        MeasurementFunction.Period => "PER",
        MeasurementFunction.Capacitance => "CAP",
        MeasurementFunction.Temperature => "TEMP",
        MeasurementFunction.Continuity => "CONT",
        MeasurementFunction.Diode => "DIOD",
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown function."),
    };

    /// <summary>The ranges the meter offers for a function (empty when it has no range setting).</summary>
    public IReadOnlyList<double> RangesOf(MeasurementFunction function) => function switch
    {
        MeasurementFunction.DcVoltage or MeasurementFunction.AcVoltage => [0.1, 1, 10, 100, 1000],
        MeasurementFunction.DcCurrent when Model is Keysight3446xAModel.Model34465A or Keysight3446xAModel.Model34470A =>
            [1e-6, 10e-6, 100e-6, 1e-3, 10e-3, 100e-3, 1, 3, 10],
        MeasurementFunction.DcCurrent => Model == Keysight3446xAModel.Model34460A ? [100e-6, 1e-3, 10e-3, 100e-3, 1, 3] : [100e-6, 1e-3, 10e-3, 100e-3, 1, 3, 10],
        MeasurementFunction.AcCurrent => Model == Keysight3446xAModel.Model34460A ? [100e-6, 1e-3, 10e-3, 100e-3, 1, 3] : [100e-6, 1e-3, 10e-3, 100e-3, 1, 3, 10],
        MeasurementFunction.Resistance or MeasurementFunction.FourWireResistance => [100, 1e3, 10e3, 100e3, 1e6, 10e6, 100e6],
        _ => [],
    };

    private static string MeasureQuery(MeasurementFunction function) => "MEAS:" + Mnemonic(function) + "?";

    /// <summary>The <c>SENS:…</c> subsystem of the present function for a setting, or a message saying it has none.</summary>
    private static string SensePrefix(MeasurementFunction function, string setting)
    {
        var applies = setting == "NPLC"
            ? function is MeasurementFunction.DcVoltage or MeasurementFunction.DcCurrent or MeasurementFunction.Resistance or MeasurementFunction.FourWireResistance
            : function is MeasurementFunction.DcVoltage or MeasurementFunction.AcVoltage or MeasurementFunction.DcCurrent or MeasurementFunction.AcCurrent
                or MeasurementFunction.Resistance or MeasurementFunction.FourWireResistance;
        if (!applies)
            throw new InvalidOperationException($"The {function} function has no {setting} setting; switch the function first.");
        return "SENS:" + Mnemonic(function);
    }

    private string SettingQuery(string setting) => $"{SensePrefix(Function.Cache.Get(), setting)}:{setting}?";

    private async ValueTask<string> SettingQueryAsync(string setting, CancellationToken cancellationToken) =>
        $"{SensePrefix(await Function.Cache.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false), setting)}:{setting}?";

    private string SettingCommand(string setting, string value) => $"{SensePrefix(Function.Cache.Get(), setting)}:{setting} {value}";

    private async ValueTask<string> SettingCommandAsync(string setting, string value, CancellationToken cancellationToken) =>
        $"{SensePrefix(await Function.Cache.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false), setting)}:{setting} {value}";

    /// <summary>Accepts the ranges of the function in the cache (read from the meter when unknown).</summary>
    private sealed class RangeValidator(Keysight3446xA meter) : Validator
    {
        public override bool IsNumeric => true;

        public override string Repr => "<Enum: ranges of the present function>";

        public override string Description => "one of the ranges of the present function";

        protected internal override string? Check(object? value)
        {
            if (!meter.Function.Cache.HasValue)
                return null;
            var function = meter.Function.Cache.Value;
            var ranges = meter.RangesOf(function);
            if (ranges.Count == 0)
                return $"the {function} function has no range setting";
            return value is double d && ranges.Contains(d)
                ? null
                : $"must be one of the {function} ranges {{{string.Join(", ", ranges.Select(ValueText.Number))}}}";
        }
    }
}
