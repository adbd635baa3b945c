namespace OpenVisa.Server;

/// <summary>The GPIB addresses served instruments get behind an emulated Prologix adapter.</summary>
public static class PrologixAddresses
{
    /// <summary>
    /// One primary address per name: the name's own when it is a <c>GPIBn::pad::INSTR</c> name, else the lowest free one
    /// from 1 up (0 is the adapter's own, as controller), in order.
    /// </summary>
    /// <exception cref="ArgumentException">More than 30 instruments, or two with the same GPIB address.</exception>
    public static IReadOnlyList<int> Assign(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var own = names.Select(n => ResourceName.TryParse(n, out var parsed) && parsed!.InterfaceType == InterfaceType.Gpib ? parsed.PrimaryAddress : null).ToList();
        var taken = new HashSet<int>();
        for (var i = 0; i < names.Count; i++)
        {
            if (own[i] is { } address && !taken.Add(address))
                throw new ArgumentException($"Two instruments have GPIB address {address} ({names[i]}); a bus has one device per address.", nameof(names));
        }
        var result = new int[names.Count];
        var next = 1;
        for (var i = 0; i < names.Count; i++)
        {
            if (own[i] is { } address)
            {
                result[i] = address;
                continue;
            }
            while (taken.Contains(next))
                next++;
            if (next > 30)
                throw new ArgumentException($"A GPIB bus has addresses 1 to 30; {names.Count} instruments do not fit.", nameof(names));
            taken.Add(next);
            result[i] = next;
        }
        return result;
    }
}
