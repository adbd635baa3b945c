using System.Globalization;
using System.Text.Json;

namespace OpenVisa.Perf;

/// <summary>
/// One <c>ovisa perf</c> run: starts a server per transport (a second one pinned to a CPU), a long-lived child per
/// (transport, client, pinning), warms them up, then runs interleaved rounds so every client sees the same machine noise,
/// and reduces each figure to its median over the rounds.
/// </summary>
internal sealed class PerfRun
{
    private readonly PerfOptions _options;
    private readonly PerfLauncher _launcher;
    private readonly TextWriter _progress;
    private readonly PerfSamples _samples = new();
    private readonly List<string> _notes = [];
    private readonly List<PerfChild> _children = [];
    private CancellationToken _stop;
    private int _roundsDone;

    private PerfRun(PerfOptions options, PerfLauncher launcher, TextWriter progress)
    {
        _options = options;
        _launcher = launcher;
        _progress = progress;
    }

    /// <summary>
    /// Runs the whole measurement; <paramref name="progress"/> gets one line per step (stderr in the CLI). When
    /// <paramref name="stop"/> fires (Ctrl-C) the children are ended at once and the report holds what was measured so far.
    /// </summary>
    public static async Task<PerfReport> RunAsync(PerfOptions options, TextWriter progress, CancellationToken stop = default)
    {
        var pin = options.PinnedCpu is not null && PerfLauncher.CanPin;
        var launcher = PerfLauncher.ForThisOvisa() with { PinnedCpu = pin ? options.PinnedCpu : null };
        var run = new PerfRun(options, launcher, progress) { _stop = stop };
        if (options.PinnedCpu is not null && !pin)
            run._notes.Add("pinned figures (…_1cpu) not measured: taskset (util-linux) was not found on the system path");
        return await run.RunAsync(pin).ConfigureAwait(false);
    }

    private async Task<PerfReport> RunAsync(bool pin)
    {
        var loadBefore = PerfMachine.LoadAverageNow();
        PyvisaPy? pyvisa = null;
        if (_options.UsePyvisaPy)
        {
            pyvisa = PyvisaPy.Find(_options.Python, out var reason);
            if (pyvisa is null)
                _notes.Add($"pyvisa-py not measured: {reason}");
        }
        NoteIviClients(pyvisa);
        // Unique per run, not per process: two runs in one process (tests run them in parallel) must not delete each other's script.
        var script = pyvisa is null ? null : Path.Combine(Path.GetTempPath(), $"ovisa-perf-{Environment.ProcessId}-{Guid.NewGuid():N}-pyvisa_py_client.py");
        var inProcessServers = new List<PerfServer>();
        var interrupted = false;
        try
        {
            if (script is not null)
                await File.WriteAllTextAsync(script, PyvisaPy.ScriptText()).ConfigureAwait(false);
            bool[] modes = pin ? [false, true] : [false];
            var early = new List<ClientSlot>();
            var servers = await StartServersAsync(modes, inProcessServers, pyvisa, script, early).ConfigureAwait(false);
            var clients = await StartClientsAsync(modes, servers, pyvisa, script, early).ConfigureAwait(false);
            await WarmUpAsync(clients).ConfigureAwait(false);
            for (var round = 0; round < _options.Rounds; round++)
            {
                _stop.ThrowIfCancellationRequested();
                await RoundAsync(round, clients).ConfigureAwait(false);
                _roundsDone++;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            interrupted = true;
            _notes.Add($"stopped by Ctrl-C after {_roundsDone} of {_options.Rounds} rounds: the figures are medians of what was measured until then");
        }
        finally
        {
            if (interrupted)
            {
                foreach (var child in _children)
                    child.Stop();
            }
            // All at once: each child needs a moment to exit, and two dozen of them one after another add seconds to the run.
            await Task.WhenAll(_children.Select(child => child.DisposeAsync().AsTask())).ConfigureAwait(false);
            foreach (var server in inProcessServers)
            {
                if (server.Stop is { } stop)
                    await stop().ConfigureAwait(false);
            }
            if (script is not null)
                File.Delete(script);
        }
        var results = _samples.Medians([.. _options.Transports.Select(t => t.Name)]);
        return new PerfReport(PerfMachine.Describe(_options, pyvisa, loadBefore), results, PerfTargets.Evaluate(results, _options.Transports), _notes) { Interrupted = interrupted };
    }

    private async Task<Dictionary<(PerfTransport, bool), PerfServer>> StartServersAsync(bool[] modes, List<PerfServer> inProcess, PyvisaPy? pyvisa, string? script, List<ClientSlot> early)
    {
        var servers = new Dictionary<(PerfTransport, bool), PerfServer>();
        foreach (var transport in _options.Transports)
        {
            if (!transport.NeedsServerProcess)
            {
                var server = await transport.StartServerAsync(new PerfDevice(_options.BlockBytes), new PerfServeOptions(), CancellationToken.None).ConfigureAwait(false);
                inProcess.Add(server);
                foreach (var pinned in modes)
                    servers[(transport, pinned)] = server;
                continue;
            }
            PerfPortmapperPlan? plan = null;
            if (pyvisa is not null && transport.PyvisaPyReadTermination is not null && transport.PyvisaPyNeedsPortmapper)
            {
                plan = PerfPortmapperPlan.For(modes.Length, out var reason);
                if (plan is null)
                    _notes.Add($"pyvisa-py not measured on {transport.Name}: {reason}");
            }
            var connected = 0;
            for (var i = 0; i < modes.Length; i++)
            {
                var pinned = modes[i];
                var label = $"{transport.Name} server{(pinned ? " (pinned)" : "")}";
                var portmapper = plan?.Modes[i] ?? PerfPortmapper.None;
                Progress($"starting the {label}{(portmapper == PerfPortmapper.None ? "" : $" (portmapper: {portmapper.ToString().ToLowerInvariant()})")}");
                string[] arguments = ["perf", "serve", "--transport", transport.Name, "--block-bytes", Invariant(_options.BlockBytes)];
                if (portmapper != PerfPortmapper.None)
                    arguments = [.. arguments, "--portmapper", portmapper.ToString()];
                var child = Start(_launcher.Ovisa(arguments, pinned), label);
                var started = await child.ReadLineAsync(TimeSpan.FromSeconds(60), "its resource name", _stop).ConfigureAwait(false);
                var server = new PerfServer(started.GetProperty("resource").GetString()!, started.GetProperty("backend").GetString()!, null)
                {
                    PyvisaPyResourceName = OptionalString(started, "pyvisaPyResource"),
                    Note = OptionalString(started, "note"),
                };
                if (server.Note is { } note)
                    _notes.Add($"{label}: {note}");
                servers[(transport, pinned)] = server;
                if (plan is not null && server.PyvisaPyResourceName is not null)
                {
                    // Connect now, while this server holds the portmapper's registration: the next server takes it over.
                    var slot = new ClientSlot(transport, PerfClientKinds.PyvisaPy, pinned, Start(ClientInfo(transport, PerfClientKinds.PyvisaPy, pinned, server, pyvisa, script), ClientLabel(transport, PerfClientKinds.PyvisaPy, pinned)));
                    Progress($"connecting the {slot.Child.Label} through the portmapper");
                    if (await ReadyAsync(slot).ConfigureAwait(false))
                    {
                        early.Add(slot);
                        connected++;
                    }
                }
            }
            if (plan is not null && connected > 0)
            {
                _notes.Add($"pyvisa-py reached the {transport.Name} server{(connected > 1 ? "s" : "")} as {Vxi11PerfTransport.PortmapperResourceName} through {plan.Description}" +
                    (connected > 1 ? ": each server registered in turn, and its pyvisa-py client connected before the next one took the registration over" : ""));
            }
        }
        return servers;
    }

    private async Task<List<ClientSlot>> StartClientsAsync(bool[] modes, Dictionary<(PerfTransport, bool), PerfServer> servers, PyvisaPy? pyvisa, string? script, List<ClientSlot> early)
    {
        var slots = new List<ClientSlot>();
        foreach (var transport in _options.Transports)
        {
            foreach (var pinned in modes)
            {
                var server = servers[(transport, pinned)];
                var kinds = new List<string> { PerfClientKinds.OpenVisa };
                if (transport.HasRawClient)
                    kinds.Add(PerfClientKinds.Raw);
                if (pyvisa is not null && transport.PyvisaPyReadTermination is not null && !transport.PyvisaPyNeedsPortmapper && server.PyvisaPyResourceName is not null)
                    kinds.Add(PerfClientKinds.PyvisaPy);
                if (transport.MeasuresIviClients && _options.IviLibrary is not null)
                {
                    kinds.Add(PerfClientKinds.Ivi);
                    if (pyvisa is not null && transport.PyvisaPyReadTermination is not null && server.PyvisaPyResourceName is not null)
                        kinds.Add(PerfClientKinds.PyvisaIvi);
                }
                foreach (var kind in kinds)
                    slots.Add(new ClientSlot(transport, kind, pinned, Start(ClientInfo(transport, kind, pinned, server, pyvisa, script), ClientLabel(transport, kind, pinned))));
                slots.AddRange(early.Where(e => e.Transport == transport && e.Pinned == pinned));
            }
        }
        Progress($"starting {slots.Count - early.Count} clients");
        var ready = new List<ClientSlot>();
        foreach (var slot in slots)
        {
            if (early.Contains(slot) || await ReadyAsync(slot).ConfigureAwait(false))
                ready.Add(slot);
        }
        return ready;
    }

    /// <summary>Waits for a client's ready line; a client that fails to start is noted and left out.</summary>
    private async Task<bool> ReadyAsync(ClientSlot slot)
    {
        try
        {
            await slot.Child.ReadLineAsync(TimeSpan.FromSeconds(120), "ready", _stop).ConfigureAwait(false);
            return true;
        }
        catch (PerfChildException e)
        {
            _notes.Add($"{slot.Child.Label} not measured: {e.Message}");
            return false;
        }
    }

    private System.Diagnostics.ProcessStartInfo ClientInfo(PerfTransport transport, string kind, bool pinned, PerfServer server, PyvisaPy? pyvisa, string? script)
    {
        var iviSpec = $"{_options.IviLibrary}@ivi";
        var info = kind switch
        {
            PerfClientKinds.PyvisaPy => _launcher.Program(pyvisa!.Python, PyvisaPy.ClientArguments(script!, server.PyvisaPyResourceName!, transport.PyvisaPyReadTermination!, _options.BlockBytes), pinned),
            PerfClientKinds.PyvisaIvi => _launcher.Program(pyvisa!.Python, PyvisaPy.ClientArguments(script!, server.PyvisaPyResourceName!, transport.PyvisaPyReadTermination!, _options.BlockBytes,
                iviSpec, PerfClientKinds.PyvisaIvi, PerfDefaults.IviClientTimeout), pinned),
            _ => _launcher.Ovisa(["perf", "client", "--backend", kind == PerfClientKinds.Ivi ? iviSpec : server.Backend, "--transport", transport.Name, "--kind", kind,
                "--resource", server.ResourceName, "--block-bytes", Invariant(_options.BlockBytes)], pinned),
        };
        // libopenvisa drives the backend its OPENVISA_BACKEND names; the target is @ivi over @managed, whatever the caller set.
        if (kind is PerfClientKinds.Ivi or PerfClientKinds.PyvisaIvi)
            info.Environment["OPENVISA_BACKEND"] = PerfDefaults.IviInnerBackend;
        return info;
    }

    /// <summary>Says whether and how the <c>ivi</c> and <c>pyvisa-ivi</c> clients are measured, or how to get them measured.</summary>
    private void NoteIviClients(PyvisaPy? pyvisa)
    {
        var transports = _options.Transports.Where(t => t.MeasuresIviClients).Select(t => t.Name).ToArray();
        if (transports.Length == 0)
            return;
        if (_options.IviLibrary is not { } library)
        {
            _notes.Add($"{PerfClientKinds.Ivi} and {PerfClientKinds.PyvisaIvi} skipped: no VISA library given; {PerfIviLibrary.BuildHint}");
            return;
        }
        _notes.Add($"{PerfClientKinds.Ivi} and {PerfClientKinds.PyvisaIvi} ({string.Join(", ", transports)}): {library}@ivi with OPENVISA_BACKEND={PerfDefaults.IviInnerBackend}, " +
            $"timeout {PerfDefaults.IviClientTimeout.TotalMilliseconds:0} ms (PyVISA's default; libopenvisa reads with a longer one take its cancellable path, about twice the CPU: docs/performance.md, @ivi section)");
        if (pyvisa is null)
        {
            _notes.Add(_options.UsePyvisaPy
                ? $"{PerfClientKinds.PyvisaIvi} not measured: it runs the pyvisa-py client's script with Debian's PyVISA, which was not found"
                : $"{PerfClientKinds.PyvisaIvi} not measured: --no-pyvisa-py leaves out both PyVISA clients");
        }
    }

    private static string ClientLabel(PerfTransport transport, string kind, bool pinned) => $"{transport.Name} {kind} client{(pinned ? " (pinned)" : "")}";

    private static string? OptionalString(System.Text.Json.JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;

    private async Task WarmUpAsync(List<ClientSlot> clients)
    {
        // Two passes: the first runs every path through tier-0 code and triggers the JIT's tier-1 compiles, which run in
        // the background while the other clients warm up; the second lets each client reach tier 1 before round 1.
        // With one pass, a pinned client's first round shared its CPU with its own JIT and came out at a quarter speed.
        Progress($"warming up (2 passes of {_options.WarmupSeconds:0.##} s of round trips, and one block per unpinned client)");
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var slot in clients.ToArray())
            {
                await CommandAsync(clients, slot, $"roundtrips {Invariant(_options.WarmupSeconds)}").ConfigureAwait(false);
                if (!slot.Pinned && pass == 0)
                    await CommandAsync(clients, slot, "block 0").ConfigureAwait(false);
            }
        }
    }

    private async Task RoundAsync(int round, List<ClientSlot> clients)
    {
        Progress($"round {round + 1} of {_options.Rounds}");
        var seconds = Invariant(_options.Seconds);
        // Alternate which mode goes first and rotate the clients, so no client always runs right after another.
        bool[] modeOrder = round % 2 == 0 ? [false, true] : [true, false];
        foreach (var pinned in modeOrder)
        {
            foreach (var slot in Rotate(clients.Where(c => c.Pinned == pinned).ToList(), round))
            {
                if (await CommandAsync(clients, slot, $"roundtrips {seconds}").ConfigureAwait(false) is { } report)
                    _samples.AddRoundTrips(slot.Transport.Name, slot.Kind, pinned, report);
            }
        }
        foreach (var slot in Rotate(clients.Where(c => !c.Pinned).ToList(), round))
        {
            if (await CommandAsync(clients, slot, $"block {seconds}").ConfigureAwait(false) is { } report)
                _samples.AddBlocks(slot.Transport.Name, slot.Kind, report);
        }
        foreach (var slot in clients.Where(c => !c.Pinned && c.Kind == PerfClientKinds.OpenVisa && c.Transport.MeasuresServerScaling).ToArray())
        {
            foreach (var count in PerfDefaults.LoadLevels)
            {
                // One thread per client on the blocking path, like the single-client round trips, so server_qps_1 and
                // roundtrips_per_s measure the same thing (the asynchronous path spends more client CPU per query here).
                if (await CommandAsync(clients, slot, $"load {count} {seconds} threads").ConfigureAwait(false) is { } report)
                    _samples.AddLoad(slot.Transport.Name, slot.Kind, count, report);
            }
        }
    }

    /// <summary>Runs one command; a client that fails is noted and dropped from the rest of the run.</summary>
    private async Task<JsonElement?> CommandAsync(List<ClientSlot> clients, ClientSlot slot, string command)
    {
        if (!clients.Contains(slot))
            return null;
        try
        {
            // Generous: a slow client's 16 MiB block can take seconds; a hung one still ends the run.
            return await slot.Child.CommandAsync(command, TimeSpan.FromSeconds((_options.Seconds * 4) + 120), _stop).ConfigureAwait(false);
        }
        catch (PerfChildException e)
        {
            _notes.Add($"{slot.Child.Label} dropped: {e.Message}");
            clients.Remove(slot);
            return null;
        }
    }

    private PerfChild Start(System.Diagnostics.ProcessStartInfo info, string label)
    {
        var child = PerfChild.Start(info, label);
        _children.Add(child);
        return child;
    }

    private void Progress(string line)
    {
        _progress.WriteLine("perf: " + line);
        _progress.Flush();
    }

    private static IEnumerable<T> Rotate<T>(List<T> items, int by) =>
        items.Count == 0 ? items : items.Skip(by % items.Count).Concat(items.Take(by % items.Count));

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record ClientSlot(PerfTransport Transport, string Kind, bool Pinned, PerfChild Child);
}

/// <summary>What a run found: the machine, the median figures, the targets checked against them, and notes on what was left out.</summary>
internal sealed record PerfReport(PerfMachine Machine, IReadOnlyList<PerfResult> Results, IReadOnlyList<PerfTargetCheck> Targets, IReadOnlyList<string> Notes)
{
    /// <summary>True when Ctrl-C stopped the run before its last round; the CLI then exits 130.</summary>
    public bool Interrupted { get; init; }
}
