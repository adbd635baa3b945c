using System.Runtime.CompilerServices;

namespace OpenVisa.Server.Tests;

/// <summary>
/// Tests never broadcast on this computer's networks: ListResources on @managed would send a VXI-11 discovery
/// broadcast on every interface, so it is off for this test assembly. The discovery tests turn it on for libraries
/// running inside network namespaces they create.
/// </summary>
internal static class NoNetworkDiscovery
{
    [ModuleInitializer]
    internal static void TurnOff() => Environment.SetEnvironmentVariable(OpenVisa.Managed.ManagedLibrary.DiscoveryTimeoutVariable, "0");
}
