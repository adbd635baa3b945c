using System.Globalization;
using OpenVisa.Instruments.Drivers;

namespace OpenVisa.Instruments.Benches;

/// <summary>
/// Chooses each bench instrument's backend. The first rule that applies wins:
/// <list type="number">
/// <item>the run's own instruction (<c>ovisa bench … --simulate</c>);</item>
/// <item>the instrument's <c>backend_type_hint</c>;</item>
/// <item>the instrument's <c>backend.type</c>;</item>
/// <item><c>simulate</c>: the instrument's, else the bench's, else the <c>OPENVISA_SIMULATE</c> variable (the first one set decides; false moves on);</item>
/// <item>an address that names the simulator (<c>sim</c>, <c>SIM::…</c>, <c>…@sim</c>);</item>
/// <item><c>backend_defaults.type</c>;</item>
/// <item>the address's own backend (<c>…@managed</c>), a <c>LAMB::MODEL[::SERIAL]::INSTR</c> address (<c>lamb</c>, as in PyTestLab), else the default backend.</item>
/// </list>
/// A <c>lamb</c> backend's server is the instrument's <c>backend.url</c>, else <c>backend_defaults.url</c>, else the
/// <c>@lamb</c> backend's own default (<c>LAMB_SERVER</c>, <c>PYTESTLAB_LAMB_URL</c>, <c>http://localhost:8000</c>).
/// </summary>
public static class BackendSelector
{
    /// <summary>The variable that turns simulation on (1, true, yes, on) or off (0, false, no, off) for every bench.</summary>
    public const string SimulateVariable = "OPENVISA_SIMULATE";

    /// <summary>Chooses the backend for <paramref name="entry"/>.</summary>
    /// <param name="bench">The bench file.</param>
    /// <param name="entry">The instrument.</param>
    /// <param name="driver">Its driver (for its simulation profile).</param>
    /// <param name="forceSimulate">The run asks for simulation of every instrument.</param>
    /// <param name="simulateVariable">The value of <c>OPENVISA_SIMULATE</c>; null reads the environment.</param>
    public static BackendChoice Choose(BenchFile bench, BenchInstrument entry, DriverInfo driver, bool forceSimulate = false, string? simulateVariable = null)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(driver);
        var file = System.IO.Path.GetFileName(bench.Path);
        var timeout = (entry.Backend?.TimeoutMs ?? bench.BackendDefaults?.TimeoutMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        var (type, reason) = Decide(bench, entry, forceSimulate, simulateVariable ?? Environment.GetEnvironmentVariable(SimulateVariable), file);
        if (BackendTypes.IsSimulator(type))
        {
            var profile = type.Contains('@', StringComparison.Ordinal) ? null : entry.SimProfile ?? driver.SimulationProfilePath();
            if (profile is null && !type.Contains('@', StringComparison.Ordinal))
            {
                throw new BenchOpenException(entry.Alias,
                    $"{entry.Alias} is to be simulated ({reason}), but the driver {driver.Key} has no simulation profile; give sim_profile: with a simulator file");
            }
            var simAddress = entry.Address is { } given && !BackendTypes.IsSimulatorAddress(given) && entry.SimProfile is not null
                ? BackendTypes.SplitAddress(given).Resource
                : null;
            return new BackendChoice(entry.Alias, "sim", BackendTypes.ToSpec(type, profile), simAddress, reason, timeout);
        }
        if (entry.Address is null || BackendTypes.IsSimulatorAddress(entry.Address))
        {
            throw new BenchOpenException(entry.Alias,
                $"{entry.Alias} uses the {type} backend ({reason}) but has no address; add address: with its resource name, or simulate: true");
        }
        var (resource, _) = BackendTypes.SplitAddress(entry.Address);
        var spec = BackendTypes.ToSpec(type, null);
        // A network backend's server (lamb's URL) comes from the instrument's backend section, else backend_defaults,
        // which PyTestLab's bench documents but never reads.
        if (spec == "@lamb" && (entry.Backend?.Url ?? bench.BackendDefaults?.Url) is { } url)
            spec = url + "@lamb";
        return new BackendChoice(entry.Alias, type, spec, resource, reason, timeout);
    }

    /// <summary>Reads <c>OPENVISA_SIMULATE</c>-style text: true, false, or null when unset or not a boolean.</summary>
    public static bool? ParseSimulate(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" or "on" => true,
        "0" or "false" or "no" or "off" => false,
        _ => null,
    };

    private static (string Type, string Reason) Decide(BenchFile bench, BenchInstrument entry, bool forceSimulate, string? variable, string file)
    {
        if (forceSimulate)
            return ("sim", "the run asked for simulation (--simulate)");
        if (entry.BackendTypeHint is { } hint)
            return (hint.Value, $"backend_type_hint: {hint.Value} for {entry.Alias} ({file} line {hint.Line})");
        if (entry.Backend?.Type is { } backendType)
            return (backendType, $"backend.type: {backendType} for {entry.Alias} ({file} line {entry.Backend.Line})");
        if (entry.Simulate is { } own)
        {
            if (own.Value)
                return ("sim", $"simulate: true for {entry.Alias} ({file} line {own.Line})");
        }
        else if (bench.Simulate is { } benchWide)
        {
            if (benchWide.Value)
                return ("sim", $"simulate: true for the bench ({file} line {benchWide.Line})");
        }
        else if (ParseSimulate(variable) is true)
        {
            return ("sim", $"{SimulateVariable}={variable}");
        }
        if (BackendTypes.IsSimulatorAddress(entry.Address))
            return ("sim", $"the address '{entry.Address}' names the simulator");
        if (bench.BackendDefaults?.Type is { } defaultType)
            return (defaultType, $"backend_defaults.type: {defaultType} ({file} line {bench.BackendDefaults.Line})");
        if (entry.Address is { } address && BackendTypes.SplitAddress(address).Backend is { } named)
            return (named, $"the address names @{named}");
        if (entry.Address?.StartsWith("LAMB::", StringComparison.OrdinalIgnoreCase) == true)
            return ("lamb", $"the address '{entry.Address}' is a LAMB:: name, as in PyTestLab");
        var spec = BackendRegistry.DefaultSpec();
        return (spec, string.Create(CultureInfo.InvariantCulture,
            $"no rule chose one, so the default backend {spec} ({BackendRegistry.BackendVariable}, else @ivi when a VISA library is installed, else @managed)"));
    }
}
