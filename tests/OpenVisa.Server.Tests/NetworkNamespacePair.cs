using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace OpenVisa.Server.Tests;

/// <summary>
/// Two network namespaces made for one test, joined by a veth pair on a private /24 with broadcast: a "server" side
/// and a "client" side. Code runs inside a namespace on a thread of its own that has joined it (setns), so sockets it
/// creates live there; programs run there through <c>ip netns exec</c>. Nothing reaches the host's own interfaces.
/// </summary>
internal sealed class NetworkNamespacePair : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private static int _count;

    private NetworkNamespacePair(string server, string client, IPAddress serverAddress, IPAddress clientAddress)
    {
        ServerNamespace = server;
        ClientNamespace = client;
        ServerAddress = serverAddress;
        ClientAddress = clientAddress;
    }

    public string ServerNamespace { get; }

    public string ClientNamespace { get; }

    public IPAddress ServerAddress { get; }

    public IPAddress ClientAddress { get; }

    public static NetworkNamespacePair Create()
    {
        var id = $"{Environment.ProcessId % 100000}{Interlocked.Increment(ref _count)}";
        var subnet = $"10.{200 + (Environment.ProcessId % 50)}.{Interlocked.Increment(ref _count) % 250}";
        var pair = new NetworkNamespacePair($"ovx-s{id}", $"ovx-c{id}", IPAddress.Parse(subnet + ".1"), IPAddress.Parse(subnet + ".2"));
        try
        {
            Ip("netns", "add", pair.ServerNamespace);
            Ip("netns", "add", pair.ClientNamespace);
            Ip("link", "add", $"vs{id}", "netns", pair.ServerNamespace, "type", "veth", "peer", "name", $"vc{id}", "netns", pair.ClientNamespace);
            foreach (var (ns, device, address) in new[] { (pair.ServerNamespace, $"vs{id}", pair.ServerAddress), (pair.ClientNamespace, $"vc{id}", pair.ClientAddress) })
            {
                Ip("-n", ns, "link", "set", "lo", "up");
                Ip("-n", ns, "addr", "add", $"{address}/24", "brd", "+", "dev", device);
                Ip("-n", ns, "link", "set", device, "up");
                Ip("-n", ns, "route", "add", "224.0.0.0/4", "dev", device); // mDNS tests multicast on the pair
            }
            // A veth pair reports its carrier a moment after both ends are up; broadcasts wait for it.
            foreach (var (ns, device) in new[] { (pair.ServerNamespace, $"vs{id}"), (pair.ClientNamespace, $"vc{id}") })
                WaitUntilUp(ns, device);
            return pair;
        }
        catch
        {
            pair.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="action"/> on a thread that has joined <paramref name="name"/>; waits at most 60 s.</summary>
    public static T RunIn<T>(string name, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{name}");
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                    throw new InvalidOperationException($"setns into {name} failed (errno {Marshal.GetLastPInvokeError()}).");
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(60)))
            throw new TimeoutException($"Code in network namespace {name} did not finish within 60 s.");
        if (failure is not null)
            throw new AggregateException($"Failed inside network namespace {name}.", failure);
        return result;
    }

    /// <summary>Runs a program inside <paramref name="name"/>.</summary>
    public static ProcessRun Exec(string name, TimeSpan timeout, params string[] command) =>
        ProcessRun.Start(IpPath, ["netns", "exec", name, .. command], timeout);

    public void Dispose()
    {
        foreach (var ns in new[] { ServerNamespace, ClientNamespace })
            ProcessRun.Start(IpPath, ["netns", "del", ns], TimeSpan.FromSeconds(10));
    }

    private static string IpPath => File.Exists("/usr/sbin/ip") ? "/usr/sbin/ip" : "/sbin/ip";

    private static void WaitUntilUp(string ns, string device)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!ProcessRun.Start(IpPath, ["-n", ns, "link", "show", "dev", device], TimeSpan.FromSeconds(10)).Out.Contains("state UP", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{device} in {ns} did not come up within 10 s.");
            Thread.Sleep(20);
        }
    }

    private static void Ip(params string[] arguments)
    {
        var run = ProcessRun.Start(IpPath, arguments, TimeSpan.FromSeconds(10));
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed: {run.Error.Trim()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setns(int fd, int nstype);

    /// <summary>An address as text for resource names.</summary>
    public static string Text(IPAddress address) => address.ToString();

    /// <summary>Invariant integer text.</summary>
    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
