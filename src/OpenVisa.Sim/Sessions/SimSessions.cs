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

    public SimCatalog Catalog { get; } = catalog;

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
        // The termination character starts as the last byte of the device's reply terminator, so reads end where replies do.
        var termination = entry.Eom.Reply.Length > 0 ? entry.Eom.Reply[^1] : (byte)'\n';
        Attributes = new AttributeStore(entry.Interface, entry.ResourceClass, entry.Name, entry.Board,
            [KeyValuePair.Create(VisaAttribute.TerminationCharacter, (object)termination)]);
        IsSerial = entry.Interface == InterfaceType.Asrl;
        // Thread-pool dispatch: the simulated instrument raises SRQ while it handles a write, so a handler that talks to
        // the session must not run inside that write.
        Events = new SessionEventQueue(() => Handle, entry.Name, [EventType.ServiceRequest], EventHandlerDispatch.ThreadPool);
        OnServiceRequest = status => Events.Raise(new VisaEvent(EventType.ServiceRequest, status));
        instrument.ServiceRequested += OnServiceRequest;
    }

    public int Handle { get; }

    public ResourceManagerSession Owner { get; }

    public SimResourceEntry Entry { get; }

    public SimInstrument Instrument { get; }

    public AttributeStore Attributes { get; }

    public SessionEventQueue Events { get; }

    public bool IsSerial { get; }

    private Action<byte> OnServiceRequest { get; }

    public ReadOptions ReadOptions
    {
        get
        {
            var a = Attributes;
            return new ReadOptions(
                a.TerminationCharacter,
                a.TerminationCharacterEnabled,
                a.SuppressEndEnabled,
                IsSerial ? (SerialTermination)a.AsrlEndIn : null,
                IsSerial ? SerialFraming.LastBit(DataBits) : (byte)0,
                a.Timeout);
        }
    }

    /// <summary>VI_ATTR_ASRL_DATA_BITS (serial sessions only).</summary>
    public int DataBits => Attributes.TryGet(VisaAttribute.AsrlDataBits, out var bits) ? Convert.ToInt32(bits, System.Globalization.CultureInfo.InvariantCulture) : 8;

    public void Detach()
    {
        Instrument.ServiceRequested -= OnServiceRequest;
        Instrument.Locks.ReleaseAll(Handle);
    }
}

/// <summary>
/// What a serial port does to written bytes (VI_ATTR_ASRL_END_OUT): with <c>LastBit</c> each byte keeps its data bits
/// less one and the last byte gets the top bit when END is sent; with <c>TerminationCharacter</c> the termination
/// character follows when END is sent; otherwise each byte is cut to the data bits.
/// </summary>
internal static class SerialFraming
{
    public static byte LastBit(int dataBits) => (byte)(1 << (Math.Clamp(dataBits, 5, 8) - 1));

    /// <summary>The bytes the device receives, and the count the write reports.</summary>
    public static (byte[] Bytes, int Count) Frame(ReadOnlySpan<byte> data, SerialTermination endOut, int dataBits, bool sendEnd, byte terminationCharacter)
    {
        dataBits = Math.Clamp(dataBits, 5, 8);
        if (endOut == SerialTermination.LastBit)
        {
            var mask = (byte)((1 << (dataBits - 1)) - 1);
            var framed = new byte[data.Length];
            for (var k = 0; k < data.Length; k++)
                framed[k] = (byte)(data[k] & mask);
            if (sendEnd && framed.Length > 0)
                framed[^1] |= LastBit(dataBits);
            return (framed, data.Length);
        }
        var full = (byte)((1 << dataBits) - 1);
        var extra = endOut == SerialTermination.TerminationCharacter && sendEnd ? 1 : 0;
        var bytes = new byte[data.Length + extra];
        for (var k = 0; k < data.Length; k++)
            bytes[k] = (byte)(data[k] & full);
        if (extra == 1)
            bytes[^1] = terminationCharacter;
        return (bytes, data.Length + extra);
    }
}
