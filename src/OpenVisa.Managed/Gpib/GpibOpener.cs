using OpenVisa.Managed.Gpib.Prologix;
using OpenVisa.Managed.Sessions;

namespace OpenVisa.Managed.Gpib;

/// <summary>
/// Chooses how a <c>GPIBn</c> name is reached: through the Prologix adapter bound to board n when there is one, else
/// through the GPIB driver library (linux-gpib's <c>libgpib.so.0</c>, NI-488.2's <c>ni4882.dll</c>); with neither, the
/// error names the library looked for and how to bind an adapter.
/// </summary>
internal static class GpibOpener
{
    /// <summary>The environment variable that names the GPIB driver library to load instead of the platform's default.</summary>
    public const string LibraryVariable = "OPENVISA_LIBGPIB";

    public static ManagedSession OpenInstr(SessionOpening opening)
    {
        var board = opening.Name.BoardNumber ?? 0;
        if (PrologixAdapters.BindingFor(board, opening.ResourceName) is { } endpoint)
            return PrologixGpibSession.Open(opening, endpoint);
        throw NoDriver(board, opening.ResourceName);
    }

    public static ManagedSession OpenInterface(SessionOpening opening) =>
        throw NoDriver(opening.Name.BoardNumber ?? 0, opening.ResourceName);

    /// <summary>The library a GPIB board is looked for in on this platform.</summary>
    public static string DefaultLibrary => OperatingSystem.IsWindows() ? "ni4882.dll" : "libgpib.so.0";

    private static VisaException NoDriver(int board, string resourceName)
    {
        var requested = Environment.GetEnvironmentVariable(LibraryVariable);
        var looked = string.IsNullOrEmpty(requested) ? $"{DefaultLibrary} (linux-gpib; {LibraryVariable} names another)" : $"{requested} ({LibraryVariable})";
        return new VisaException(StatusCode.ErrorLibraryNotFound,
            $"No GPIB driver serves board {board}: {looked} could not be loaded, and no Prologix adapter is bound to it. {PrologixAdapters.HowToBind(board)}",
            "Open", resourceName);
    }
}
