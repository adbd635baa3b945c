using System.Net.Sockets;

namespace OpenVisa.Managed.Server;

/// <summary>
/// What the servers' per-connection threads share (SOCKET connections, VXI-11's RPC connections, HiSLIP's synchronous
/// channel): each thread does blocking I/O and waits in place for work that usually completes at once.
/// </summary>
internal static class ConnectionThread
{
    /// <summary>
    /// The result of <paramref name="pending"/>, waited for on the calling connection thread when it has not completed
    /// yet (a slow device, a lock wait). What it waits for completes from other threads (the device, another client, an
    /// abort, the connection closing), never from this one, so the wait cannot deadlock.
    /// </summary>
    public static T Complete<T>(ValueTask<T> pending) =>
        pending.IsCompleted ? pending.GetAwaiter().GetResult() : pending.AsTask().GetAwaiter().GetResult();

    /// <summary>Waits for <paramref name="pending"/> as <see cref="Complete{T}(ValueTask{T})"/> does.</summary>
    public static void Complete(ValueTask pending)
    {
        if (pending.IsCompleted)
            pending.GetAwaiter().GetResult();
        else
            pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Waits for <paramref name="pending"/> as <see cref="Complete{T}(ValueTask{T})"/> does.</summary>
    public static T Complete<T>(Task<T> pending) => pending.GetAwaiter().GetResult();

    /// <summary>Waits for <paramref name="pending"/> as <see cref="Complete{T}(ValueTask{T})"/> does.</summary>
    public static void Complete(Task pending) => pending.GetAwaiter().GetResult();

    /// <summary>Sends every byte of <paramref name="data"/> with blocking sends.</summary>
    public static void SendAll(Socket socket, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
            data = data[socket.Send(data)..];
    }
}
