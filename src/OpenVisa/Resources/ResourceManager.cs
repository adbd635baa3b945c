using System.Collections.Concurrent;

namespace OpenVisa;

/// <summary>
/// The entry point: opens a backend by spec (<c>@sim</c>, <c>file.yaml@sim</c>, <c>/opt/x/libvisa.so@ivi</c>, or
/// the default), lists and opens resources, and closes what it opened, and only that: two managers on one
/// backend have separate resource-manager sessions and never close each other's resources.
/// </summary>
public sealed class ResourceManager : IDisposable, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Resource, byte> _opened = new();
    private readonly VisaLibrary? _ownedLibrary;
    private int _closed;

    /// <summary>Opens the default backend (<see cref="BackendRegistry.DefaultSpec"/>).</summary>
    public ResourceManager()
        : this("")
    {
    }

    /// <summary>Opens the backend named by <paramref name="spec"/> (<c>argument@name</c>).</summary>
    public ResourceManager(string spec)
        : this(BackendRegistry.GetLibrary(spec))
    {
    }

    /// <summary>
    /// Opens the backend named by <paramref name="spec"/> with <paramref name="options"/>, e.g. recording:
    /// <c>new ResourceManager("@sim", new ResourceManagerOptions { RecordTo = "run.jsonl" })</c>.
    /// </summary>
    public ResourceManager(string spec, ResourceManagerOptions options)
        : this(Decorate(BackendRegistry.GetLibrary(spec), options ?? throw new ArgumentNullException(nameof(options))))
    {
        // A decorator made for this manager alone is released with it.
        if (options.RecordTo is not null)
            _ownedLibrary = Library;
    }

    /// <summary>Opens a resource-manager session on an existing library (used by decorators such as recording).</summary>
    public ResourceManager(VisaLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        Library = library;
        Session = library.OpenDefaultResourceManager();
    }

    /// <summary>The backend.</summary>
    public VisaLibrary Library { get; }

    /// <summary>The resource-manager session handle.</summary>
    public int Session { get; }

    /// <summary>The status of the last operation on the manager's session.</summary>
    public StatusCode LastStatus { get; private set; }

    /// <summary>The resources this manager opened that are still open.</summary>
    public IReadOnlyCollection<Resource> OpenedResources => [.. _opened.Keys];

    /// <summary>The names of the resources matching <paramref name="query"/> (a VISA pattern, default <c>?*::INSTR</c>).</summary>
    public IReadOnlyList<string> ListResources(string query = "?*::INSTR")
    {
        ThrowIfClosed(nameof(ListResources));
        try
        {
            var names = Library.ListResources(Session, query);
            LastStatus = StatusCode.Success;
            return names;
        }
        catch (VisaException e)
        {
            LastStatus = e.Status;
            throw;
        }
    }

    /// <summary>What each resource matching <paramref name="query"/> is, by name.</summary>
    public IReadOnlyDictionary<string, ResourceInfo> ListResourcesInfo(string query = "?*::INSTR") =>
        ListResources(query).ToDictionary(n => n, ResourceInfo);

    /// <summary>Parses <paramref name="resourceName"/> as the backend understands it.</summary>
    public ResourceInfo ResourceInfo(string resourceName)
    {
        ThrowIfClosed(nameof(ResourceInfo));
        return Library.ParseResource(Session, resourceName);
    }

    /// <summary>
    /// Opens a resource and returns the type that suits its class: <see cref="TcpipSocketResource"/> for
    /// <c>TCPIP::…::SOCKET</c>, <see cref="SerialResource"/> for <c>ASRL…</c>, and so on.
    /// </summary>
    /// <param name="resourceName">The resource name.</param>
    /// <param name="accessMode">A lock to take while opening.</param>
    /// <param name="openTimeout">How long to wait for the lock and the connection; default 2 s.</param>
    public Resource Open(string resourceName, AccessMode accessMode = AccessMode.None, TimeSpan? openTimeout = null)
    {
        ThrowIfClosed(nameof(Open));
        var info = ResourceInfo(resourceName);
        int session;
        try
        {
            session = Library.Open(Session, resourceName, accessMode, openTimeout ?? VisaTimeout.Default);
        }
        catch (VisaException e)
        {
            LastStatus = e.Status;
            throw e.WithContext(nameof(Open), resourceName);
        }
        LastStatus = StatusCode.Success;
        var resource = ResourceTypes.Create(this, session, info);
        _opened[resource] = 0;
        return resource;
    }

    /// <summary>Opens a resource that must be of type <typeparamref name="T"/>.</summary>
    public T Open<T>(string resourceName, AccessMode accessMode = AccessMode.None, TimeSpan? openTimeout = null)
        where T : Resource
    {
        var resource = Open(resourceName, accessMode, openTimeout);
        if (resource is T typed)
            return typed;
        var actual = resource.GetType().Name;
        resource.Close();
        throw new VisaException(StatusCode.ErrorNonsupportedOperation,
            $"{resourceName} opens as {actual}, not {typeof(T).Name}.", nameof(Open), resourceName);
    }

    /// <summary>
    /// Opens a message-based resource (an instrument you <c>Write</c>, <c>Read</c> and <c>Query</c>), with no type
    /// argument to spell: <c>rm.OpenMessageBased("TCPIP0::host::INSTR").Query("*IDN?")</c>. The object is still the most
    /// specific class for the name (a <see cref="TcpipSocketResource"/>, a <see cref="SerialResource"/> …).
    /// </summary>
    /// <exception cref="VisaException">The name is not message-based (a register-based or raw resource), or opening failed.</exception>
    public MessageBasedResource OpenMessageBased(string resourceName, AccessMode accessMode = AccessMode.None, TimeSpan? openTimeout = null) =>
        Open<MessageBasedResource>(resourceName, accessMode, openTimeout);

    /// <summary>Closes every resource this manager opened, then the manager's session. Closing twice does nothing.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        List<Exception> failures = [];
        foreach (var resource in _opened.Keys)
        {
            try
            {
                resource.Close();
            }
            catch (VisaException e)
            {
                failures.Add(e);
            }
        }
        try
        {
            Library.Close(Session);
        }
        finally
        {
            _ownedLibrary?.Dispose();
        }
        if (failures.Count > 0)
            throw new AggregateException("Some resources failed to close.", failures);
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private static VisaLibrary Decorate(VisaLibrary library, ResourceManagerOptions options) =>
        options.RecordTo is { } file ? BackendRegistry.CreateRecorder(library, file) : library;

    internal void Forget(Resource resource) => _opened.TryRemove(resource, out _);

    private void ThrowIfClosed(string operation)
    {
        if (Volatile.Read(ref _closed) != 0)
            throw new VisaException(StatusCode.ErrorInvalidObject, "The resource manager is closed.", operation);
    }
}
