using System.Collections.Concurrent;
using OpenVisa.Sim.Loading;
using OpenVisa.Sim.PyVisaSim;
using OpenVisa.Sim.Runtime;

namespace OpenVisa.Sim.Sessions;

/// <summary>A resource-manager session: its own set of simulated instruments, made on first open, so state never leaks between managers.</summary>
internal sealed class ResourceManagerSession(int handle, SimCatalog catalog, long seed)
{
    private readonly ConcurrentDictionary<string, SimInstrument> _instruments = new(StringComparer.OrdinalIgnoreCase);

    public int Handle { get; } = handle;

    public ConcurrentDictionary<int, InstrumentSession> Sessions { get; } = new();

    /// <summary>The instrument behind <paramref name="entry"/> in this manager, made on first use.</summary>
    public SimInstrument Instrument(SimResourceEntry entry) =>
        _instruments.GetOrAdd(entry.Name, _ =>
        {
            var blueprint = entry.Blueprint;
            var random = new PythonRandom(blueprint.Seed ?? seed);
            var handler = blueprint.CreateHandler(entry.ChannelIds, random);
            return new SimInstrument(entry.Name, handler, entry.Eom, random, endCompletesMessage: entry.Interface != InterfaceType.Asrl);
        });

    public void DisposeInstruments()
    {
        foreach (var instrument in _instruments.Values)
            instrument.Dispose();
        _instruments.Clear();
    }

    public SimCatalog Catalog { get; } = catalog;
}

/// <summary>An open session to one simulated resource: its attributes, its event queue, and the instrument it talks to.</summary>
internal sealed class InstrumentSession
{
    public InstrumentSession(int handle, ResourceManagerSession owner, SimResourceEntry entry, SimInstrument instrument)
    {
        Handle = handle;
        Owner = owner;
        Entry = entry;
        Instrument = instrument;
        TerminationCharacter = entry.Eom.Reply.Length > 0 ? entry.Eom.Reply[^1] : (byte)'\n';
        Events = new SessionEventQueue([EventType.ServiceRequest]);
        OnServiceRequest = status => Events.Raise(Handle, new VisaEvent(EventType.ServiceRequest, status));
        instrument.ServiceRequested += OnServiceRequest;
    }

    public int Handle { get; }

    public ResourceManagerSession Owner { get; }

    public SimResourceEntry Entry { get; }

    public SimInstrument Instrument { get; }

    public SessionEventQueue Events { get; }

    private Action<byte> OnServiceRequest { get; }

    public uint TimeoutMilliseconds { get; set; } = VisaTimeout.ToAttribute(VisaTimeout.Default);

    /// <summary>Defaults to the last byte of the device's reply terminator for this interface, so reads end where replies do.</summary>
    public byte TerminationCharacter { get; set; }

    public bool TerminationCharacterEnabled { get; set; }

    public bool SendEndEnabled { get; set; } = true;

    public bool SuppressEndEnabled { get; set; }

    public ReadOptions ReadOptions => new(
        TerminationCharacter,
        TerminationCharacterEnabled,
        SuppressEndEnabled,
        Entry.Interface == InterfaceType.Asrl,
        VisaTimeout.FromAttribute(TimeoutMilliseconds));

    public void Detach()
    {
        Instrument.ServiceRequested -= OnServiceRequest;
        Instrument.Locks.ReleaseAll(Handle);
    }
}
