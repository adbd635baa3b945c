using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenVisa.Instruments;

/// <summary>
/// A top-level instrument: a message-based resource (or none, for a manual instrument that only keeps settings for
/// the record), its parameters, functions and channels, and a unique name in the process-wide registry.
/// </summary>
/// <remarks>
/// The constructor registers the name. Derived constructors should only define parameters and channels, not talk to
/// the instrument: I/O belongs in <see cref="Connect"/> / <see cref="ConnectAsync"/>. Create an instrument through
/// <see cref="Create{T}"/> to have its name released if its constructor throws. Closing (or disposing) closes the
/// resource and releases the name.
/// </remarks>
public partial class Instrument : InstrumentBase, IDisposable, IAsyncDisposable
{
    private readonly SemaphoreSlim _io = new(1, 1);
    private readonly AsyncLocal<TimeSpan?> _callTimeout = new();
    private MessageBasedResource? _resource;
    private ResourceSettings? _settings;
    private ResourceManager? _ownedManager;
    private int _closed;

    /// <summary>Creates the instrument over an open resource (null for a manual instrument) and registers its name.</summary>
    /// <param name="name">A valid identifier, unique among open instruments.</param>
    /// <param name="resource">The connection; the instrument owns it and closes it. Null for a manual instrument.</param>
    /// <param name="options">Timeout, terminations, error checking, reconnecting, logging.</param>
    public Instrument(string name, MessageBasedResource? resource, InstrumentOptions? options = null)
        : base(name, options?.Label, "instrument")
    {
        // Registered first, so a duplicate name fails before the resource is touched.
        InstrumentRegistry.Register(this);
        try
        {
            options ??= new InstrumentOptions();
            Logger = options.Logger ?? NullLogger.Instance;
            TimeProvider = options.TimeProvider ?? TimeProvider.System;
            ErrorCheck = options.ErrorCheck ?? ErrorCheckMode.Never;
            ErrorQuery = options.ErrorQuery ?? "SYST:ERR?";
            Reconnect = options.Reconnect ?? ReconnectPolicy.None;
            foreach (var (key, value) in options.Metadata ?? new Dictionary<string, object?>())
                Metadata[key] = value;
            if (resource is not null)
            {
                if (resource.IsClosed)
                    throw new ArgumentException($"The resource {resource.ResourceName} given to instrument '{name}' is already closed.", nameof(resource));
                ApplyOptions(resource, options);
                _resource = resource;
                _settings = ResourceSettings.Capture(resource, null);
                Address = resource.ResourceName;
            }
            Idn = new Parameter<InstrumentIdentity>("IDN", this)
            {
                Label = "IDN",
                Getter = resource is null ? () => ManualIdentity : null,
                GetCommand = resource is null ? null : "*IDN?",
                GetParser = InstrumentIdentity.Parse,
                SnapshotGet = true,
            };
        }
        catch
        {
            InstrumentRegistry.Remove(this);
            throw;
        }
    }

    /// <summary>The identity (<c>*IDN?</c>): vendor, model, serial, firmware. A manual instrument reports its name as the model.</summary>
    public Parameter<InstrumentIdentity> Idn { get; }

    /// <inheritdoc/>
    public override string FullName => Name;

    /// <inheritdoc/>
    public override Instrument Root => this;

    /// <summary>The resource name the instrument talks to; null for a manual instrument.</summary>
    public string? Address { get; }

    /// <summary>The open resource; it changes when the instrument reconnects. Null for a manual instrument.</summary>
    public MessageBasedResource? Resource => _resource;

    /// <summary>True for an instrument without a connection, whose parameters only keep values for the record.</summary>
    public bool IsManual => Address is null;

    /// <summary>True once closed.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Where traffic (Debug) and events (Information, Warning) go.</summary>
    public ILogger Logger { get; }

    /// <summary>The clock for cache timestamps.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>When to read the error queue after a command.</summary>
    public ErrorCheckMode ErrorCheck { get; set; }

    /// <summary>The query that pops one error-queue entry.</summary>
    public string ErrorQuery { get; set; }

    /// <summary>What to do on a lost connection.</summary>
    public ReconnectPolicy Reconnect { get; set; }

    /// <summary>How many times the instrument has reopened its resource after losing the connection.</summary>
    public int ReconnectCount { get; private set; }

    /// <summary>Raised after the resource was reopened (caches are already invalidated).</summary>
    public event EventHandler? Reconnected;

    /// <summary>The I/O timeout; kept across reconnects.</summary>
    public TimeSpan Timeout
    {
        get => RequireResource(nameof(Timeout)).Timeout;
        set
        {
            var resource = RequireResource(nameof(Timeout));
            resource.Timeout = value;
            _settings = ResourceSettings.Capture(resource, _settings);
        }
    }

    /// <summary>
    /// Uses <paramref name="timeout"/> for the I/O calls made in the current flow (thread or async flow) until the scope
    /// is disposed: <c>using (dmm.WithTimeout(TimeSpan.FromSeconds(30))) await dmm.Voltage.GetAsync();</c>. Calls from
    /// other threads keep the instrument's timeout.
    /// </summary>
    public IDisposable WithTimeout(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A timeout cannot be negative (use Timeout.InfiniteTimeSpan to wait forever).");
        var previous = _callTimeout.Value;
        _callTimeout.Value = timeout;
        return new TimeoutScope(this, previous);
    }

    /// <summary>
    /// Creates an instrument with <paramref name="create"/>; if the constructor throws after the name was registered, the
    /// half-built instrument is closed and its name released, so the same name can be used again.
    /// </summary>
    public static T Create<T>(Func<T> create)
        where T : Instrument
    {
        ArgumentNullException.ThrowIfNull(create);
        var mark = InstrumentRegistry.BeginConstruction();
        try
        {
            return create();
        }
        catch
        {
            InstrumentRegistry.AbandonConstruction(mark);
            throw;
        }
        finally
        {
            InstrumentRegistry.EndConstruction(mark);
        }
    }

    /// <summary>Reads the identity and logs "Connected to: …"; a manual instrument just reports its name.</summary>
    public InstrumentIdentity Connect()
    {
        var started = Stopwatch.GetTimestamp();
        var identity = Idn.Get();
        LogConnected(identity, started);
        return identity;
    }

    /// <summary>Reads the identity and logs "Connected to: …".</summary>
    public async ValueTask<InstrumentIdentity> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var identity = await Idn.GetAsync(cancellationToken).ConfigureAwait(false);
        LogConnected(identity, started);
        return identity;
    }

    /// <summary>Makes the instrument close <paramref name="manager"/> when it closes (when it opened the manager for itself).</summary>
    public void OwnManager(ResourceManager manager) => _ownedManager = manager ?? throw new ArgumentNullException(nameof(manager));

    /// <summary>Closes the resource and releases the name; closing twice does nothing. Parameters cannot be used afterwards.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        InstrumentRegistry.Remove(this);
        try
        {
            _resource?.Close();
            _ownedManager?.Close();
        }
        catch (VisaException e)
        {
            if (Logger.IsEnabled(LogLevel.Warning))
                Logger.LogWarning(e, "{Instrument}: closing {Address} failed: {Message}", Name, Address, e.Message);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Called after a reconnect, under the I/O lock, before the interrupted command is repeated; drivers may restore settings here.</summary>
    protected virtual void OnReconnected()
    {
    }

    /// <summary>Adds QCoDeS's VISA keys: <c>address</c>, <c>terminator</c>, <c>read_terminator</c>, <c>write_terminator</c>, <c>timeout</c> (s).</summary>
    protected override void AddSnapshotDetails(JsonObject snapshot)
    {
        if (_settings is not { } settings)
            return;
        snapshot["address"] = Address;
        snapshot["terminator"] = settings.WriteTermination;
        snapshot["read_terminator"] = settings.ReadTermination;
        snapshot["write_terminator"] = settings.WriteTermination;
        snapshot["timeout"] = System.Threading.Timeout.InfiniteTimeSpan == settings.Timeout ? null : SnapshotJson.Real(settings.Timeout.TotalSeconds);
    }

    private InstrumentIdentity ManualIdentity => new(null, Name, null, null);

    private static void ApplyOptions(MessageBasedResource resource, InstrumentOptions options)
    {
        if (options.Timeout is { } timeout)
            resource.Timeout = timeout;
        if (options.ReadTermination is not null)
            resource.ReadTermination = options.ReadTermination;
        if (options.WriteTermination is not null)
            resource.WriteTermination = options.WriteTermination;
    }

    private void LogConnected(InstrumentIdentity identity, long started)
    {
        if (Logger.IsEnabled(LogLevel.Information))
        {
            Logger.LogInformation("Connected to: {Vendor} {Model} (serial:{Serial}, firmware:{Firmware}) in {Seconds:0.00}s",
                identity.Vendor, identity.Model, identity.Serial, identity.Firmware, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private sealed class TimeoutScope(Instrument instrument, TimeSpan? previous) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                instrument._callTimeout.Value = previous;
        }
    }
}
