using System.Text;
using OpenVisa.Instruments.Interfaces;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>
/// A YAML driver declaring <c>interface: IMultimeter</c>: the parameters <c>function</c> (str mapped to
/// <see cref="MeasurementFunction"/>), <c>nplc</c>, <c>autorange</c>, <c>voltage</c>, <c>current</c> and
/// <c>resistance</c>; <see cref="Read"/> calls the query function <c>read</c>, and <see cref="Measure"/> of a function
/// calls the query <c>measure_</c> + its name in snake case (<c>measure_dc_voltage: "MEAS:VOLT:DC?"</c>): a SCPI
/// MEASure query selects the function with automatic range, as the interface promises.
/// </summary>
public sealed class YamlMultimeter : YamlInstrument, IMultimeter
{
    internal YamlMultimeter(YamlDriverDefinition definition, string name, MessageBasedResource? resource, InstrumentOptions? options)
        : base(definition, name, resource, options, channelFactory: null)
    {
        Function = Parameter<MeasurementFunction>("function");
        Nplc = Parameter<double>("nplc");
        AutoRange = Parameter<bool>("autorange");
        Voltage = Parameter<double>("voltage");
        Current = Parameter<double>("current");
        Resistance = Parameter<double>("resistance");
    }

    /// <inheritdoc/>
    public Parameter<MeasurementFunction> Function { get; }

    /// <inheritdoc/>
    public Parameter<double> Nplc { get; }

    /// <inheritdoc/>
    public Parameter<bool> AutoRange { get; }

    /// <inheritdoc/>
    public Parameter<double> Voltage { get; }

    /// <inheritdoc/>
    public Parameter<double> Current { get; }

    /// <inheritdoc/>
    public Parameter<double> Resistance { get; }

    /// <summary>The function <see cref="Measure"/> calls for <paramref name="function"/>, e.g. <c>measure_dc_voltage</c>.</summary>
    public static string MeasureFunctionName(MeasurementFunction function)
    {
        var name = new StringBuilder("measure");
        foreach (var c in function.ToString())
        {
            if (char.IsUpper(c))
                name.Append('_');
            name.Append(char.ToLowerInvariant(c));
        }
        return name.ToString();
    }

    /// <inheritdoc/>
    public double Measure(MeasurementFunction function)
    {
        var name = MeasureFunctionFor(function);
        var value = YamlReplies.Numbers(this, name, AskFunction(name), 1)[0];
        Function.Cache.Set(function);
        return value;
    }

    /// <inheritdoc/>
    public async ValueTask<double> MeasureAsync(MeasurementFunction function, CancellationToken cancellationToken = default)
    {
        var name = MeasureFunctionFor(function);
        var value = YamlReplies.Numbers(this, name, await AskFunctionAsync(name, cancellationToken).ConfigureAwait(false), 1)[0];
        Function.Cache.Set(function);
        return value;
    }

    /// <inheritdoc/>
    public double Read() => YamlReplies.Numbers(this, "read", AskFunction("read"), 1)[0];

    /// <inheritdoc/>
    public async ValueTask<double> ReadAsync(CancellationToken cancellationToken = default) =>
        YamlReplies.Numbers(this, "read", await AskFunctionAsync("read", cancellationToken).ConfigureAwait(false), 1)[0];

    private string MeasureFunctionFor(MeasurementFunction function)
    {
        var name = MeasureFunctionName(function);
        if (Functions.ContainsKey(name))
            return name;
        var supported = Enum.GetValues<MeasurementFunction>().Where(f => Functions.ContainsKey(MeasureFunctionName(f)));
        throw new NotSupportedException($"{FullName} ({Definition.Key}) cannot measure {function}: its driver has no function '{name}'. It measures: {string.Join(", ", supported)}.");
    }
}
