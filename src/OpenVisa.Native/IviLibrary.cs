using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenVisa.Native;

/// <summary>
/// The <c>@ivi</c> backend: the installed C VISA library (NI-VISA, Keysight IO Libraries, R&amp;S VISA, or OpenVisa's own
/// <c>libopenvisa</c>), called through function pointers. <c>new ResourceManager("/opt/x/libvisa.so@ivi")</c> loads that
/// file; <c>@ivi</c> alone uses <c>OPENVISA_IVI_LIBRARY</c>, else the platform's usual names and places.
/// </summary>
/// <remarks>
/// Sessions are the library's own <c>ViSession</c> handles. The library is never unloaded: sessions may still be open in
/// it, and unloading a VISA library under them would crash the process. Errors carry the library's own description
/// (<c>viStatusDesc</c>), which is how vendor-specific statuses OpenVisa does not know are explained.
/// </remarks>
public sealed unsafe partial class IviLibrary : VisaLibrary
{
    private readonly VisaApi _api;
    private readonly ConcurrentDictionary<int, OpenSession> _sessions = new();

    /// <summary>Loads the VISA library named by <paramref name="argument"/> (the part of the spec before <c>@ivi</c>).</summary>
    /// <exception cref="VisaException">VI_ERROR_LIBRARY_NFOUND when no library loads, or the one that loads is not a VISA library.</exception>
    public IviLibrary(string argument)
        : base(argument)
    {
        if (!IviLibraryLocator.TryLoad(argument, out var handle, out var path, out var problem))
        {
            var how = string.IsNullOrWhiteSpace(argument)
                ? $"Install a VISA library, set {IviLibraryLocator.LibraryVariable} to its path, or name it in the spec (\"/path/libvisa.so@ivi\")"
                : "Check the path, and that the library matches this process (64-bit, this platform)";
            throw new VisaException(StatusCode.ErrorLibraryNotFound, $"No VISA library could be loaded. {problem} {how}; or use @managed, which needs none.", "ResourceManager");
        }
        var table = new VisaFunctionTable(handle, path);
        if (!table.Has(VisaFunction.viOpenDefaultRM) || !table.Has(VisaFunction.viOpen))
        {
            NativeLibrary.Free(handle);
            throw new VisaException(StatusCode.ErrorLibraryNotFound,
                $"{path} loaded, but it is not a VISA library: it does not export viOpenDefaultRM and viOpen. Name the vendor's VISA library (e.g. libvisa.so, visa64.dll) instead.",
                "ResourceManager");
        }
        _api = new VisaApi(table);
    }

    /// <summary>The path of the loaded VISA library (or the name the system loader found it by).</summary>
    public string LibraryPath => _api.Table.Path;

    /// <inheritdoc/>
    protected override string? DescribeSession(int session) =>
        _sessions.TryGetValue(session, out var s) ? s.ResourceName : null;

    /// <inheritdoc/>
    public override int OpenDefaultResourceManager()
    {
        uint rm;
        Check(_api.OpenDefaultRM(&rm), nameof(OpenDefaultResourceManager), null);
        _sessions[(int)rm] = new OpenSession("resource manager", 0);
        return (int)rm;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR")
    {
        var expression = NativeText.ToNative(query);
        var description = stackalloc byte[VisaApi.TextBufferSize];
        uint findList, count;
        int status;
        fixed (byte* e = expression)
            status = _api.FindRsrc((uint)resourceManagerSession, e, &findList, &count, description);
        if (status == (int)StatusCode.ErrorResourceNotFound)
            return [];
        Check(status, nameof(ListResources), null);
        var names = new List<string>((int)Math.Min(count, 1024)) { NativeText.FromNative(description, VisaApi.TextBufferSize) };
        try
        {
            for (var i = 1; i < count; i++)
            {
                Check(_api.FindNext(findList, description), nameof(ListResources), null);
                names.Add(NativeText.FromNative(description, VisaApi.TextBufferSize));
            }
        }
        finally
        {
            _api.Close(findList);
        }
        return names;
    }

    /// <inheritdoc/>
    public override ResourceInfo ParseResource(int resourceManagerSession, string resourceName)
    {
        if (!_api.Table.Has(VisaFunction.viParseRsrcEx))
            return base.ParseResource(resourceManagerSession, resourceName);
        var name = NativeText.ToNative(resourceName);
        var resourceClass = stackalloc byte[VisaApi.TextBufferSize];
        var expanded = stackalloc byte[VisaApi.TextBufferSize];
        var alias = stackalloc byte[VisaApi.TextBufferSize];
        ushort type, board;
        fixed (byte* n = name)
            Check(_api.ParseRsrcEx((uint)resourceManagerSession, n, &type, &board, resourceClass, expanded, alias), nameof(ParseResource), resourceName);
        var aliasText = NativeText.FromNative(alias, VisaApi.TextBufferSize);
        return new ResourceInfo((InterfaceType)type, board, NativeText.FromNative(resourceClass, VisaApi.TextBufferSize),
            NativeText.FromNative(expanded, VisaApi.TextBufferSize), aliasText.Length == 0 ? null : aliasText);
    }

    /// <inheritdoc/>
    public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout)
    {
        var name = NativeText.ToNative(resourceName);
        uint vi;
        fixed (byte* n = name)
            Check(_api.Open((uint)resourceManagerSession, n, (uint)accessMode, VisaTimeout.ToAttribute(openTimeout), &vi), nameof(Open), resourceName);
        _sessions[(int)vi] = new OpenSession(resourceName, resourceManagerSession);
        return (int)vi;
    }

    /// <inheritdoc/>
    public override void Close(int session)
    {
        var name = DescribeSession(session);
        var status = _api.Close((uint)session);
        // The C library closes a manager's sessions with it; their handler registrations go too.
        foreach (var (child, open) in _sessions)
        {
            if (open.Manager == session)
                Forget(child);
        }
        Forget(session);
        Check(status, nameof(Close), name);
    }

    /// <inheritdoc/>
    public override string StatusDescription(int session, StatusCode status)
    {
        if (!_api.Table.Has(VisaFunction.viStatusDesc))
            return base.StatusDescription(session, status);
        var text = stackalloc byte[VisaApi.TextBufferSize];
        var result = _api.StatusDesc((uint)session, (int)status, text);
        return result < 0 ? base.StatusDescription(session, status) : NativeText.FromNative(text, VisaApi.TextBufferSize);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, string>> GetDebugInfo()
    {
        var info = new List<KeyValuePair<string, string>> { new("library", LibraryPath) };
        uint rm;
        if (_api.OpenDefaultRM(&rm) < 0)
        {
            info.Add(new("resource manager", "viOpenDefaultRM failed"));
            return info;
        }
        try
        {
            info.Add(new("manufacturer", TryGet(rm, VisaAttribute.ResourceManufacturerName)));
            info.Add(new("implementation version", TryGet(rm, VisaAttribute.ResourceImplementationVersion)));
            info.Add(new("specification version", TryGet(rm, VisaAttribute.ResourceSpecVersion)));
            string interfaces;
            try
            {
                _sessions[(int)rm] = new OpenSession("resource manager", 0);
                var found = ListResources((int)rm, "?*::INTFC");
                interfaces = found.Count == 0 ? "none" : string.Join(", ", found);
            }
            catch (VisaException e)
            {
                interfaces = e.Abbreviation;
            }
            info.Add(new("interfaces", interfaces));
        }
        finally
        {
            _sessions.TryRemove((int)rm, out _);
            _api.Close(rm);
        }
        return info;
    }

    private string TryGet(uint rm, VisaAttribute attribute)
    {
        try
        {
            var value = GetAttribute((int)rm, attribute);
            return VisaAttributes.TryGetInfo(attribute, out var info) ? VisaAttributes.Format(attribute, value) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
        catch (VisaException e)
        {
            return e.Abbreviation;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Throws for an error status, with the library's own description of it; reports warnings; returns the status.
    /// </summary>
    private StatusCode Check(int status, string operation, string? resourceName, int session = 0)
    {
        var code = (StatusCode)status;
        if (status >= 0)
        {
            LastStatus = code;
            if (code.IsWarning())
                ReportWarning(code, operation, resourceName);
            return code;
        }
        LastStatus = code;
        var known = StatusCodes.Describe(code).Description != "Unknown status code.";
        var text = StatusDescription(session, code);
        var detail = known
            ? $"({Path.GetFileName(LibraryPath)} says: {text})"
            : $"{Path.GetFileName(LibraryPath)} returned status {status} (0x{status:X8}), which OpenVisa does not know; the library describes it as: {text}";
        throw new VisaException(code, detail, operation, resourceName);
    }

    private StatusCode Check(int status, string operation, int session) =>
        Check(status, operation, DescribeSession(session), session);

    private void Forget(int session)
    {
        _sessions.TryRemove(session, out _);
        ReleaseHandlers(session);
    }

    /// <summary>What the backend remembers of a session it opened: the resource name for messages, the manager that owns it.</summary>
    private sealed record OpenSession(string ResourceName, int Manager);
}
