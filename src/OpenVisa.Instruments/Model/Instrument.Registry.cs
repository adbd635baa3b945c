namespace OpenVisa.Instruments;

/// <summary>The process-wide registry: names are unique among open instruments; closing releases a name.</summary>
public partial class Instrument
{
    /// <summary>The names of every open instrument, sorted.</summary>
    public static IReadOnlyList<string> RegisteredNames => InstrumentRegistry.Names();

    /// <summary>Every open instrument.</summary>
    public static IReadOnlyList<Instrument> All => InstrumentRegistry.All();

    /// <summary>The open instrument named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> listing the open ones.</summary>
    public static Instrument Find(string name)
    {
        if (InstrumentRegistry.TryFind(name, out var instrument))
            return instrument;
        var names = InstrumentRegistry.Names();
        throw new KeyNotFoundException(
            $"No open instrument is named '{name}'." + (names.Count == 0 ? " None is open." : $" Open instruments: {string.Join(", ", names)}."));
    }

    /// <summary>The open instrument named <paramref name="name"/>, which must be a <typeparamref name="T"/>.</summary>
    public static T Find<T>(string name)
        where T : Instrument
    {
        var instrument = Find(name);
        return instrument as T ?? throw new InvalidCastException(
            $"The instrument '{name}' is a {instrument.GetType().Name}, not a {typeof(T).Name}.");
    }

    /// <summary>The open instrument named <paramref name="name"/>, if any.</summary>
    public static bool TryFind(string name, out Instrument instrument) => InstrumentRegistry.TryFind(name, out instrument);

    /// <summary>True when an open instrument is named <paramref name="name"/>.</summary>
    public static bool Exists(string name) => InstrumentRegistry.TryFind(name, out _);

    /// <summary>The open instruments that are <typeparamref name="T"/>s.</summary>
    public static IReadOnlyList<T> Instances<T>()
        where T : Instrument => [.. InstrumentRegistry.All().OfType<T>()];

    /// <summary>
    /// The open <typeparamref name="T"/> named <paramref name="name"/>, or a new one from <paramref name="create"/>. With
    /// <paramref name="recreate"/>, an open one is closed and replaced. (Re-running a notebook cell or a script that
    /// creates an instrument would otherwise fail on the taken name.)
    /// </summary>
    public static T FindOrCreate<T>(string name, Func<T> create, bool recreate = false)
        where T : Instrument
    {
        ArgumentNullException.ThrowIfNull(create);
        if (InstrumentRegistry.TryFind(name, out var existing))
        {
            if (!recreate)
            {
                return existing as T ?? throw new InvalidCastException(
                    $"The instrument '{name}' is a {existing.GetType().Name}, not a {typeof(T).Name}; close it or pass recreate: true.");
            }
            existing.Close();
        }
        var created = Create(create);
        if (created.Name != name)
        {
            created.Close();
            throw new ArgumentException($"FindOrCreate asked for '{name}' but the factory built '{created.Name}'.", nameof(create));
        }
        return created;
    }

    /// <summary>Closes every open instrument (or only the <typeparamref name="T"/>s); failures are collected and thrown together.</summary>
    public static void CloseAll<T>()
        where T : Instrument
    {
        List<Exception> failures = [];
        foreach (var instrument in InstrumentRegistry.All().OfType<T>())
        {
            try
            {
                instrument.Close();
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }
        if (failures.Count > 0)
            throw new AggregateException("Some instruments failed to close.", failures);
    }

    /// <summary>Closes every open instrument.</summary>
    public static void CloseAll() => CloseAll<Instrument>();

    /// <summary>Closes every open instrument.</summary>
    public static async ValueTask CloseAllAsync()
    {
        foreach (var instrument in InstrumentRegistry.All())
            await instrument.DisposeAsync().ConfigureAwait(false);
    }
}
