namespace OpenVisa.Sim;

/// <summary>How serious a problem in a simulator file is.</summary>
public enum SimProblemSeverity
{
    /// <summary>The file loads, but something is probably not what was meant (an unknown key, which pyvisa-sim ignores).</summary>
    Warning,

    /// <summary>The file, or the part named, cannot be used.</summary>
    Error,
}

/// <summary>One problem found in a simulator file, pointing at the spot in the file.</summary>
/// <param name="File">The file the problem is in (a bundled file is named <c>bundled:name.yaml</c>).</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="Severity">Whether the file is still usable.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record SimProblem(string File, int Line, int Column, SimProblemSeverity Severity, string Message)
{
    /// <summary><c>file:line:column: error: message</c>, the form compilers use, so editors can jump to it.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {(Severity == SimProblemSeverity.Error ? "error" : "warning")}: {Message}";
}
