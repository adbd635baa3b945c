using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVisa.Instruments.Drivers;

namespace OpenVisa.Instruments.Benches;

/// <summary>
/// An open bench: every instrument of a bench file, each on the backend the selection rules chose, with the file's
/// safety limits in force. Instruments are registered under their aliases; closing the bench closes them.
/// </summary>
public sealed class Bench : IDisposable, IAsyncDisposable
{
    private readonly Dictionary<string, Instrument> _instruments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BackendChoice> _backends = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exception> _failures = new(StringComparer.Ordinal);

    private Bench(BenchFile file) => File = file;

    /// <summary>The bench file.</summary>
    public BenchFile File { get; }

    /// <summary>The open instruments by alias, in file order.</summary>
    public IReadOnlyDictionary<string, Instrument> Instruments => _instruments;

    /// <summary>The backend chosen for each instrument (opened or not), and why.</summary>
    public IReadOnlyDictionary<string, BackendChoice> Backends => _backends;

    /// <summary>The instruments that failed to open (only with <c>continue_on_instrument_error</c>).</summary>
    public IReadOnlyDictionary<string, Exception> Failures => _failures;

    /// <summary>The instrument <paramref name="alias"/>.</summary>
    public Instrument this[string alias] =>
        _instruments.TryGetValue(alias, out var instrument)
            ? instrument
            : throw new KeyNotFoundException($"The bench {File.Name} has no open instrument '{alias}'; it has: {string.Join(", ", _instruments.Keys)}.");

    /// <summary>The instrument <paramref name="alias"/> as a <typeparamref name="T"/> (a driver class or an interface such as <c>IPowerSupply</c>).</summary>
    public T Get<T>(string alias)
        where T : class =>
        this[alias] as T ?? throw new InvalidCastException($"{alias} is a {this[alias].GetType().Name}, not a {typeof(T).Name}.");

    /// <summary>Reads, validates and opens the bench file at <paramref name="path"/>.</summary>
    public static Bench Open(string path, BenchOpenOptions? options = null) => Open(BenchLoader.Load(path, options?.Drivers), options);

    /// <summary>Opens every instrument of <paramref name="file"/>; on a failure (without <c>continue_on_instrument_error</c>) closes what it opened and throws.</summary>
    public static Bench Open(BenchFile file, BenchOpenOptions? options = null)
    {
        var (bench, context) = Start(file, options);
        try
        {
            foreach (var entry in file.Instruments)
            {
                try
                {
                    var instrument = context.Prepare(bench, entry);
                    try
                    {
                        instrument.Connect();
                        context.WarnAboutPresentValues(entry, instrument);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        instrument.Close();
                        throw context.Failed(bench, entry, e);
                    }
                    bench._instruments[entry.Alias] = instrument;
                }
                catch (Exception e) when (file.ContinueOnInstrumentError && e is not OperationCanceledException)
                {
                    context.Skip(bench, entry, e);
                }
            }
        }
        catch
        {
            bench.Close();
            throw;
        }
        return bench;
    }

    /// <summary>Reads, validates and opens the bench file at <paramref name="path"/>.</summary>
    public static Task<Bench> OpenAsync(string path, BenchOpenOptions? options = null, CancellationToken cancellationToken = default) =>
        OpenAsync(BenchLoader.Load(path, options?.Drivers), options, cancellationToken);

    /// <summary>Opens every instrument of <paramref name="file"/>; on a failure (without <c>continue_on_instrument_error</c>) closes what it opened and throws.</summary>
    public static async Task<Bench> OpenAsync(BenchFile file, BenchOpenOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (bench, context) = Start(file, options);
        try
        {
            foreach (var entry in file.Instruments)
            {
                try
                {
                    var instrument = context.Prepare(bench, entry);
                    try
                    {
                        await instrument.ConnectAsync(cancellationToken).ConfigureAwait(false);
                        await context.WarnAboutPresentValuesAsync(entry, instrument, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        instrument.Close();
                        throw context.Failed(bench, entry, e);
                    }
                    catch
                    {
                        instrument.Close();
                        throw;
                    }
                    bench._instruments[entry.Alias] = instrument;
                }
                catch (Exception e) when (file.ContinueOnInstrumentError && e is not OperationCanceledException)
                {
                    context.Skip(bench, entry, e);
                }
            }
        }
        catch
        {
            bench.Close();
            throw;
        }
        return bench;
    }

    /// <summary>
    /// The bench's snapshot, laid out as a QCoDeS station's: <c>instruments</c> (alias → instrument snapshot),
    /// <c>parameters</c>, <c>components</c>, and <c>config</c> with the bench file's facts and each backend choice.
    /// </summary>
    public JsonObject Snapshot(SnapshotUpdate update = SnapshotUpdate.OnlyStale)
    {
        var instruments = new JsonObject();
        foreach (var (alias, instrument) in _instruments)
            instruments[alias] = instrument.Snapshot(update);
        return Compose(instruments);
    }

    /// <summary>The asynchronous form of <see cref="Snapshot"/>.</summary>
    public async Task<JsonObject> SnapshotAsync(SnapshotUpdate update = SnapshotUpdate.OnlyStale, CancellationToken cancellationToken = default)
    {
        var instruments = new JsonObject();
        foreach (var (alias, instrument) in _instruments)
            instruments[alias] = await instrument.SnapshotAsync(update, cancellationToken).ConfigureAwait(false);
        return Compose(instruments);
    }

    /// <summary>A readable status: each instrument's driver, identity, backend and why, then its parameters.</summary>
    public string StatusText(SnapshotUpdate update = SnapshotUpdate.OnlyStale, int maxChars = 100)
    {
        var text = new StringBuilder();
        text.Append("Bench: ").Append(File.Name).Append(" (").Append(File.Path).Append(")\n");
        if (File.Experiment?.Title is { } title)
            text.Append("Experiment: ").Append(title).Append(File.Experiment.Operator is { } op ? $" (operator: {op})" : "").Append('\n');
        foreach (var entry in File.Instruments)
        {
            var choice = _backends.GetValueOrDefault(entry.Alias);
            text.Append('\n').Append(entry.Alias).Append(": ").Append(entry.Driver);
            if (_instruments.TryGetValue(entry.Alias, out var instrument))
            {
                var idn = instrument.Idn.Cache.HasValue ? instrument.Idn.Cache.Value.ToString() : "identity not read";
                text.Append(", ").Append(idn).Append('\n');
                text.Append("  backend ").Append(choice?.Spec).Append(" at ").Append(instrument.Address).Append('\n');
                text.Append("  because ").Append(choice?.Reason).Append('\n');
                foreach (var limit in entry.SafetyLimits)
                    text.Append("  safety limit ").Append(limit.Channel is null ? "" : $"channel {limit.Channel} ").Append(limit.Parameter).Append(": ").Append(new SafetyLimits(limit.Min, limit.Max)).Append('\n');
                text.Append(instrument.ReadableSnapshot(update, maxChars));
            }
            else if (_failures.TryGetValue(entry.Alias, out var failure))
            {
                text.Append(": FAILED: ").Append(failure.Message).Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>Closes every instrument (and the managers opened for them).</summary>
    public void Close()
    {
        foreach (var instrument in _instruments.Values.Reverse())
            instrument.Close();
        _instruments.Clear();
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private static (Bench Bench, Opening Context) Start(BenchFile file, BenchOpenOptions? options)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= new BenchOpenOptions();
        return (new Bench(file), new Opening(options, options.Logger ?? NullLogger.Instance, options.Drivers ?? DriverCatalog.Default));
    }

    /// <summary>The steps of opening one instrument that do not wait on it: backend, resource, driver, safety limits.</summary>
    private sealed record Opening(BenchOpenOptions Options, ILogger Logger, DriverCatalog Drivers)
    {
        public Instrument Prepare(Bench bench, BenchInstrument entry)
        {
            var driver = Drivers.Find(entry.Driver);
            var choice = BackendSelector.Choose(bench.File, entry, driver, Options.Simulate, Options.SimulateVariable);
            bench._backends[entry.Alias] = choice;
            Logger.LogInformation("{Alias}: backend {Spec} because {Reason}", entry.Alias, choice.Spec, choice.Reason);
            ResourceManager? manager = null;
            MessageBasedResource? resource = null;
            Instrument? instrument = null;
            try
            {
                manager = new ResourceManager(choice.Spec);
                var address = choice.Address ?? SimulatedAddress(manager, driver);
                bench._backends[entry.Alias] = choice with { Address = address };
                resource = manager.Open<MessageBasedResource>(address);
                var instrumentOptions = (Options.InstrumentOptions ?? new InstrumentOptions()) with { Logger = Options.InstrumentOptions?.Logger ?? Options.Logger };
                if (choice.Timeout is { } timeout)
                    instrumentOptions = instrumentOptions with { Timeout = timeout };
                var opened = resource;
                instrument = Instrument.Create(() => driver.Create(entry.Alias, opened, instrumentOptions));
                resource = null;
                instrument.OwnManager(manager);
                manager = null;
                BenchSafety.Apply(bench.File, entry, instrument);
                return instrument;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                instrument?.Close();
                resource?.Close();
                manager?.Close();
                throw Failed(bench, entry, e);
            }
        }

        /// <summary>
        /// Reads each limited parameter once and warns when the instrument already stands outside a limit (set before the
        /// bench opened, or from the front panel): limits stop what is sent, not what was there.
        /// </summary>
        public void WarnAboutPresentValues(BenchInstrument entry, Instrument instrument)
        {
            foreach (var parameter in Limited(entry, instrument))
            {
                try
                {
                    Warn(parameter, parameter.GetObject());
                }
                catch (Exception e) when (e is ParameterException or VisaException)
                {
                    Logger.LogWarning("{Parameter}: the present value could not be read to compare with the safety limit: {Message}", parameter.FullName, e.Message);
                }
            }
        }

        /// <summary>The asynchronous form of <see cref="WarnAboutPresentValues"/>.</summary>
        public async ValueTask WarnAboutPresentValuesAsync(BenchInstrument entry, Instrument instrument, CancellationToken cancellationToken)
        {
            foreach (var parameter in Limited(entry, instrument))
            {
                try
                {
                    Warn(parameter, await parameter.GetObjectAsync(cancellationToken).ConfigureAwait(false));
                }
                catch (Exception e) when (e is ParameterException or VisaException)
                {
                    Logger.LogWarning("{Parameter}: the present value could not be read to compare with the safety limit: {Message}", parameter.FullName, e.Message);
                }
            }
        }

        private static IEnumerable<ParameterBase> Limited(BenchInstrument entry, Instrument instrument) =>
            entry.SafetyLimits.Count == 0
                ? []
                : instrument.AllParameters().Where(p => p.SafetyLimits is not null && p.Gettable && !p.IsManual && p.SnapshotGet).ToList();

        private void Warn(ParameterBase parameter, object? value)
        {
            var limits = parameter.SafetyLimits!;
            if (value is not null && Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) is var number && limits.Check(number, parameter.Unit) is { } problem)
            {
                Logger.LogWarning("{Parameter} is {Value} {Unit} now, outside the bench's safety limit: {Problem}. Set it within the limit before use.",
                    parameter.FullName, number, parameter.Unit, problem);
            }
        }

        public Exception Failed(Bench bench, BenchInstrument entry, Exception e)
        {
            if (e is BenchFileException or BenchOpenException)
                return e;
            var choice = bench._backends.GetValueOrDefault(entry.Alias);
            return new BenchOpenException(entry.Alias,
                $"{entry.Alias} ({entry.Driver}) did not open on {choice?.Spec}{(choice?.Address is null ? "" : " at " + choice.Address)}: {e.Message}", e);
        }

        public void Skip(Bench bench, BenchInstrument entry, Exception e)
        {
            bench._failures[entry.Alias] = e;
            Logger.LogError(e, "{Alias} did not open and is left out (continue_on_instrument_error): {Message}", entry.Alias, e.Message);
        }
    }

    private static string SimulatedAddress(ResourceManager manager, DriverInfo driver)
    {
        var listed = manager.ListResources("?*");
        if (driver.SimulationAddress is { } known && listed.Any(r => string.Equals(ResourceName.Parse(r).Canonical, ResourceName.Parse(known).Canonical, StringComparison.OrdinalIgnoreCase)))
            return known;
        if (listed.Count == 1)
            return listed[0];
        throw new BenchOpenException(driver.Key,
            $"the simulator file offers {(listed.Count == 0 ? "no resources" : string.Join(", ", listed))}, so it is not clear which one is the {driver.Key}; give address:");
    }

    private JsonObject Compose(JsonObject instruments)
    {
        var backends = new JsonObject();
        foreach (var (alias, choice) in _backends)
        {
            backends[alias] = new JsonObject
            {
                ["type"] = choice.Type,
                ["spec"] = choice.Spec,
                ["address"] = _instruments.TryGetValue(alias, out var instrument) ? instrument.Address : choice.Address,
                ["reason"] = choice.Reason,
            };
        }
        var config = new JsonObject
        {
            ["bench_name"] = File.Name,
            ["file"] = File.Path,
            ["description"] = File.Description,
            ["version"] = File.Version,
            ["experiment"] = File.Experiment is { } x
                ? new JsonObject { ["title"] = x.Title, ["description"] = x.Description, ["operator"] = x.Operator, ["date"] = x.Date, ["notes"] = x.Notes, ["database_path"] = x.DatabasePath }
                : null,
            ["simulate"] = File.Simulate?.Value,
            ["backends"] = backends,
            ["traceability"] = SnapshotJson.ToNode(File.Traceability),
            ["measurement_plan"] = SnapshotJson.ToNode(File.MeasurementPlan),
        };
        if (_failures.Count > 0)
            config["failures"] = new JsonObject([.. _failures.Select(f => new KeyValuePair<string, JsonNode?>(f.Key, f.Value.Message))]);
        return new JsonObject
        {
            ["instruments"] = instruments,
            ["parameters"] = new JsonObject(),
            ["components"] = new JsonObject(),
            ["config"] = config,
        };
    }
}
