using System.Runtime.CompilerServices;

namespace OpenVisa.Managed.Tests;

/// <summary>
/// Servers and clients share this test process, and several tests block pool threads on purpose (a read another
/// thread aborts). Enough pool threads from the start keep the servers' async loops from starving on a busy machine.
/// </summary>
internal static class ThreadPoolHeadroom
{
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
