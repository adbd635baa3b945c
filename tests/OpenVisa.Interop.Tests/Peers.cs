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
        Peer.Portmapper => OpenVisa.Cli.Perf.PerfPortmapperPlan.Answers(111) || Environment.IsPrivilegedProcess
            ? null
            : "no portmapper answers on 127.0.0.1:111 and this is not root, so pyvisa-py cannot find a VXI-11 server; install and start the Debian package rpcbind",
        _ => throw new ArgumentOutOfRangeException(nameof(peer), p, "unknown peer"),
    });

    /// <summary>Fails the test with the reason when <paramref name="peer"/> is missing (reached only on CI, where nothing is skipped).</summary>
    public static void Require(Peer peer)
    {
        if (Check(peer) is { } reason)
            Assert.Fail(reason);
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
