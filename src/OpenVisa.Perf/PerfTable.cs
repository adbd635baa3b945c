namespace OpenVisa.Perf;

/// <summary>The human form of a <see cref="PerfReport"/>: the figures, the ratios, the targets and a closing note.</summary>
internal static class PerfTable
{
    private const string SocketTransport = "socket";

    private static readonly (string Metric, string Heading)[] Columns =
    [
        (PerfMetrics.RoundTrips, "rt/s"),
        (PerfMetrics.RoundTripsPinned, "rt/s 1cpu"),
        (PerfMetrics.CpuPerQuery, "cpu µs/q"),
        (PerfMetrics.CpuPerQueryPinned, "cpu µs/q 1cpu"),
        (PerfMetrics.P50, "p50 µs"),
        (PerfMetrics.P99, "p99 µs"),
        (PerfMetrics.BlockThroughput, "block MB/s"),
        (PerfMetrics.AllocPerQuery, "alloc B/q"),
    ];

    public static void Write(PerfReport report, TextWriter output)
    {
        var machine = report.Machine;
        output.WriteLine($"ovisa perf: {machine.Cpu}, {machine.LogicalCpus} CPUs, {machine.Runtime}, ovisa {machine.Ovisa}");
        output.WriteLine($"median of {machine.Rounds} interleaved rounds of {PerfTargets.Format(machine.Seconds)} s; block {machine.BlockBytes:#,0} bytes; pinned = client and server on CPU {machine.PinnedCpu?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}; load average {machine.LoadAverage}");
        output.WriteLine("ratios are medians of per-round ratios (each round times every client seconds apart)");
        output.WriteLine();
        var rows = new List<string[]?> { (string[])["transport", "client", .. Columns.Select(c => c.Heading)] };
        foreach (var transport in report.Results.Select(r => r.Transport).Distinct())
        {
            if (rows.Count > 1)
                rows.Add(null); // a blank line between transports
            foreach (var group in report.Results.Where(r => r.Transport == transport).GroupBy(r => r.Client))
            {
                if (group.Any(r => Columns.Any(c => c.Metric == r.Metric)))
                    rows.Add([transport, group.Key, .. Columns.Select(c => Cell(group.FirstOrDefault(r => r.Metric == c.Metric)?.Value))]);
            }
            foreach (var against in (string[])[PerfClientKinds.Raw, PerfClientKinds.PyvisaPy])
                AddRatioRow(rows, report.Results, transport, PerfClientKinds.OpenVisa, transport, against, $"openvisa/{against}");
            // Issue 13's pairs: the same client code with and without the C API hop.
            AddRatioRow(rows, report.Results, transport, PerfClientKinds.Ivi, transport, PerfClientKinds.OpenVisa, $"{PerfClientKinds.Ivi}/{PerfClientKinds.OpenVisa}");
            AddRatioRow(rows, report.Results, transport, PerfClientKinds.PyvisaIvi, transport, PerfClientKinds.PyvisaPy, $"{PerfClientKinds.PyvisaIvi}/{PerfClientKinds.PyvisaPy}");
            if (transport != SocketTransport && report.Results.Any(r => r.Transport == transport && r.Client == PerfClientKinds.Raw))
            {
                // Each protocol is held to its own raw client; these rows say how far the protocol itself is from bare SOCKET.
                AddRatioRow(rows, report.Results, transport, PerfClientKinds.OpenVisa, SocketTransport, PerfClientKinds.Raw, "openvisa/socket raw");
                AddRatioRow(rows, report.Results, transport, PerfClientKinds.Raw, SocketTransport, PerfClientKinds.Raw, "raw/socket raw");
            }
        }
        WriteAligned(rows, output);
        foreach (var transport in report.Results.Select(r => r.Transport).Distinct())
        {
            var levels = PerfDefaults.LoadLevels
                .Select(n => (n, Value: Find(report.Results, transport, PerfClientKinds.OpenVisa, PerfMetrics.ServerQps(n))))
                .Where(x => x.Value is not null).ToArray();
            if (levels.Length == 0)
                continue;
            var p99 = Find(report.Results, transport, PerfClientKinds.OpenVisa, PerfMetrics.ServerP99At64);
            output.WriteLine();
            output.WriteLine($"{transport} server, OpenVisa clients: " + string.Join(", ", levels.Select(x => $"{x.n} client{(x.n == 1 ? "" : "s")} {PerfTargets.Format(x.Value!.Value)} q/s")) +
                (p99 is null ? "" : $"; p99 with {PerfDefaults.LoadLevels[^1]} clients {PerfTargets.Format(p99.Value)} µs"));
        }
        output.WriteLine();
        output.WriteLine("targets:");
        foreach (var check in report.Targets)
            output.WriteLine($"  {(check.Met switch { true => "met    ", false => "MISSED ", null => "n/a    " })}{check.Target}: {check.Detail}");
        output.WriteLine();
        output.WriteLine(ClosingNote(report));
        foreach (var note in report.Notes)
            output.WriteLine("note: " + note);
    }

    /// <summary>Which targets were missed, or that all measured ones were met; docs/performance.md says why for each miss.</summary>
    public static string ClosingNote(PerfReport report)
    {
        var measured = report.Targets.Where(t => t.Met is not null).ToArray();
        var missed = measured.Where(t => t.Met == false).ToArray();
        var unmeasured = report.Targets.Count - measured.Length;
        var tail = unmeasured > 0 ? $" ({unmeasured} not measured in this run)" : "";
        return missed.Length == 0
            ? $"All {measured.Length} measured targets met{tail}."
            : $"{missed.Length} of {measured.Length} measured targets missed{tail}: {string.Join("; ", missed.Select(m => $"{m.Target} ({m.Detail})"))}. docs/performance.md explains each miss.";
    }

    private static void AddRatioRow(List<string[]?> rows, IReadOnlyList<PerfResult> results, string transport, string client, string baseTransport, string baseClient, string label)
    {
        var ratios = Columns.Select(c => PerfRatio.Of(FindResult(results, transport, client, c.Metric), FindResult(results, baseTransport, baseClient, c.Metric))).ToArray();
        if (ratios.Any(r => r is not null))
            rows.Add([transport, label, .. ratios.Select(r => r is null ? "" : $"{PerfTargets.Format(r.Value)}×")]);
    }

    private static PerfResult? FindResult(IReadOnlyList<PerfResult> results, string transport, string client, string metric) =>
        results.FirstOrDefault(r => r.Transport == transport && r.Client == client && r.Metric == metric);

    private static double? Find(IReadOnlyList<PerfResult> results, string transport, string client, string metric) =>
        results.FirstOrDefault(r => r.Transport == transport && r.Client == client && r.Metric == metric)?.Value;

    private static string Cell(double? value) => value is null ? "" : PerfTargets.Format(value.Value);

    private static void WriteAligned(List<string[]?> rows, TextWriter output)
    {
        var cells = rows.OfType<string[]>().ToArray();
        var widths = Enumerable.Range(0, cells[0].Length).Select(i => cells.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            if (row is null)
            {
                output.WriteLine();
                continue;
            }
            var padded = row.Select((cell, i) => i < 2 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]));
            output.WriteLine(string.Join("  ", padded).TrimEnd());
        }
    }
}
