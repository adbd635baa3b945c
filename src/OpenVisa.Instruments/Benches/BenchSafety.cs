using OpenVisa.Instruments.Drivers;

namespace OpenVisa.Instruments.Benches;

/// <summary>Puts a bench file's safety limits on the parameters they name, and checks that every named parameter exists.</summary>
public static class BenchSafety
{
    /// <summary>Applies <paramref name="entry"/>'s limits to <paramref name="instrument"/>; throws naming the limit that fits nothing.</summary>
    public static void Apply(BenchFile bench, BenchInstrument entry, Instrument instrument)
    {
        foreach (var limit in entry.SafetyLimits)
        {
            var parameter = Resolve(bench, limit, instrument, out var problem)
                ?? throw new BenchFileException(bench.Path, [new BenchProblem(bench.Path, limit.Line, 1, limit.Field, problem!)]);
            parameter.SafetyLimits = new SafetyLimits(limit.Min, limit.Max, $"{Path.GetFileName(bench.Path)} line {limit.Line}");
        }
    }

    /// <summary>
    /// The problems with <paramref name="entry"/>'s limits for <paramref name="driver"/>: each named channel and parameter
    /// must exist and be numeric. The driver is built without a connection to look.
    /// </summary>
    public static IReadOnlyList<BenchProblem> Check(BenchFile bench, BenchInstrument entry, DriverInfo driver)
    {
        if (entry.SafetyLimits.Count == 0)
            return [];
        var problems = new List<BenchProblem>();
        using var probe = Instrument.Create(() => driver.Create($"_check_{entry.Alias}_{Guid.NewGuid():N}", null, null));
        foreach (var limit in entry.SafetyLimits)
        {
            if (Resolve(bench, limit, probe, out var problem) is null)
                problems.Add(new BenchProblem(bench.Path, limit.Line, 1, limit.Field, problem!));
        }
        return problems;
    }

    private static ParameterBase? Resolve(BenchFile bench, BenchSafetyLimit limit, Instrument instrument, out string? problem)
    {
        InstrumentBase target = instrument;
        if (limit.Channel is { } channel)
        {
            var channels = Channels(instrument).ToList();
            var found = channels.FirstOrDefault(c => c.ChannelId == channel)
                ?? channels.FirstOrDefault(c => string.Equals(c.Name, channel, StringComparison.OrdinalIgnoreCase));
            if (found is null)
            {
                problem = channels.Count == 0
                    ? $"the driver {instrument.GetType().Name} has no channels"
                    : $"the driver {instrument.GetType().Name} has no channel '{channel}'; its channels are {string.Join(", ", channels.Select(c => c.ChannelId).Distinct())}";
                return null;
            }
            target = found;
        }
        var parameters = target.Parameters;
        if (!parameters.TryGetValue(limit.Parameter, out var parameter) || !parameter.IsNumeric)
        {
            var numeric = parameters.Values.Where(p => p.IsNumeric && p.Settable).Select(p => p.Name).ToList();
            var where = limit.Channel is null ? "" : $" on channel {limit.Channel}";
            problem = $"{instrument.GetType().Name} has no numeric parameter '{limit.Parameter}'{where}; limits can bound {(numeric.Count == 0 ? "nothing there" : string.Join(", ", numeric))}";
            return null;
        }
        problem = null;
        return parameter;
    }

    private static IEnumerable<InstrumentChannel> Channels(InstrumentBase component)
    {
        foreach (var module in component.Submodules.Values)
        {
            if (module is InstrumentChannel channel)
                yield return channel;
            if (module is InstrumentBase nested)
            {
                foreach (var inner in Channels(nested))
                    yield return inner;
            }
        }
    }
}
