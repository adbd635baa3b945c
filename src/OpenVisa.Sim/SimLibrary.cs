using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OpenVisa.Sim.Loading;
using OpenVisa.Sim.Runtime;
using OpenVisa.Sim.Sessions;

namespace OpenVisa.Sim;

/// <summary>
/// The <c>@sim</c> backend: simulated instruments from a pyvisa-sim YAML file or a PyTestLab-style profile
/// (<c>new ResourceManager("bench.yaml@sim")</c>), or, with no file, the built-in instruments (<c>@sim</c>): a DMM,
/// a three-channel power supply, a four-channel oscilloscope, a function generator, and pyvisa-sim's default devices,
/// on resource names of every interface type.
/// </summary>
/// <remarks>
/// Each resource-manager session gets its own instruments, made on first open and reset by a new manager, so state
/// never leaks between tests. Every instrument answers the IEEE 488.2 common commands and <c>SYSTem:ERRor?</c> its file
/// does not define, keeps a status byte (MAV, ESB, RQS) that raises service-request events, honours per-command delays
/// against the caller's timeout, and supports locks, device clear, triggers and serial polls. A resource's terminators
/// default to its device's <c>eom</c> for that interface, and a write with END completes a message even without them.
/// </remarks>
public sealed partial class SimLibrary : VisaLibrary
{
    /// <summary>The name of the bundled file served when the spec names no file.</summary>
    public const string BuiltInFile = SimFiles.BundledPrefix + "builtin.yaml";

    /// <summary>The variable that seeds every simulated instrument's random generator (RANDOM replies, random()).</summary>
    public const string SeedVariable = "OPENVISA_SIM_SEED";

    /// <summary>
    /// The variable that lists further folders (separated by the system's path separator, ':' or ';') from which a
    /// simulator file may read the files it names; by default only its own folder.
    /// </summary>
    public const string AllowPathVariable = "OPENVISA_SIM_ALLOW_PATH";

    private readonly SimCatalog _catalog;
    private readonly ConcurrentDictionary<int, ResourceManagerSession> _managers = new();
    private readonly ConcurrentDictionary<int, InstrumentSession> _sessions = new();
    private readonly long _seed;
    private int _nextHandle;
    private int _warningsLogged;

    /// <summary>Loads the file named by <paramref name="argument"/> (the part of the spec before <c>@sim</c>), or the built-in instruments when empty.</summary>
    /// <exception cref="VisaException">VI_ERROR_FILE_ACCESS when the file cannot be read; VI_ERROR_INV_SETUP when it has errors (each with file, line and column).</exception>
    public SimLibrary(string argument)
        : base(argument)
    {
        var path = string.IsNullOrWhiteSpace(argument) ? BuiltInFile : argument.Trim();
        if (!SimFiles.IsBundled(path) && !File.Exists(path))
        {
            throw new VisaException(StatusCode.ErrorFileAccess,
                $"The simulator file '{path}' does not exist (looked at {Path.GetFullPath(path)}). Use \"@sim\" alone for the built-in instruments, or \"path/to/file.yaml@sim\".",
                "ResourceManager");
        }
        _catalog = SimCatalogLoader.Load(path, Environment.GetEnvironmentVariable(AllowPathVariable)?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        var errors = _catalog.Problems.Where(p => p.Severity == SimProblemSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var shown = string.Join(Environment.NewLine, errors.Take(20).Select(e => "  " + e));
            var more = errors.Count > 20 ? $"{Environment.NewLine}  … and {errors.Count - 20} more" : "";
            throw new VisaException(StatusCode.ErrorInvalidSetup,
                $"The simulator file '{path}' has {errors.Count} error{(errors.Count == 1 ? "" : "s")}:{Environment.NewLine}{shown}{more}{Environment.NewLine}Run 'ovisa sim check {path}' for the full report.",
                "ResourceManager");
        }
        _seed = long.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var seed) ? seed : Random.Shared.NextInt64();
    }

    /// <summary>The file served (<c>bundled:builtin.yaml</c> for the built-in instruments).</summary>
    public string SourceFile => _catalog.Origin;

    /// <summary>The warnings found in the file (it loads despite them).</summary>
    public IReadOnlyList<SimProblem> Warnings => [.. _catalog.Problems.Where(p => p.Severity == SimProblemSeverity.Warning)];

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, string>> GetDebugInfo() =>
    [
        new("file", _catalog.Origin),
        new("resources", _catalog.Resources.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("devices", string.Join(", ", _catalog.Devices.Select(d => $"{d.Name} ({d.Dialect})").Distinct())),
        new("warnings", _catalog.Problems.Count(p => p.Severity == SimProblemSeverity.Warning).ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <inheritdoc/>
    protected override string? DescribeSession(int session) =>
        _sessions.TryGetValue(session, out var s) ? s.Entry.Name : null;

    /// <inheritdoc/>
    public override int OpenDefaultResourceManager()
    {
        if (Interlocked.Exchange(ref _warningsLogged, 1) == 0)
        {
            foreach (var warning in Warnings)
                Logger.LogWarning("Simulator file: {Warning}", warning.ToString());
        }
        var handle = Interlocked.Increment(ref _nextHandle);
        _managers[handle] = new ResourceManagerSession(handle, _catalog, _seed);
        return handle;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR")
    {
        Manager(resourceManagerSession, nameof(ListResources));
        VisaPattern pattern;
        try
        {
            pattern = VisaPattern.Parse(query);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new VisaException(StatusCode.ErrorInvalidExpression, $"'{query}' is not a valid resource pattern: {e.Message}", nameof(ListResources));
        }
        return [.. _catalog.Resources.Select(r => r.Name).Where(pattern.IsMatch)];
    }

    /// <inheritdoc/>
    public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout)
    {
        var manager = Manager(resourceManagerSession, nameof(Open));
        if (!SimResourceNames.TryDescribe(resourceName, out var name, out var error))
            throw new VisaException(StatusCode.ErrorInvalidResourceName, $"'{resourceName}' is not a valid resource name: {error}", nameof(Open), resourceName);
        if (!_catalog.TryFind(name.Canonical, out var entry))
        {
            var served = _catalog.Resources.Select(r => r.Name).ToList();
            throw new VisaException(StatusCode.ErrorResourceNotFound,
                $"{_catalog.Origin} simulates no resource named {name.Canonical}. It serves: {(served.Count == 0 ? "nothing" : string.Join(", ", served.Take(40)))}{(served.Count > 40 ? ", …" : "")}.",
                nameof(Open), resourceName);
        }
        var handle = Interlocked.Increment(ref _nextHandle);
        var session = new InstrumentSession(handle, manager, entry, manager.Instrument(entry));
        _sessions[handle] = session;
        manager.Sessions[handle] = session;
        var lockType = accessMode & (AccessMode.ExclusiveLock | AccessMode.SharedLock);
        if (lockType != AccessMode.None)
        {
            try
            {
                session.Instrument.Locks.Lock(handle, lockType, openTimeout, null, entry.Name, out _);
            }
            catch (VisaException)
            {
                Close(handle);
                throw;
            }
        }
        return handle;
    }

    /// <inheritdoc/>
    public override void Close(int session)
    {
        if (_managers.TryRemove(session, out var manager))
        {
            foreach (var child in manager.Sessions.Keys)
                Close(child);
            manager.DisposeInstruments();
            return;
        }
        if (_sessions.TryRemove(session, out var instrument))
        {
            instrument.Owner.Sessions.TryRemove(session, out _);
            instrument.Detach();
            return;
        }
        throw new VisaException(StatusCode.ErrorInvalidObject, $"Session {session} is not open (it was closed, or never opened by this simulator).", nameof(Close));
    }

    private ResourceManagerSession Manager(int session, string operation) =>
        _managers.TryGetValue(session, out var manager)
            ? manager
            : throw new VisaException(StatusCode.ErrorInvalidObject, $"Session {session} is not an open resource manager of this simulator.", operation);

    private InstrumentSession Session(int session, string operation)
    {
        if (_sessions.TryGetValue(session, out var s))
            return s;
        var what = _managers.ContainsKey(session) ? "a resource manager, not a resource" : "not open";
        throw new VisaException(StatusCode.ErrorInvalidObject, $"Session {session} is {what}.", operation);
    }
}
