namespace OpenVisa.CApi;

/// <summary>
/// Which OpenVisa backend libopenvisa drives: <c>OPENVISA_BACKEND</c> (e.g. <c>bench.yaml@sim</c>, <c>@managed</c>), by
/// default <c>@managed</c>. <c>@ivi</c> is refused: it would load a VISA library, possibly libopenvisa itself, in a loop.
/// </summary>
internal static class BackendChoice
{
    /// <summary>The backend used when <c>OPENVISA_BACKEND</c> is not set.</summary>
    public const string DefaultSpec = "@managed";

    private static readonly Lock Gate = new();
    private static VisaLibrary? _library;

    /// <summary>The spec in force.</summary>
    public static string Spec
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(BackendRegistry.BackendVariable);
            if (string.IsNullOrWhiteSpace(fromEnvironment))
                return DefaultSpec;
            return fromEnvironment.Contains('@', StringComparison.Ordinal) ? fromEnvironment.Trim() : "@" + fromEnvironment.Trim();
        }
    }

    /// <summary>The backend library, made on first use and kept for the process.</summary>
    /// <exception cref="VisaException">VI_ERROR_LIBRARY_NFOUND for @ivi or a bare library path, or when the backend cannot be made.</exception>
    public static VisaLibrary Library()
    {
        lock (Gate)
        {
            if (_library is not null)
                return _library;
            var spec = Spec;
            var parsed = BackendSpec.Parse(spec);
            if (parsed.Name.Equals("ivi", StringComparison.OrdinalIgnoreCase) || parsed.Name.Length == 0)
            {
                throw new VisaException(StatusCode.ErrorLibraryNotFound,
                    $"{BackendRegistry.BackendVariable}={spec} asks libopenvisa to drive @ivi, which loads a VISA library (perhaps libopenvisa itself): a loop. " +
                    "Set it to @managed (the default), @sim or FILE.yaml@sim.", "viOpenDefaultRM");
            }
            return _library = BackendRegistry.GetLibrary(spec);
        }
    }
}
