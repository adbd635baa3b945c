namespace OpenVisa.Interop.Tests;

/// <summary>
/// Two network namespaces joined by a veth pair, with a multicast route on each side, so mDNS peers talk to each other
/// and never to the host's interfaces; deleted (with everything left in them) when disposed.
/// </summary>
internal sealed class NamespacePair : IDisposable
{
    private static int _count;

    private NamespacePair(string id, string serverAddress, string clientAddress)
    {
        Server = $"ovm-s{id}";
        Client = $"ovm-c{id}";
        ServerDevice = $"ms{id}";
        ClientDevice = $"mc{id}";
        ServerAddress = serverAddress;
        ClientAddress = clientAddress;
    }

    public static string Ip => File.Exists("/usr/sbin/ip") ? "/usr/sbin/ip" : "/sbin/ip";

    /// <summary>The "server" namespace's name.</summary>
    public string Server { get; }

    /// <summary>The "client" namespace's name.</summary>
    public string Client { get; }

    /// <summary>The veth end inside <see cref="Server"/>.</summary>
    public string ServerDevice { get; }

    /// <summary>The veth end inside <see cref="Client"/>.</summary>
    public string ClientDevice { get; }

    public string ServerAddress { get; }

    public string ClientAddress { get; }

    public static NamespacePair Create()
    {
        var id = $"{Environment.ProcessId % 100000}m{Interlocked.Increment(ref _count)}";
        var subnet = $"10.{150 + Environment.ProcessId % 40}.{Interlocked.Increment(ref _count) % 250}";
        var pair = new NamespacePair(id, subnet + ".1", subnet + ".2");
        try
        {
            Run("netns", "add", pair.Server);
            Run("netns", "add", pair.Client);
            Run("link", "add", pair.ServerDevice, "netns", pair.Server, "type", "veth", "peer", "name", pair.ClientDevice, "netns", pair.Client);
            foreach (var (ns, device, address) in new[] { (pair.Server, pair.ServerDevice, pair.ServerAddress), (pair.Client, pair.ClientDevice, pair.ClientAddress) })
            {
                Run("-n", ns, "link", "set", "lo", "up");
                Run("-n", ns, "addr", "add", address + "/24", "brd", "+", "dev", device);
                Run("-n", ns, "link", "set", device, "up");
                Run("-n", ns, "route", "add", "224.0.0.0/4", "dev", device);
            }
            return pair;
        }
        catch
        {
            pair.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        ChildProcess.Run(Ip, ["netns", "del", Server], TimeSpan.FromSeconds(10));
        ChildProcess.Run(Ip, ["netns", "del", Client], TimeSpan.FromSeconds(10));
    }

    private static void Run(params string[] arguments)
    {
        var result = ChildProcess.Run(Ip, arguments, TimeSpan.FromSeconds(10));
        Assert.True(result.ExitCode == 0, $"ip {string.Join(' ', arguments)} failed: {result.StandardError}");
    }
}
