namespace OpenVisa.Server.Http.Transport;

/// <summary>
/// How many connections may have a thread of their own at once (<see cref="HttpServerOptions.ConnectionThreads"/>), so
/// that a thousand idle clients cannot take a thousand threads; a connection that finds the budget spent is served
/// on the thread pool instead.
/// </summary>
internal sealed class ConnectionThreadBudget(int threads)
{
    private int _taken;

    /// <summary>The most connections served by threads of their own at once.</summary>
    public int Threads { get; } = threads;

    /// <summary>How many threads are taken now.</summary>
    public int Taken => Volatile.Read(ref _taken);

    /// <summary>Takes a thread from the budget; false (and nothing taken) when all are in use.</summary>
    public bool TryTake()
    {
        if (Interlocked.Increment(ref _taken) <= Threads)
            return true;
        Interlocked.Decrement(ref _taken);
        return false;
    }

    /// <summary>Gives back a thread taken with <see cref="TryTake"/>, when its connection has ended.</summary>
    public void Return() => Interlocked.Decrement(ref _taken);
}
