using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenVisa.Lamb.Tests;

/// <summary>One request as <see cref="ScriptedHttpServer"/> received it.</summary>
internal sealed record ScriptedRequest(int Connection, string Head, byte[] Body)
{
    /// <summary>The request line: <c>POST /instrument/query_raw HTTP/1.1</c>.</summary>
    public string RequestLine => Head[..Head.IndexOf("\r\n", StringComparison.Ordinal)];

    public string? Header(string name) =>
        Head.Split("\r\n").Skip(1).Select(l => l.Split(':', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Equals(name, StringComparison.OrdinalIgnoreCase))?[1].Trim();

    public string RequestId => Header("X-Request-Id") ?? "";

    /// <summary>The head with the request id and the port blanked, for comparing two clients' bytes.</summary>
    public string NormalizedHead => string.Join("\r\n", Head.Split("\r\n").Select(l =>
        l.StartsWith("X-Request-ID:", StringComparison.OrdinalIgnoreCase) ? "X-Request-ID: N" : l.StartsWith("Host:", StringComparison.Ordinal) ? "Host: H" : l));
}

/// <summary>
/// A raw HTTP/1.1 peer on 127.0.0.1 for the keep-alive transport's tests: a blocking thread per connection reads each
/// request (head and Content-Length body) and hands it to a script, which writes whatever bytes it likes (good answers,
/// broken ones) and says whether to keep the connection open.
/// </summary>
internal sealed class ScriptedHttpServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Func<ScriptedRequest, Socket, bool> _script;
    private readonly List<Socket> _connections = [];
    private int _accepted;

    /// <summary>Serves with <paramref name="script"/>: it answers a request on the socket and returns false to close the connection.</summary>
    public ScriptedHttpServer(Func<ScriptedRequest, Socket, bool> script)
    {
        _script = script;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        new Thread(Accept) { IsBackground = true, Name = "scripted HTTP accept" }.Start();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}";

    /// <summary>How many connections clients opened.</summary>
    public int Connections => Volatile.Read(ref _accepted);

    public List<ScriptedRequest> Requests { get; } = [];

    /// <summary>A well-formed 200 answer echoing the request id, with <paramref name="body"/> and any <paramref name="extraHeaders"/> (each ending in CRLF).</summary>
    public static byte[] Ok(ScriptedRequest request, string body, string extraHeaders = "") =>
        Encoding.Latin1.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {Encoding.Latin1.GetByteCount(body)}\r\nX-Request-Id: {request.RequestId}\r\n{extraHeaders}\r\n{body}");

    /// <summary>Answers each request with a well-formed 200 whose body is <paramref name="reply"/>'s result.</summary>
    public static ScriptedHttpServer Answering(Func<ScriptedRequest, string> reply) =>
        new((request, socket) =>
        {
            socket.Send(Ok(request, reply(request)));
            return true;
        });

    public void Dispose()
    {
        _listener.Dispose();
        lock (_connections)
        {
            foreach (var c in _connections)
                c.Dispose();
        }
    }

    private void Accept()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = _listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            var index = Interlocked.Increment(ref _accepted);
            lock (_connections)
                _connections.Add(connection);
            new Thread(() => Serve(connection, index)) { IsBackground = true, Name = "scripted HTTP connection" }.Start();
        }
    }

    private void Serve(Socket connection, int index)
    {
        var buffer = new byte[1 << 20];
        var have = 0;
        try
        {
            while (true)
            {
                int headEnd;
                while ((headEnd = buffer.AsSpan(0, have).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    var got = connection.Receive(buffer.AsSpan(have));
                    if (got == 0)
                        return;
                    have += got;
                }
                var head = Encoding.Latin1.GetString(buffer, 0, headEnd);
                var request = new ScriptedRequest(index, head, []);
                var length = int.Parse(request.Header("Content-Length") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                var total = headEnd + 4 + length;
                while (have < total)
                {
                    var got = connection.Receive(buffer.AsSpan(have));
                    if (got == 0)
                        return;
                    have += got;
                }
                request = request with { Body = buffer.AsSpan(headEnd + 4, length).ToArray() };
                lock (Requests)
                    Requests.Add(request);
                buffer.AsSpan(total, have - total).CopyTo(buffer);
                have -= total;
                if (!_script(request, connection))
                    return;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            connection.Dispose();
        }
    }
}
