using System.Diagnostics;

namespace OpenVisa.Lamb.KeepAlive;

/// <summary>
/// The body of a large successful answer, left on its connection to be received straight into the buffers the reads
/// give: a 16 MiB block then lands once, where the caller wants it, instead of in an array of its own first and then
/// copied. The connection is the body's until it has been read to its end, then it goes back to the idle pool; a body
/// given up before its end (a new query, a closed session, a read that failed) closes the connection.
/// </summary>
internal sealed class StreamedBody : IDisposable
{
    private readonly KeepAliveTransport _owner;
    private readonly string _route;
    private KeepAliveConnection? _connection;

    public StreamedBody(KeepAliveTransport owner, KeepAliveConnection connection, long length, string route)
    {
        _owner = owner;
        _connection = connection;
        _route = route;
        Length = length;
        Remaining = length;
    }

    /// <summary>The body's length, from its <c>Content-Length</c>.</summary>
    public long Length { get; }

    /// <summary>Bytes not read yet.</summary>
    public long Remaining { get; private set; }

    /// <summary>
    /// Fills <paramref name="destination"/> with the next bytes of the body, or with all that is left when that is less;
    /// returns how many. Blocks within <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="Http1ProtocolException">The timeout passed first (<c>VI_ERROR_TMO</c>), or the server closed the connection before the body's end.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">The network failed.</exception>
    public int Read(Span<byte> destination, TimeSpan timeout)
    {
        var connection = _connection ?? throw new ObjectDisposedException(nameof(StreamedBody));
        var started = Stopwatch.GetTimestamp();
        var wanted = (int)Math.Min(destination.Length, Remaining);
        var have = 0;
        try
        {
            while (have < wanted)
            {
                var count = connection.ReceiveBody(destination[have..wanted], started, timeout);
                if (count == 0)
                {
                    throw new Http1ProtocolException(StatusCode.ErrorConnectionLost,
                        $"closed the connection in the middle of its body, after {Length - Remaining} of the {Length} bytes its Content-Length announced, answering {_route}: " +
                        "the rest of the answer is lost. The next call opens a new connection; try again.");
                }
                have += count;
                Remaining -= count;
            }
        }
        catch (Http1TimeoutException)
        {
            Dispose();
            throw new Http1ProtocolException(StatusCode.ErrorTimeout,
                $"sent {Length - Remaining} of the {Length} bytes of its answer to {_route}, then nothing more within the {(long)timeout.TotalMilliseconds} ms timeout. " +
                "The rest of the answer is dropped; query again.");
        }
        catch
        {
            Dispose();
            throw;
        }
        if (Remaining == 0)
            Finish(connection);
        return have;
    }

    /// <summary>Gives the body up: the connection is closed unless the body was read to its end.</summary>
    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private void Finish(KeepAliveConnection connection)
    {
        _connection = null;
        // Bytes past the announced length mean a wrong length or a stale answer: the connection is not trusted again.
        if (connection.HasBytesPastBody)
            connection.Dispose();
        else
            _owner.Return(connection);
    }
}
