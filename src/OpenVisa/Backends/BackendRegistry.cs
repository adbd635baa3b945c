using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace OpenVisa;

/// <summary>
/// Finds backends by name, as PyVISA finds <c>pyvisa_&lt;name&gt;</c>, and keeps one library per
/// (backend, argument). Built-in backends (<c>OpenVisa.Managed</c>, <c>OpenVisa.Sim</c>, <c>OpenVisa.Native</c>, <c>OpenVisa.Lamb</c>,
/// and <c>OpenVisa.Recording</c> for <c>@record</c> and <c>@replay</c>)
/// and third-party assemblies named <c>OpenVisa.Backends.&lt;Name&gt;.dll</c> in the application folder or in
/// <c>OPENVISA_BACKEND_PATH</c> declare themselves with <see cref="VisaBackendAttribute"/>; nothing needs configuring.
/// </summary>
public static class BackendRegistry
{
    /// <summary>The variable naming the default backend spec, e.g. <c>@sim</c>.</summary>
    public const string BackendVariable = "OPENVISA_BACKEND";

    /// <summary>The variable listing extra folders or assembly files to search for backends.</summary>
    public const string BackendPathVariable = "OPENVISA_BACKEND_PATH";

    /// <summary>The file-name prefix of third-party backend assemblies.</summary>
    public const string ThirdPartyPrefix = "OpenVisa.Backends.";

    /// <summary>The backend name of the recording decorator (<c>OpenVisa.Recording</c>), which <see cref="ResourceManagerOptions.RecordTo"/> uses.</summary>
    internal const string RecordBackend = "record";

    private static readonly string[] BuiltInAssemblies = ["OpenVisa.Managed", "OpenVisa.Sim", "OpenVisa.Native", "OpenVisa.Lamb", "OpenVisa.Recording"];
    private static readonly Lock Gate = new();
    private static readonly Dictionary<(string Name, string Argument), VisaLibrary> Libraries = [];
    private static readonly Dictionary<string, BackendDescriptor> Registered = new(StringComparer.OrdinalIgnoreCase);
    private static Dictionary<string, BackendDescriptor>? _found;

    /// <summary>Every backend that can be found now, by name.</summary>
    public static IReadOnlyList<BackendDescriptor> FindAll()
    {
        lock (Gate)
            return [.. Discover().Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>Registers a backend type in code, for applications that embed one without an assembly of its own.</summary>
    public static void Register(string name, Type libraryType, string description = "")
    {
        if (!typeof(VisaLibrary).IsAssignableFrom(libraryType))
            throw new ArgumentException($"{libraryType} does not derive from VisaLibrary.", nameof(libraryType));
        lock (Gate)
        {
            Registered[name] = new BackendDescriptor(name.ToLowerInvariant(), libraryType, libraryType.Assembly.Location, description, null);
            _found = null;
        }
    }

    /// <summary>
    /// The library for a spec such as <c>@sim</c>, <c>file.yaml@sim</c> or <c>/opt/x/libvisa.so@ivi</c>; an empty spec
    /// picks the default (<see cref="DefaultSpec"/>). The same (backend, argument) gives the same instance.
    /// </summary>
    public static VisaLibrary GetLibrary(string? spec)
    {
        var parsed = BackendSpec.Parse(spec);
        if (parsed.Name.Length == 0)
        {
            // A bare argument (no @) names a native library path, as in PyVISA; nothing at all means the default.
            parsed = parsed.Argument.Length > 0 ? parsed with { Name = "ivi" } : BackendSpec.Parse(DefaultSpec());
        }
        lock (Gate)
        {
            if (Libraries.TryGetValue((parsed.Name, parsed.Argument), out var existing))
                return existing;
            var descriptor = Find(parsed.Name);
            var library = Instantiate(descriptor, parsed.Argument);
            Libraries[(parsed.Name, parsed.Argument)] = library;
            return library;
        }
    }

    /// <summary>
    /// The spec used when none is given: <c>OPENVISA_BACKEND</c>, then <c>@ivi</c> when a native VISA library is
    /// installed, else <c>@managed</c>.
    /// </summary>
    public static string DefaultSpec()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(BackendVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return fromEnvironment.Contains('@', StringComparison.Ordinal) ? fromEnvironment : "@" + fromEnvironment;
        lock (Gate)
        {
            if (Discover().TryGetValue("ivi", out var ivi) && ivi.IsAvailable(out _))
                return "@ivi";
        }
        return "@managed";
    }

    /// <summary>
    /// Wraps <paramref name="inner"/> in the <c>@record</c> decorator writing <paramref name="sessionFile"/>. The decorator
    /// lives in <c>OpenVisa.Recording</c>, found like any built-in backend, so the core does not depend on it.
    /// </summary>
    internal static VisaLibrary CreateRecorder(VisaLibrary inner, string sessionFile)
    {
        BackendDescriptor descriptor;
        lock (Gate)
            descriptor = Find(RecordBackend);
        return Instantiate(descriptor, inner, sessionFile, false);
    }

    private static BackendDescriptor Find(string name)
    {
        var all = Discover();
        if (all.TryGetValue(name, out var descriptor))
            return descriptor;
        var installed = all.Count == 0 ? "none" : string.Join(", ", all.Keys.Order(StringComparer.Ordinal).Select(n => "@" + n));
        throw new VisaException(
            StatusCode.ErrorLibraryNotFound,
            $"No backend named '@{name}' is installed. Installed backends: {installed}. A third-party backend is an assembly named " +
            $"{ThirdPartyPrefix}<Name>.dll in the application folder or in a folder listed in {BackendPathVariable}.",
            "ResourceManager");
    }

    /// <summary>Creates the library of <paramref name="descriptor"/> with the constructor taking <paramref name="arguments"/>.</summary>
    private static VisaLibrary Instantiate(BackendDescriptor descriptor, params object[] arguments)
    {
        try
        {
            var library = (VisaLibrary)Activator.CreateInstance(descriptor.LibraryType, arguments)!;
            library.BackendName = descriptor.Name;
            return library;
        }
        catch (TargetInvocationException e) when (e.InnerException is VisaException visa)
        {
            throw visa;
        }
        catch (Exception e) when (e is TargetInvocationException or MissingMethodException)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new VisaException(StatusCode.ErrorLibraryNotFound, $"Could not create the @{descriptor.Name} backend ({descriptor.LibraryType}): {reason}", "ResourceManager", innerException: e);
        }
    }

    private static Dictionary<string, BackendDescriptor> Discover()
    {
        if (_found is not null)
            return _found;
        var found = new Dictionary<string, BackendDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in CandidateAssemblies())
        {
            foreach (var attribute in assembly.GetCustomAttributes<VisaBackendAttribute>())
            {
                found.TryAdd(attribute.Name, new BackendDescriptor(
                    attribute.Name.ToLowerInvariant(), attribute.LibraryType, assembly.Location, attribute.Description, attribute.Probe));
            }
        }
        foreach (var (name, descriptor) in Registered)
            found[name] = descriptor;
        return _found = found;
    }

    private static IEnumerable<Assembly> CandidateAssemblies()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in BuiltInAssemblies)
        {
            var assembly = TryLoadByName(name);
            if (assembly is not null && seen.Add(assembly.GetName().Name!))
                yield return assembly;
        }
        foreach (var path in ThirdPartyFiles())
        {
            var assembly = TryLoadFile(path);
            if (assembly is not null && seen.Add(assembly.GetName().Name!))
                yield return assembly;
        }
    }

    private static Assembly? TryLoadByName(string name)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name);
        if (loaded is not null)
            return loaded;
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            var local = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            return File.Exists(local) ? TryLoadFile(local) : null;
        }
    }

    private static Assembly? TryLoadFile(string path)
    {
        // A NativeAOT build (libopenvisa) holds every backend it will ever have and cannot load assembly files: it throws
        // PlatformNotSupportedException for the OpenVisa DLLs it finds beside a host program such as the ovisa apphost.
        if (!RuntimeFeature.IsDynamicCodeSupported)
            return null;
        var full = Path.GetFullPath(path);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => !a.IsDynamic && string.Equals(a.Location, full, StringComparison.OrdinalIgnoreCase));
        if (loaded is not null)
            return loaded;
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    private static IEnumerable<string> ThirdPartyFiles()
    {
        var places = new List<string> { AppContext.BaseDirectory };
        var extra = Environment.GetEnvironmentVariable(BackendPathVariable);
        if (!string.IsNullOrWhiteSpace(extra))
            places.AddRange(extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var place in places)
        {
            if (File.Exists(place) && place.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                yield return place;
            else if (Directory.Exists(place))
            {
                foreach (var file in Directory.EnumerateFiles(place, ThirdPartyPrefix + "*.dll"))
                    yield return file;
            }
        }
    }

    /// <summary>Forgets discovered backends and cached libraries; for tests that change <c>OPENVISA_BACKEND_PATH</c>.</summary>
    internal static void Reset()
    {
        lock (Gate)
        {
            _found = null;
            Libraries.Clear();
        }
    }
}
