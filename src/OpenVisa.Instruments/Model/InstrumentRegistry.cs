namespace OpenVisa.Instruments;

/// <summary>
/// The process-wide table of open instruments by name. It also tracks the instruments each thread registers inside
/// <see cref="Instrument.Create{T}"/>, so a constructor that throws does not leave its name taken.
/// </summary>
internal static class InstrumentRegistry
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Instrument> ByName = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static List<Instrument>? _constructing;

    public static void Register(Instrument instrument)
    {
        lock (Gate)
        {
            if (ByName.TryGetValue(instrument.Name, out var existing))
            {
                throw new InvalidOperationException(
                    $"Another instrument is already named '{instrument.Name}' ({existing.GetType().Name}" +
                    (existing.Address is null ? "" : $" at {existing.Address}") +
                    "); close it first, choose another name, or use Instrument.FindOrCreate.");
            }
            ByName[instrument.Name] = instrument;
        }
        _constructing?.Add(instrument);
    }

    public static void Remove(Instrument instrument)
    {
        lock (Gate)
        {
            if (ByName.TryGetValue(instrument.Name, out var registered) && ReferenceEquals(registered, instrument))
                ByName.Remove(instrument.Name);
        }
    }

    public static bool TryFind(string name, out Instrument instrument)
    {
        lock (Gate)
            return ByName.TryGetValue(name, out instrument!);
    }

    public static IReadOnlyList<Instrument> All()
    {
        lock (Gate)
            return [.. ByName.Values];
    }

    public static IReadOnlyList<string> Names()
    {
        lock (Gate)
            return [.. ByName.Keys.Order(StringComparer.Ordinal)];
    }

    public static int BeginConstruction()
    {
        _constructing ??= [];
        return _constructing.Count;
    }

    public static void AbandonConstruction(int mark)
    {
        if (_constructing is not { } list)
            return;
        for (var i = list.Count - 1; i >= mark; i--)
            list[i].Close();
    }

    public static void EndConstruction(int mark)
    {
        if (_constructing is not { } list)
            return;
        list.RemoveRange(mark, list.Count - mark);
        if (mark == 0)
            _constructing = null;
    }
}
