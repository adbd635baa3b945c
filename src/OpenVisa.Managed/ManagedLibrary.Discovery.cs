using System.Globalization;
using OpenVisa.Managed.Discovery;

namespace OpenVisa.Managed;

// Network discovery for ListResources.
public sealed partial class ManagedLibrary
{
    /// <summary>The environment variable that sets <see cref="DiscoveryTimeout"/> in milliseconds; 0 turns discovery off.</summary>
    public const string DiscoveryTimeoutVariable = "OPENVISA_DISCOVERY_TIMEOUT_MS";

    /// <summary>The default time <see cref="ListResources"/> waits for instruments to answer a discovery broadcast.</summary>
    public static readonly TimeSpan DefaultDiscoveryTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long <see cref="ListResources"/> listens for VXI-11 instruments answering its portmapper broadcast;
    /// <see cref="TimeSpan.Zero"/> lists only resources opened in this process. Defaults to 1 s, or to
    /// <c>OPENVISA_DISCOVERY_TIMEOUT_MS</c> when that is set.
    /// </summary>
    public TimeSpan DiscoveryTimeout { get; set; } = DiscoveryTimeoutFromEnvironment();

    /// <summary>
    /// The VXI-11 instruments that answer a broadcast within <see cref="DiscoveryTimeout"/>, as
    /// <c>TCPIP0::address::inst0::INSTR</c>; nothing when discovery is off or <paramref name="pattern"/> can match no
    /// TCPIP INSTR name, so <c>ListResources("?*::SOCKET")</c> costs no waiting.
    /// </summary>
    private IEnumerable<string> Discover(VisaPattern pattern)
    {
        if (DiscoveryTimeout <= TimeSpan.Zero || !pattern.IsMatch("TCPIP0::192.168.0.1::inst0::INSTR"))
            return [];
        return Vxi11Discovery.Discover(DiscoveryTimeout, Logger)
            .Select(address => ResourceName.Parse($"TCPIP::{address}::INSTR").Canonical)
            .Where(pattern.IsMatch);
    }

    private static TimeSpan DiscoveryTimeoutFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(DiscoveryTimeoutVariable);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? TimeSpan.FromMilliseconds(milliseconds)
            : DefaultDiscoveryTimeout;
    }
}
