namespace OpenVisa.Perf;

/// <summary>
/// The simulator, <c>@sim</c>, in the client's own process: a PyTestLab profile written to a temporary folder answers
/// <c>*IDN?</c> with the perf device's identity and <c>DATA?</c> with a definite block of the same payload, read from a
/// file beside it. There is no server and no wire, so no raw or pyvisa-py client (pyvisa-sim is not installed) and no
/// server scaling; its target is the in-process query rate.
/// </summary>
internal sealed class SimPerfTransport : PerfTransport
{
    /// <summary>The resource the profile declares.</summary>
    public const string ResourceName = "TCPIP0::perf.sim::inst0::INSTR";

    public override string Name => "sim";

    public override bool NeedsServerProcess => false;

    public override async Task<PerfServer> StartServerAsync(PerfDevice device, PerfServeOptions options, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("ovisa-perf-sim-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "payload.bin"), PerfDevice.Payload(device.BlockBytes), cancellationToken).ConfigureAwait(false);
            var profile = Path.Combine(folder, "perf.yaml");
            await File.WriteAllTextAsync(profile, Profile(), cancellationToken).ConfigureAwait(false);
            return new PerfServer(ResourceName, profile + "@sim", () =>
            {
                Directory.Delete(folder, recursive: true);
                return ValueTask.CompletedTask;
            });
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>The profile: the identity as a fixed reply, the block as the payload file framed as <c>#&lt;n&gt;&lt;length&gt;</c>.</summary>
    public static string Profile() => $$"""
        # Written by ovisa perf: the perf device for the simulator, read back in each client process.
        manufacturer: OpenVisa
        model: PerfDevice
        address: "{{ResourceName}}"
        simulation:
          scpi:
            "*IDN?": "{{PerfDevice.Identity}}"
            "DATA?":
              binary: {file: "payload.bin", block: true}
        """;
}
