using System.Net;
using System.Net.Sockets;

namespace OpenVisa.Fuzz.Wire;

/// <summary>
/// A loopback relay that records what flows each way on each connection, so the wire targets' seeds are what a real
/// client and a real server said to each other, not hand-built frames.
/// </summary>
internal sealed class CaptureRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly List<(MemoryStream ToServer, MemoryStream ToClient)> _connections = [];
    private readonly List<Task> _pumps = [];

    public CaptureRelay(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>What the client sent on connection <paramref name="index"/> (in accept order).</summary>
    public byte[] ToServer(int index) => Settled()[index].ToServer.ToArray();

    /// <summary>What the server sent on connection <paramref name="index"/>.</summary>
    public byte[] ToClient(int index) => Settled()[index].ToClient.ToArray();

    private List<(MemoryStream ToServer, MemoryStream ToClient)> Settled()
    {
        lock (_connections)
        {
            try
            {
                Task.WaitAll([.. _pumps], TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
                // A pump that failed kept what it had recorded; the capture is still the conversation up to there.
            }
            return _connections;
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                var server = new TcpClient();
                await server.ConnectAsync(_target).ConfigureAwait(false);
                var record = (ToServer: new MemoryStream(), ToClient: new MemoryStream());
                lock (_connections)
                {
                    _connections.Add(record);
                    _pumps.Add(PumpAsync(client, server, record.ToServer));
                    _pumps.Add(PumpAsync(server, client, record.ToClient));
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The relay was disposed.
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, MemoryStream record)
    {
        var buffer = new byte[65536];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            int n;
            while ((n = await input.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (record)
                    record.Write(buffer, 0, n);
                await output.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // One side went away (GetStream of a socket already closed throws InvalidOperationException); the other
            // is closed below.
        }
        try
        {
            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }

    public void Dispose() => _listener.Stop();
}
