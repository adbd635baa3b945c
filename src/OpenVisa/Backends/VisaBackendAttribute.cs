namespace OpenVisa;

/// <summary>
/// Declares, on an assembly, a backend that <see cref="ResourceManager"/> can find by name:
/// <c>[assembly: VisaBackend("sim", typeof(SimLibrary))]</c> makes <c>new ResourceManager("@sim")</c> work.
/// The library type derives from <see cref="VisaLibrary"/> and has a public constructor taking the spec's
/// argument string.
/// </summary>
/// <param name="name">The backend's name, used after <c>@</c> (case-insensitive).</param>
/// <param name="libraryType">The <see cref="VisaLibrary"/> subclass to instantiate.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class VisaBackendAttribute(string name, Type libraryType) : Attribute
{
    /// <summary>The backend's name.</summary>
    public string Name { get; } = name;

    /// <summary>The library type.</summary>
    public Type LibraryType { get; } = libraryType;

    /// <summary>
    /// Optional type implementing <see cref="IVisaBackendProbe"/>: tells, without opening anything, whether
    /// the backend can work on this machine (the default backend choice asks the <c>ivi</c> backend this).
    /// </summary>
    public Type? Probe { get; set; }

    /// <summary>One line describing the backend for <c>ovisa info</c>.</summary>
    public string Description { get; set; } = "";
}

/// <summary>Tells whether a backend can work on this machine, e.g. whether a native VISA library is installed.</summary>
public interface IVisaBackendProbe
{
    /// <summary>True when the backend can be used; <paramref name="detail"/> says what was found or what is missing.</summary>
    bool IsAvailable(out string detail);
}
