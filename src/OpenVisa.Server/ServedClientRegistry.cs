using OpenVisa.Managed.Server;

namespace OpenVisa.Server;

/// <summary>
/// Who is attached to which served instrument, over every protocol: the SOCKET, VXI-11, HiSLIP and serial servers
/// report their clients here (it is their <see cref="IServedClientObserver"/>), and the HTTP API lists them per
/// instrument for <c>GET /api/v1/instruments</c> and the console's instruments page.
/// </summary>
public sealed class ServedClientRegistry : IServedClientObserver
{
    private readonly Dictionary<IMessageDevice, string> _names = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();
    private readonly List<(string Instrument, ServedClient Client)> _attached = [];

    /// <summary>Tracks the clients of <paramref name="instruments"/>; a client of any other device is ignored.</summary>
    public ServedClientRegistry(IEnumerable<ServedInstrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        foreach (var instrument in instruments)
        {
            // A server may be handed the instrument's device or a decorator of it; both name the same instrument.
            for (IMessageDevice? device = instrument.Device; device is not null; device = (device as IMessageDeviceDecorator)?.Inner)
                _names.TryAdd(device, instrument.Name);
        }
    }

    /// <summary>Raised after a client of a served instrument attached or went away, on the reporting server's thread.</summary>
    public event EventHandler<ServedClientChange>? Changed;

    /// <summary>The clients attached to the instrument named <paramref name="instrument"/> now, oldest first.</summary>
    public IReadOnlyList<ServedClient> Of(string instrument)
    {
        lock (_gate)
            return [.. _attached.Where(a => string.Equals(a.Instrument, instrument, StringComparison.OrdinalIgnoreCase)).Select(a => a.Client)];
    }

    /// <summary>How many clients are attached now, to any instrument.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _attached.Count;
        }
    }

    /// <inheritdoc/>
    public void Attached(ServedClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!_names.TryGetValue(client.Device, out var instrument))
            return;
        lock (_gate)
            _attached.Add((instrument, client));
        Changed?.Invoke(this, new ServedClientChange(instrument, client, Attached: true));
    }

    /// <inheritdoc/>
    public void Detached(ServedClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        string? instrument = null;
        lock (_gate)
        {
            var at = _attached.FindIndex(a => ReferenceEquals(a.Client, client));
            if (at >= 0)
            {
                instrument = _attached[at].Instrument;
                _attached.RemoveAt(at);
            }
        }
        if (instrument is not null)
            Changed?.Invoke(this, new ServedClientChange(instrument, client, Attached: false));
    }
}

/// <summary>A client attached to, or went away from, a served instrument.</summary>
/// <param name="Instrument">The instrument's name.</param>
/// <param name="Client">The client.</param>
/// <param name="Attached">True when it attached, false when it went away.</param>
public sealed record ServedClientChange(string Instrument, ServedClient Client, bool Attached);
