using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenVisa;

/// <summary>
/// The backend contract: the VISA level-2 operations, one virtual member each. A backend overrides at
/// least <see cref="OpenDefaultResourceManager"/>, <see cref="Open"/>, <see cref="Close"/> and
/// <see cref="ListResources"/>; message-based backends add <see cref="Read"/>, <see cref="Write"/>,
/// <see cref="GetAttribute"/> and <see cref="SetAttribute"/>. Everything else defaults to
/// <see cref="StatusCode.ErrorNonsupportedOperation"/>.
/// </summary>
/// <remarks>
/// Sessions are integer handles, as in VISA. Errors are thrown as <see cref="VisaException"/>; success
/// codes come back as return values, and those that are warnings are reported through
/// <see cref="ReportWarning"/>. A backend is found by name through <see cref="VisaBackendAttribute"/>:
/// see <see cref="BackendRegistry"/>. One instance serves every <see cref="ResourceManager"/> opened with
/// the same backend and argument, so per-manager state belongs to the resource-manager session.
/// </remarks>
public abstract partial class VisaLibrary : IDisposable
{
    /// <summary>Creates the library for the argument part of a backend spec (<c>argument@name</c>).</summary>
    protected VisaLibrary(string argument)
    {
        Argument = argument ?? "";
    }

    /// <summary>The argument part of the spec: a library path, a simulator file, or empty.</summary>
    public string Argument { get; }

    /// <summary>The name the backend is registered under, e.g. <c>sim</c>. Set by the registry.</summary>
    public string BackendName { get; internal set; } = "";

    /// <summary>Where the backend logs; bus traffic goes at Trace level.</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>The status of the last operation on any session of this library.</summary>
    public StatusCode LastStatus { get; protected internal set; }

    /// <summary>Raised when an operation completes with a warning status.</summary>
    public event EventHandler<VisaWarningEventArgs>? Warning;

    /// <summary>Backend-specific facts for <c>ovisa info</c>: versions, what each interface needs, what is missing.</summary>
    public virtual IReadOnlyList<KeyValuePair<string, string>> GetDebugInfo() => [];

    /// <summary>Logs a warning status and raises <see cref="Warning"/>.</summary>
    protected internal void ReportWarning(StatusCode status, string operation, string? resourceName)
    {
        LastStatus = status;
        Logger.LogWarning("{Operation} on {Resource}: {Status}", operation, resourceName ?? "(no resource)", VisaException.FormatMessage(status, null, null, null));
        Warning?.Invoke(this, new VisaWarningEventArgs(status, operation, resourceName));
    }

    /// <summary>The exception a default member throws: the operation is not supported by this backend.</summary>
    protected VisaException Unsupported(string operation, int session) =>
        new(StatusCode.ErrorNonsupportedOperation, $"The {BackendNameForMessages} backend does not support {operation}.", operation, DescribeSession(session));

    /// <summary>The resource name of a session for error messages; null when unknown.</summary>
    protected virtual string? DescribeSession(int session) => null;

    private string BackendNameForMessages => BackendName.Length == 0 ? GetType().Name : "@" + BackendName;

    // ---- resource manager --------------------------------------------------------------------

    /// <summary>Opens a session to the default resource manager; resources opened through it close with it.</summary>
    public abstract int OpenDefaultResourceManager();

    /// <summary>The resource names known to the backend that match a VISA <paramref name="query"/> (<see cref="VisaPattern"/>).</summary>
    public abstract IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR");

    /// <summary>Opens a session to <paramref name="resourceName"/>.</summary>
    /// <param name="resourceManagerSession">The resource-manager session that will own the new session.</param>
    /// <param name="resourceName">The name as the user gave it.</param>
    /// <param name="accessMode">Lock to take on open.</param>
    /// <param name="openTimeout">How long to wait for the lock and, for network resources, the connection.</param>
    /// <returns>The new session handle.</returns>
    public abstract int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout);

    /// <summary>Closes a session, a resource-manager session (with every session it opened) or an event.</summary>
    public abstract void Close(int session);

    /// <summary>Parses a resource name the way this backend understands it (aliases included).</summary>
    public virtual ResourceInfo ParseResource(int resourceManagerSession, string resourceName) =>
        OpenVisa.ResourceName.Parse(resourceName).ToResourceInfo();

    /// <summary>Describes a status code; a backend with vendor codes overrides this.</summary>
    public virtual string StatusDescription(int session, StatusCode status) => StatusCodes.Describe(status).Description;

    // ---- attributes --------------------------------------------------------------------------

    /// <summary>Reads an attribute; values have the attribute's VISA type (see <see cref="VisaAttributes"/>).</summary>
    public virtual object GetAttribute(int session, VisaAttribute attribute) =>
        throw UnsupportedAttribute(nameof(GetAttribute), session, attribute);

    /// <summary>Writes an attribute; returns a warning status when the value was accepted but not supported.</summary>
    public virtual StatusCode SetAttribute(int session, VisaAttribute attribute, object value) =>
        throw UnsupportedAttribute(nameof(SetAttribute), session, attribute);

    /// <summary>The exception for an attribute this backend does not implement, naming it by its VISA and .NET names.</summary>
    protected VisaException UnsupportedAttribute(string operation, int session, VisaAttribute attribute)
    {
        var name = VisaAttributes.TryGetInfo(attribute, out var info) ? $"{info.Name} ({attribute})" : $"attribute 0x{(uint)attribute:X8}";
        return new VisaException(StatusCode.ErrorNonsupportedAttribute, $"The {BackendNameForMessages} backend does not support {name}.", operation, DescribeSession(session));
    }

    /// <summary>Releases the library's own resources (not the sessions, which belong to their managers).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Override to release unmanaged resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
