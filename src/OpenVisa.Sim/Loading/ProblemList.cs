using OpenVisa.Sim.Yaml;

namespace OpenVisa.Sim.Loading;

/// <summary>Collects the problems found while loading, so a check reports all of them rather than the first.</summary>
internal sealed class ProblemList
{
    private readonly List<SimProblem> _problems = [];

    public IReadOnlyList<SimProblem> All => _problems;

    /// <summary>How many errors so far, kept as a count so loaders can ask after every device without rescanning.</summary>
    public int ErrorCount { get; private set; }

    public bool HasErrors => ErrorCount > 0;

    public void Error(SourceMark mark, string message)
    {
        _problems.Add(new SimProblem(mark.File, mark.Line, mark.Column, SimProblemSeverity.Error, message));
        ErrorCount++;
    }

    public void Warning(SourceMark mark, string message) =>
        _problems.Add(new SimProblem(mark.File, mark.Line, mark.Column, SimProblemSeverity.Warning, message));

    /// <summary>Adds a problem found elsewhere, as it was.</summary>
    public void Add(SimProblem problem)
    {
        _problems.Add(problem);
        if (problem.Severity == SimProblemSeverity.Error)
            ErrorCount++;
    }

    /// <summary>Reports every key of <paramref name="map"/> not in <paramref name="known"/> as a warning.</summary>
    public void UnknownKeys(YamlMapping map, string where, params string[] known)
    {
        foreach (var entry in map.Entries)
        {
            if (!known.Contains(entry.Key.Value, StringComparer.Ordinal))
            {
                var close = known.FirstOrDefault(k => string.Equals(k, entry.Key.Value, StringComparison.OrdinalIgnoreCase));
                var hint = close is not null ? $"; keys are case-sensitive, did you mean '{close}'?" : $"; known keys are {string.Join(", ", known)}";
                Warning(entry.Key.Mark, $"unknown key '{entry.Key.Value}' in {where} (pyvisa-sim ignores it){hint}");
            }
        }
    }
}
