using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpenVisa.Server.Tests;

/// <summary>
/// The third-party programs the interop tests talk to, and whether each is here. A missing peer skips its tests with
/// a message naming the Debian package; with <c>CI=true</c> the tests run anyway and fail with that message.
/// </summary>
internal static class Peers
{
    /// <summary>Debian's interpreter, which has Debian's python3-pyvisa-py (the one on PATH may be another).</summary>
    public const string Python = "/usr/bin/python3";

    public const string Lxi = "/usr/bin/lxi";

    public const string Rpcbind = "/usr/sbin/rpcbind";

    public const string Curl = "/usr/bin/curl";

    private static readonly Lazy<string?> HttpxMissing = new(() =>
    {
        if (!File.Exists(Python))
            return "Debian's /usr/bin/python3 is not installed (package python3)";
        var run = ProcessRun.Start(Python, ["-c", "import httpx"], timeout: TimeSpan.FromSeconds(20));
        return run.ExitCode == 0 ? null : "httpx is not installed for /usr/bin/python3 (package python3-httpx)";
    });

    private static readonly Lazy<string?> PyvisaMissing = new(() =>
    {
        if (!File.Exists(Python))
            return "Debian's /usr/bin/python3 is not installed (package python3)";
        var run = ProcessRun.Start(Python, ["-c", "import pyvisa, pyvisa_py"], timeout: TimeSpan.FromSeconds(20));
        return run.ExitCode == 0 ? null : "pyvisa-py is not installed for /usr/bin/python3 (packages python3-pyvisa and python3-pyvisa-py)";
    });

    private static readonly Lazy<string?> NetnsMissing = new(() =>
    {
        var ip = File.Exists("/usr/sbin/ip") ? "/usr/sbin/ip" : "/sbin/ip";
        if (!File.Exists(ip))
            return "ip is not installed (package iproute2)";
        if (!IsRoot())
            return "network namespaces need root";
        // Root in a container without CAP_SYS_ADMIN still cannot make namespaces: try once.
        var probe = $"ovx-probe{Environment.ProcessId}";
        var add = ProcessRun.Start(ip, ["netns", "add", probe], TimeSpan.FromSeconds(10));
        ProcessRun.Start(ip, ["netns", "del", probe], TimeSpan.FromSeconds(10));
        return add.ExitCode == 0 ? null : $"network namespaces cannot be created here (ip netns add: {add.Error.Trim()})";
    });

    private static readonly Lazy<string?> ZeroconfMissing = new(() =>
    {
        if (!File.Exists(Python))
            return "Debian's /usr/bin/python3 is not installed (package python3)";
        var run = ProcessRun.Start(Python, ["-c", "import zeroconf"], timeout: TimeSpan.FromSeconds(20));
        return run.ExitCode == 0 ? null : "python-zeroconf is not installed for /usr/bin/python3 (package python3-zeroconf)";
    });

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="peer"/> cannot be used here, or null when it can.</summary>
    public static string? Missing(string peer) => peer switch
    {
        "pyvisa-py" => PyvisaMissing.Value,
        "lxi" => File.Exists(Lxi) ? null : "lxi is not installed (package lxi-tools)",
        "rpcbind" => PortmapperAnswers() || (File.Exists(Rpcbind) && IsRoot()) ? null
            : File.Exists(Rpcbind) ? "rpcbind needs root to listen on port 111" : "rpcbind is not installed (package rpcbind)",
        "netns" => NetnsMissing.Value,
        "curl" => File.Exists(Curl) ? null : "curl is not installed (package curl)",
        "httpx" => HttpxMissing.Value,
        "zeroconf" => ZeroconfMissing.Value,
        _ => throw new ArgumentException($"Unknown peer {peer}.", nameof(peer)),
    };

    /// <summary>Fails the test with the reason when a peer is missing (reached only in CI, where nothing is skipped).</summary>
    public static void Require(params string[] peers)
    {
        foreach (var peer in peers)
        {
            if (Missing(peer) is { } why)
                Assert.Fail($"This interop test needs {peer}: {why}. CI=true, so it fails instead of being skipped.");
        }
    }

    public static bool IsRoot() => Environment.UserName == "root" || geteuid() == 0;

    /// <summary>True when something answers on TCP 127.0.0.1:111.</summary>
    public static bool PortmapperAnswers()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(new IPEndPoint(IPAddress.Loopback, 111));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();
}

/// <summary>A fact that needs third-party peers: skipped with the reason when one is missing, unless in CI.</summary>
public sealed class InteropFactAttribute : FactAttribute
{
    public InteropFactAttribute(params string[] peers)
    {
        if (Peers.InCi)
            return;
        var missing = peers.Select(Peers.Missing).FirstOrDefault(m => m is not null);
        if (missing is not null)
            Skip = $"Skipped: {missing}.";
    }
}

/// <summary>A finished (or killed) child process with its output.</summary>
internal sealed record ProcessRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs a program to completion, killing it after <paramref name="timeout"/>.</summary>
    public static ProcessRun Start(string program, IEnumerable<string> arguments, TimeSpan? timeout = null, string? input = null, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessRun(-1, output.Result, error.Result + $"\n[killed after {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s]");
        }
        return new ProcessRun(process.ExitCode, output.Result, error.Result);
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
