using System.Net;
using System.Net.Sockets;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>Opens TCP connections for RPC clients within a timeout, leaving the socket in blocking mode.</summary>
internal static class RpcConnect
{
    /// <summary>
    /// Connects with Nagle's algorithm off. On Linux a blocking connect is bounded by SO_SNDTIMEO, which keeps the socket
    /// blocking: once .NET has made a socket non-blocking, every later synchronous call detours through its async engine.
    /// </summary>
    /// <exception cref="SocketException">The connection failed; <see cref="SocketError.TimedOut"/> when the time ran out.</exception>
    public static Sock Connect(IPEndPoint endPoint, TimeSpan timeout)
    {
        var socket = new Sock(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            if (OperatingSystem.IsLinux())
            {
                socket.SendTimeout = ToSocketTimeout(timeout);
                socket.Connect(endPoint);
                socket.SendTimeout = 0;
            }
            else
            {
                ConnectNonBlocking(socket, endPoint, timeout);
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Connects without blocking a thread; the time running out throws <see cref="SocketException"/> with <see cref="SocketError.TimedOut"/>.</summary>
    public static async ValueTask<Sock> ConnectAsync(IPEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Sock(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SocketException((int)SocketError.TimedOut);
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A timeout in .NET's socket convention: milliseconds, at least 1, and 0 for infinite.</summary>
    public static int ToSocketTimeout(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan || timeout.TotalMilliseconds >= int.MaxValue ? 0 : (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 1, int.MaxValue);

    private static void ConnectNonBlocking(Sock socket, IPEndPoint endPoint, TimeSpan timeout)
    {
        socket.Blocking = false;
        try
        {
            socket.Connect(endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress)
        {
            var micros = timeout == Timeout.InfiniteTimeSpan ? -1 : (int)Math.Min(int.MaxValue, Math.Max(1, timeout.TotalMicroseconds));
            if (!socket.Poll(micros, SelectMode.SelectWrite))
                throw new SocketException((int)SocketError.TimedOut);
            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success)
                throw new SocketException((int)error);
        }
        socket.Blocking = true;
    }
}
