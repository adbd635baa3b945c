using OpenVisa.Instruments.Benches;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>A YAML driver file has errors; <see cref="Problems"/> lists each with its line and column.</summary>
public sealed class DriverFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/>.</summary>
    public DriverFileException(string file, IReadOnlyList<BenchProblem> problems)
        : base($"The driver file {file} has {problems.Count(p => p.Severity == BenchSeverity.Error)} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems.Select(p => "  " + p))}")
    {
        File = file;
        Problems = problems;
    }

    /// <summary>The driver file.</summary>
    public string File { get; }

    /// <summary>Every problem found, errors and warnings.</summary>
    public IReadOnlyList<BenchProblem> Problems { get; }
}
