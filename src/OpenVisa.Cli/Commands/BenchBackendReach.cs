using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Drivers;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// <c>ovisa bench check</c>'s warning that an instrument's backend cannot reach its address, found before anything is
/// opened: a simulator file that does not serve the name, <c>@lamb</c> given a bus of this machine (a serial port, GPIB,
/// USB), <c>@managed</c> given an interface it has no transport for. A warning, not an error: the check cannot know
/// everything (a Lamb server may serve such a name on its own machine).
/// </summary>
internal static class BenchBackendReach
{
    // The interfaces @managed opens (its ManagedProtocols table): TCPIP, serial, USB, GPIB and the Prologix adapters.
    private static readonly HashSet<InterfaceType> ManagedInterfaces =
        [InterfaceType.Tcpip, InterfaceType.Asrl, InterfaceType.Usb, InterfaceType.Gpib, InterfaceType.PrologixTcpip, InterfaceType.PrologixAsrl];

    // Buses that end at this machine's ports; @lamb sends names to a server elsewhere.
    private static readonly HashSet<InterfaceType> LocalBuses = [InterfaceType.Asrl, InterfaceType.Gpib, InterfaceType.Usb];

    /// <summary>Why <paramref name="choice"/>'s backend cannot open its address, or null when nothing is known against it.</summary>
    public static string? Check(BackendChoice choice, DriverInfo driver)
    {
        if (choice.IsSimulated)
            return CheckSimulator(choice, driver);
        if (choice.Address is not { } address || !ResourceName.TryParse(address, out var name) || name is null)
            return null;
        var backend = choice.Spec[(choice.Spec.LastIndexOf('@') + 1)..].ToLowerInvariant();
        if (backend == "lamb" && LocalBuses.Contains(name.InterfaceType))
        {
            return $"{address} names a {LocalBus(name.InterfaceType)} of this machine, but {choice.Spec} sends names to a Lamb server, which opens them on its own "
                + "machine; if the instrument is plugged in here, use backend: {type: managed} (or ivi), else give the LAMB::MODEL::INSTR name the server lists";
        }
        if (backend == "managed" && (name.IsRemote || !ManagedInterfaces.Contains(name.InterfaceType)))
        {
            return $"@managed has no transport for {address} ({(name.IsRemote ? "a remote visa:// name" : name.InterfaceTypeName)}); it opens TCPIP, ASRL, USB "
                + "and GPIB names. An installed VISA library may: backend: {type: ivi}";
        }
        return null;
    }

    private static string LocalBus(InterfaceType type) => type switch
    {
        InterfaceType.Asrl => "serial port",
        InterfaceType.Gpib => "GPIB bus",
        _ => "USB port",
    };

    /// <summary>The simulator opens only what its file serves: the address given, else the driver's simulated one.</summary>
    private static string? CheckSimulator(BackendChoice choice, DriverInfo driver)
    {
        IReadOnlyList<string> served;
        try
        {
            using var manager = new ResourceManager(choice.Spec);
            served = manager.ListResources("?*");
        }
        catch (VisaException e)
        {
            return $"the simulator {choice.Spec} could not be loaded to check the address: {e.Message.ReplaceLineEndings(" ")}";
        }
        var address = choice.Address ?? driver.SimulationAddress;
        if (address is null)
            return served.Count == 1 ? null : $"the simulator {choice.Spec} serves {served.Count} resources and the driver names none; give address: with one of them";
        if (served.Any(r => SameName(r, address)))
            return null;
        // With no address of its own the bench takes the file's only resource (Bench.Open does the same).
        if (choice.Address is null && served.Count == 1)
            return null;
        return $"the simulator {choice.Spec} serves no resource named {address}, so opening it will fail; it serves "
            + (served.Count == 0 ? "nothing" : string.Join(", ", served.Take(8)) + (served.Count > 8 ? ", …" : ""));
    }

    private static bool SameName(string a, string b) =>
        ResourceName.TryParse(a, out var x) && ResourceName.TryParse(b, out var y) && x is not null && y is not null
            ? string.Equals(x.Canonical, y.Canonical, StringComparison.OrdinalIgnoreCase)
            : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
