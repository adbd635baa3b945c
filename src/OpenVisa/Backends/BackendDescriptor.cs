namespace OpenVisa;

/// <summary>A backend the registry found: its name, type, origin and description.</summary>
/// <param name="Name">The name used after <c>@</c>, lower case.</param>
/// <param name="LibraryType">The <see cref="VisaLibrary"/> subclass.</param>
/// <param name="AssemblyLocation">The file the backend was loaded from.</param>
/// <param name="Description">One line about the backend.</param>
/// <param name="ProbeType">The optional <see cref="IVisaBackendProbe"/> type.</param>
public sealed record BackendDescriptor(string Name, Type LibraryType, string AssemblyLocation, string Description, Type? ProbeType)
{
    /// <summary>Asks the backend's probe whether it can work here; a backend without a probe always can.</summary>
    public bool IsAvailable(out string detail)
    {
        if (ProbeType is null)
        {
            detail = "available";
            return true;
        }
        var probe = (IVisaBackendProbe)Activator.CreateInstance(ProbeType)!;
        return probe.IsAvailable(out detail);
    }
}
