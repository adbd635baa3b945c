using System.Collections.Concurrent;
using System.Diagnostics;

namespace OpenVisa.Interop.Tests;

/// <summary>Third-party programs the interop tests talk to.</summary>
public enum Peer
{
    /// <summary>Debian's pyvisa-py (python3-pyvisa-py), run with Debian's /usr/bin/python3.</summary>
    PyvisaPy,

    /// <summary>socat, for line-based SCPI servers.</summary>
    Socat,

    /// <summary>
    /// A portmapper on 127.0.0.1:111 (rpcbind), or root so OpenVisa can run its own there: pyvisa-py 0.5 finds VXI-11
    /// devices only through it.
    /// </summary>
    Portmapper,

    /// <summary>Network namespaces (root and iproute2's ip), for the mDNS tests.</summary>
    NetworkNamespaces,

    /// <summary>Debian's python3-zeroconf, run with Debian's /usr/bin/python3.</summary>
    Zeroconf,

    /// <summary>avahi-daemon, avahi-browse and avahi-publish with a private dbus-daemon (started by <see cref="AvahiDaemon"/> in a namespace, never the host's).</summary>
    Avahi,
}

/// <summary>Finds the peers once per test run and says, naming the Debian package, what is missing.</summary>
public static class Peers
{
    private static readonly ConcurrentDictionary<Peer, string?> Missing = new();

    /// <summary>True on CI (<c>CI=true</c>), where a missing peer fails its tests instead of skipping them.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Debian's interpreter, found like <c>command -v -p python3</c> (not the python3 on PATH, which may be pyenv's).</summary>
    public static string DebianPython => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "/bin/python3";

    public static string Socat => File.Exists("/usr/bin/socat") ? "/usr/bin/socat" : "/bin/socat";

    /// <summary>Null when <paramref name="peer"/> is installed; otherwise why not, naming the package to install.</summary>
    public static string? Check(Peer peer) => Missing.GetOrAdd(peer, static p => p switch
    {
        Peer.PyvisaPy => CheckPyvisaPy(),
        Peer.Socat => File.Exists(Socat) ? null : "socat is not installed (/usr/bin/socat); install the Debian package socat",
        Peer.Portmapper => OpenVisa.Perf.PerfPortmapperPlan.Answers(111) || Environment.IsPrivilegedProcess
            ? null
            : "no portmapper answers on 127.0.0.1:111 and this is not root, so pyvisa-py cannot find a VXI-11 server; install and start the Debian package rpcbind",
        Peer.NetworkNamespaces => CheckNetworkNamespaces(),
        Peer.Zeroconf => File.Exists(DebianPython) && ChildProcess.Run(DebianPython, ["-c", "import zeroconf"], TimeSpan.FromSeconds(60)).ExitCode == 0
            ? null
            : "python-zeroconf is not importable by Debian's /usr/bin/python3; install the Debian package python3-zeroconf",
        Peer.Avahi => CheckAvahi(),
        _ => throw new ArgumentOutOfRangeException(nameof(peer), p, "unknown peer"),
    });

    /// <summary>Fails the test with the reason when <paramref name="peer"/> is missing (reached only on CI, where nothing is skipped).</summary>
    public static void Require(Peer peer)
    {
        if (Check(peer) is { } reason)
            Assert.Fail(reason);
    }

    private static string? CheckNetworkNamespaces()
    {
        var ip = File.Exists("/usr/sbin/ip") ? "/usr/sbin/ip" : "/sbin/ip";
        if (!File.Exists(ip))
            return "ip is not installed; install the Debian package iproute2";
        if (!Environment.IsPrivilegedProcess)
            return "network namespaces need root";
        var probe = $"ovm-probe{Environment.ProcessId}";
        var add = ChildProcess.Run(ip, ["netns", "add", probe], TimeSpan.FromSeconds(10));
        ChildProcess.Run(ip, ["netns", "del", probe], TimeSpan.FromSeconds(10));
        return add.ExitCode == 0 ? null : $"network namespaces cannot be created here (ip netns add: {add.StandardError.Trim()})";
    }

    private static string? CheckAvahi()
    {
        foreach (var (program, package) in new[]
        {
            (AvahiDaemon.Daemon, "avahi-daemon"), (AvahiDaemon.BrowseProgram, "avahi-utils"), (AvahiDaemon.PublishProgram, "avahi-utils"),
            (AvahiDaemon.BusDaemon, "dbus-daemon"), (AvahiDaemon.Unshare, "util-linux"),
        })
        {
            if (!File.Exists(program))
                return $"{program} is missing, so avahi cannot run as an mDNS peer; install the Debian package {package}";
        }
        return null;
    }

    private static string? CheckPyvisaPy()
    {
        if (!File.Exists(DebianPython))
            return "Debian's /usr/bin/python3 is missing, so pyvisa-py cannot run; install the Debian package python3-pyvisa-py";
        var result = ChildProcess.Run(DebianPython, ["-c", "import pyvisa, pyvisa_py"], TimeSpan.FromSeconds(60));
        return result.ExitCode == 0
            ? null
            : $"pyvisa-py is not importable by {DebianPython} ({result.StandardError.Trim().Split('\n')[^1]}); install the Debian package python3-pyvisa-py";
    }
}
