namespace OpenVisa.TestSupport;

/// <summary>
/// An exclusive lock, across test processes, on port 111: the portmapper is one per machine, and <c>dotnet test</c> runs
/// the test projects in parallel. Server.Tests starts rpcbind and registers VXI-11 servers with it; Interop.Tests runs
/// <c>ovisa perf</c>, whose VXI-11 servers register with rpcbind or start a portmapper of their own. Without this lock
/// one project's rpcbind could stop, or its registration be taken over, in the middle of the other's test.
/// </summary>
/// <remarks>The lock is a file opened without sharing (an <c>flock</c> on Linux), released on dispose or when the process ends.</remarks>
internal sealed class PortmapperTestLock : IDisposable
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "openvisa-tests-portmapper-111.lock");

    private readonly FileStream _file;

    private PortmapperTestLock(FileStream file) => _file = file;

    /// <summary>Waits up to <paramref name="timeout"/> for the other test process to finish with the portmapper.</summary>
    public static PortmapperTestLock Acquire(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            try
            {
                return new PortmapperTestLock(new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                Thread.Sleep(100);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"Another test process held {LockPath} (the portmapper on port 111) for more than {timeout.TotalSeconds:0} s.", e);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
