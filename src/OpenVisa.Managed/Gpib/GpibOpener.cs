using OpenVisa.Managed.Gpib.LinuxGpib;
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
        var path = LibraryPath;
        return GpibDriverLibrary.TryLoad(path, out var why) is { } driver
            ? LinuxGpibSession.Open(opening, driver)
            : throw NoDriver(board, opening.ResourceName, why);
    }

    /// <summary><c>OPENVISA_LIBGPIB</c> when set, else the platform's library name.</summary>
    private static string LibraryPath => Environment.GetEnvironmentVariable(LibraryVariable) is { Length: > 0 } path ? path : DefaultLibrary;

    /// <summary>The library a GPIB board is looked for in on this platform.</summary>
    public static string DefaultLibrary => OperatingSystem.IsWindows() ? "ni4882.dll" : "libgpib.so.0";

    private static VisaException NoDriver(int board, string resourceName, string? why)
    {
        var requested = Environment.GetEnvironmentVariable(LibraryVariable);
        var looked = string.IsNullOrEmpty(requested) ? $"{DefaultLibrary} (linux-gpib; {LibraryVariable} names another)" : $"{requested} ({LibraryVariable})";
        return new VisaException(StatusCode.ErrorLibraryNotFound,
            $"No GPIB driver serves board {board}: {looked} was not usable ({why}), and no Prologix adapter is bound to it. {PrologixAdapters.HowToBind(board)}",
            "Open", resourceName);
    }
}
