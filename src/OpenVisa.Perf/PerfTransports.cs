namespace OpenVisa.Perf;

/// <summary>The transports <c>ovisa perf</c> knows, by name.</summary>
internal static class PerfTransports
{
    /// <summary>
    /// Every transport, in the order results are printed (and the default of <c>--transports</c>). To add one: write a
    /// <see cref="PerfTransport"/> subclass in this folder and list an instance here; the harness, the server child and
    /// the JSON need nothing else.
    /// </summary>
    public static IReadOnlyList<PerfTransport> All { get; } =
    [
        new SocketPerfTransport(),
        new Vxi11PerfTransport(),
        new HislipPerfTransport(),
        new SimPerfTransport(),
        new HttpPerfTransport(),
    ];

    /// <summary>The names the JSON contract allows for a transport, whether or not this build has it yet.</summary>
    public static IReadOnlyList<string> ContractNames { get; } = ["socket", "vxi11", "hislip", "sim", "http"];

    /// <summary>Finds transports by their names, in the order given; an unknown name is a usage error that lists the known ones.</summary>
    public static IReadOnlyList<PerfTransport> Parse(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
            throw new UsageException($"--transports '{list}' names no transport; use a comma list of {string.Join(", ", All.Select(t => t.Name))}");
        var result = new List<PerfTransport>();
        foreach (var name in names)
        {
            var transport = All.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (transport is null)
            {
                var known = string.Join(", ", All.Select(t => t.Name));
                var later = ContractNames.Contains(name.ToLowerInvariant()) ? $" ('{name}' is not in this build yet)" : "";
                throw new UsageException($"unknown transport '{name}' in --transports '{list}'{later}; this build measures: {known}");
            }
            if (!result.Contains(transport))
                result.Add(transport);
        }
        return result;
    }
}
