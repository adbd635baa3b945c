using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenVisa.Managed.Tests.Gpib;

/// <summary>
/// A Prologix GPIB-ETHERNET adapter written in the test, independent of our server: it records every byte the client
/// sends and answers <c>++read eoi</c> with a canned reply and <c>++spoll</c> with a status byte, so the tests can check
/// the exact command sequence the client speaks.
/// </summary>
internal sealed class FakePrologixAdapter : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly MemoryStream _transcript = new();
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _accepted = new();
    private Socket? _client;

    public FakePrologixAdapter(string reply)
    {
        _listener.Start();
        _thread = new Thread(() => Serve(reply)) { IsBackground = true };
        _thread.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Everything received so far, as Latin-1 text.</summary>
    public string Transcript
    {
        get
        {
            lock (_transcript)
                return Encoding.Latin1.GetString(_transcript.ToArray());
        }
    }

    /// <summary>Drops the connection, as an adapter losing power.</summary>
    public void Hangup()
    {
        // The client's connect completes before Accept returns here: wait for it, or there is nothing to hang up yet.
        _accepted.Wait(TimeSpan.FromSeconds(30));
        // Shutdown first: Dispose alone waits for the serving thread's blocked Receive before the socket really closes.
        _client?.Shutdown(SocketShutdown.Both);
        _client?.Dispose();
    }

    public void Dispose()
    {
        _listener.Stop();
        _accepted.Set();
        try
        {
            Hangup();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private void Serve(string reply)
    {
        try
        {
            using var client = _listener.AcceptSocket();
            _client = client;
            _accepted.Set();
            var buffer = new byte[65536];
            var line = new List<byte>();
            while (true)
            {
                var count = client.Receive(buffer);
                if (count == 0)
                    return;
                lock (_transcript)
                    _transcript.Write(buffer, 0, count);
                for (var i = 0; i < count; i++)
                {
                    if (buffer[i] != '\n')
                    {
                        line.Add(buffer[i]);
                        continue;
                    }
                    var text = Encoding.Latin1.GetString([.. line]);
                    line.Clear();
                    if (text == "++read eoi")
                        client.Send(Encoding.ASCII.GetBytes(reply + "\n"));
                    else if (text.StartsWith("++spoll", StringComparison.Ordinal))
                        client.Send("66\r\n"u8);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
