namespace OpenVisa.Instruments.Benches;

/// <summary>A parsed and validated bench file (<c>bench.yaml</c>), with PyTestLab's fields.</summary>
public sealed record BenchFile
{
    /// <summary>The file it was read from.</summary>
    public required string Path { get; init; }

    /// <summary>The bench's name (<c>bench_name</c>, required).</summary>
    public required string Name { get; init; }

    /// <summary><c>description</c>.</summary>
    public string? Description { get; init; }

    /// <summary><c>version</c>.</summary>
    public string? Version { get; init; }

    /// <summary><c>last_modified</c>.</summary>
    public string? LastModified { get; init; }

    /// <summary><c>changelog</c>, one entry per item (a single text is one entry).</summary>
    public IReadOnlyList<string> Changelog { get; init; } = [];

    /// <summary><c>experiment</c>: title, description, operator, date, notes, database path.</summary>
    public BenchExperiment? Experiment { get; init; }

    /// <summary><c>simulate</c> for the whole bench; null when not given.</summary>
    public BenchSetting<bool>? Simulate { get; init; }

    /// <summary><c>backend_defaults</c>: the backend for instruments that say nothing more specific.</summary>
    public BenchBackend? BackendDefaults { get; init; }

    /// <summary><c>continue_on_instrument_error</c>: open the other instruments when one fails.</summary>
    public bool ContinueOnInstrumentError { get; init; }

    /// <summary>The instruments, in file order.</summary>
    public required IReadOnlyList<BenchInstrument> Instruments { get; init; }

    /// <summary><c>traceability</c>, kept as written (calibration, environment, DUT) for snapshots.</summary>
    public object? Traceability { get; init; }

    /// <summary><c>measurement_plan</c>, kept as written for snapshots.</summary>
    public object? MeasurementPlan { get; init; }

    /// <summary>The warnings found while reading (ignored fields such as <c>automation</c>).</summary>
    public IReadOnlyList<BenchProblem> Warnings { get; init; } = [];
}

/// <summary>A setting with the line it was written on, so decisions can say where they come from.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Line">The line in the bench file.</param>
public sealed record BenchSetting<T>(T Value, int Line);

/// <summary>The <c>experiment</c> section.</summary>
public sealed record BenchExperiment(string? Title, string? Description, string? Operator, string? Date, string? Notes, string? DatabasePath);

/// <summary>A <c>backend</c> (or <c>backend_defaults</c>) section.</summary>
/// <param name="Type">The backend type: <c>sim</c>, <c>visa</c>, <c>managed</c>, <c>ivi</c>, <c>lamb</c>, another backend's name, or a full spec with '@'.</param>
/// <param name="TimeoutMs">The I/O timeout in milliseconds.</param>
/// <param name="Line">The line of the section.</param>
/// <param name="Url">The server of a network backend: <c>lamb</c>'s HTTP server, e.g. <c>http://lab-pc:8000</c>.</param>
public sealed record BenchBackend(string? Type, int? TimeoutMs, int Line, string? Url = null);

/// <summary>An instrument entry.</summary>
public sealed record BenchInstrument
{
    /// <summary>The alias (the key under <c>instruments</c>), also the instrument's name.</summary>
    public required string Alias { get; init; }

    /// <summary>The driver key (<c>driver</c>, or PyTestLab's <c>profile</c>), e.g. <c>keysight/E36313A</c>.</summary>
    public required string Driver { get; init; }

    /// <summary>The resource name; may end in <c>@backend</c>, or be <c>sim</c> / <c>SIM::…</c> for a simulated instrument.</summary>
    public string? Address { get; init; }

    /// <summary><c>serial_number</c>.</summary>
    public string? SerialNumber { get; init; }

    /// <summary><c>simulate</c> for this instrument; null when not given.</summary>
    public BenchSetting<bool>? Simulate { get; init; }

    /// <summary><c>backend</c>: type and timeout for this instrument.</summary>
    public BenchBackend? Backend { get; init; }

    /// <summary><c>backend_type_hint</c>: a backend type that overrides every other rule.</summary>
    public BenchSetting<string>? BackendTypeHint { get; init; }

    /// <summary><c>sim_profile</c>: a simulator file to use instead of the driver's own (relative to the bench file).</summary>
    public string? SimProfile { get; init; }

    /// <summary><c>safety_limits</c>, one entry per bounded parameter.</summary>
    public IReadOnlyList<BenchSafetyLimit> SafetyLimits { get; init; } = [];

    /// <summary>The line of the entry.</summary>
    public int Line { get; init; }
}

/// <summary>A safety limit on one parameter of an instrument (or of one of its channels).</summary>
/// <param name="Channel">The channel (as commands name it, e.g. "1"), or null for an instrument-level parameter.</param>
/// <param name="Parameter">The parameter's short name, e.g. <c>voltage</c>.</param>
/// <param name="Min">The least value allowed.</param>
/// <param name="Max">The largest value allowed.</param>
/// <param name="Field">The field path, for messages.</param>
/// <param name="Line">The line, for messages.</param>
public sealed record BenchSafetyLimit(string? Channel, string Parameter, double? Min, double? Max, string Field, int Line);
