namespace OpenVisa.Instruments.Benches;

/// <summary>How serious a bench-file problem is.</summary>
public enum BenchSeverity
{
    /// <summary>The file is used, but something in it is ignored or doubtful.</summary>
    Warning,

    /// <summary>The file cannot be used.</summary>
    Error,
}

/// <summary>One problem in a bench file, located by file, line, column and field path.</summary>
/// <param name="File">The bench file.</param>
/// <param name="Line">The line (from 1); 0 when the problem is about the whole file.</param>
/// <param name="Column">The column (from 1).</param>
/// <param name="Field">The field path, e.g. <c>instruments.psu1.safety_limits.channels.1.voltage.max</c>.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Severity">Error or warning.</param>
public sealed record BenchProblem(string File, int Line, int Column, string Field, string Message, BenchSeverity Severity = BenchSeverity.Error)
{
    /// <summary><c>bench.yaml:12:5: error: instruments.psu1.address: …</c>.</summary>
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {(Severity == BenchSeverity.Error ? "error" : "warning")}: " + (Field.Length == 0 ? Message : $"{Field}: {Message}");
}

/// <summary>A bench file cannot be used; <see cref="Problems"/> lists every error found (and the warnings).</summary>
public sealed class BenchFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/>, at least one of them an error.</summary>
    public BenchFileException(string file, IReadOnlyList<BenchProblem> problems)
        : base(Compose(file, problems))
    {
        File = file;
        Problems = problems;
    }

    /// <summary>The bench file.</summary>
    public string File { get; }

    /// <summary>Every problem found, errors and warnings.</summary>
    public IReadOnlyList<BenchProblem> Problems { get; }

    private static string Compose(string file, IReadOnlyList<BenchProblem> problems)
    {
        var errors = problems.Where(p => p.Severity == BenchSeverity.Error).ToList();
        return $"{file} has {errors.Count} error{(errors.Count == 1 ? "" : "s")}:" + Environment.NewLine + string.Join(Environment.NewLine, errors);
    }
}
