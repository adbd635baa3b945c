namespace OpenVisa.Perf;

/// <summary>The exit codes of the perf children (<c>ovisa perf serve</c>, <c>ovisa perf client</c>), those of the CLI contract.</summary>
internal static class PerfExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A VISA or I/O error: the client could not start.</summary>
    public const int VisaError = 1;
}
