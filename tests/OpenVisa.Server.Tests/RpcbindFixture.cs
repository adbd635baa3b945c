using System.Diagnostics;
using System.Runtime.InteropServices;
using OpenVisa.TestSupport;

namespace OpenVisa.Server.Tests;

/// <summary>
/// The real portmapper on port 111 for the interop tests: the running one if there is one, else an
/// <c>rpcbind -f</c> started here and stopped (SIGTERM) when the tests are done. Tests that use it share one xunit
/// collection, so they never register over each other.
/// </summary>
public sealed class RpcbindFixture : IDisposable
{
    private readonly Process? _started;
    private readonly PortmapperTestLock _portmapper = PortmapperTestLock.Acquire(TimeSpan.FromMinutes(3));

    public RpcbindFixture()
    {
        if (Peers.PortmapperAnswers() || !File.Exists(Peers.Rpcbind) || !Peers.IsRoot())
            return;
        _started = Process.Start(new ProcessStartInfo(Peers.Rpcbind, "-f") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Peers.PortmapperAnswers())
        {
            if (DateTime.UtcNow > deadline || _started!.HasExited)
                throw new InvalidOperationException($"rpcbind -f did not start listening on port 111 within 10 s: {(_started!.HasExited ? _started.StandardError.ReadToEnd() : "still starting")}");
            Thread.Sleep(50);
        }
    }

    /// <summary>True when these tests started rpcbind themselves.</summary>
    public bool StartedHere => _started is not null;

    public void Dispose()
    {
        try
        {
            if (_started is null)
                return;
            if (!_started.HasExited)
            {
                kill(_started.Id, 15);
                if (!_started.WaitForExit(5000))
                    _started.Kill();
            }
            _started.Dispose();
        }
        finally
        {
            _portmapper.Dispose();
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}

[CollectionDefinition(Name)]
public sealed class RpcbindCollection : ICollectionFixture<RpcbindFixture>
{
    public const string Name = "rpcbind on port 111";
}
