using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using OpenVisa.Lamb.KeepAlive;

namespace OpenVisa.Lamb;

public sealed partial class LambLibrary
{
    /// <summary>
    /// Never: each reply comes back in the HTTP response to its own query, so a query that timed out cannot leave a
    /// reply behind for a later one (and the Lamb API could not answer the <c>*OPC?</c> a resynchronization sends).
    /// </summary>
    public override bool MayDeliverLateReply(int session) => false;

    /// <summary>Where queries go: the raw reply comes back byte for byte.</summary>
    private const string QueryRoute = "/instrument/query_raw";

    /// <summary>
    /// Sends a command to <c>/instrument/write</c>, or a query to <c>/instrument/query_raw</c> keeping its reply for the
    /// reads that follow (see the type's remarks). The trailing termination is left off: the server adds the instrument's.
    /// </summary>
    public override int Write(int session, ReadOnlySpan<byte> data)
    {
        var s = Session(session, nameof(Write));
        var (route, accept, body, isQuery) = Plan(s, data);
        var request = LambHttp.Request(HttpMethod.Post, route, body, s.Timeout, accept, s.ReservationToken);
        var (reply, rest) = isQuery ? _http.SendForReads(request, nameof(Write), s.OpenedAs) : (_http.Send(request, nameof(Write), s.OpenedAs), null);
        Received(s, route, reply, isQuery, rest);
        return data.Length;
    }

    /// <inheritdoc/>
    public override async ValueTask<int> WriteAsync(int session, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var s = Session(session, nameof(Write));
        var (route, accept, body, isQuery) = Plan(s, data.Span);
        var reply = await _http.SendAsync(LambHttp.Request(HttpMethod.Post, route, body, s.Timeout, accept, s.ReservationToken), nameof(Write), s.OpenedAs, cancellationToken).ConfigureAwait(false);
        Received(s, route, reply, isQuery);
        return data.Length;
    }

    /// <summary>The rest of the reply of the last query written; <c>VI_ERROR_TMO</c> at once when none is pending, since Lamb has no read of its own.</summary>
    public override ReadResult Read(int session, Span<byte> buffer)
    {
        var s = Session(session, nameof(Read));
        try
        {
            if (s.TryRead(buffer, s.Timeout, out var result))
                return result;
        }
        catch (Exception e) when (e is Http1ProtocolException or SocketException or IOException)
        {
            throw _http.ReceiveFailure(e, QueryRoute, s.Timeout, nameof(Read), s.OpenedAs);
        }
        throw new VisaException(StatusCode.ErrorTimeout,
            $"Nothing to read from {s.OpenedAs}: the Lamb API has no read of its own, so a read returns the reply of the query written just before it " +
            "(a message with '?'), and no reply is pending. Write a query first, or use Query.",
            nameof(Read), s.OpenedAs);
    }

    private (string Route, string Accept, LambBody Body, bool IsQuery) Plan(LambSession s, ReadOnlySpan<byte> data)
    {
        var message = QueryMessages.WithoutTermination(data);
        var isQuery = QueryMessages.IsQuery(message);
        // Latin-1: one character per byte, so every byte a command holds reaches the server as it was.
        var body = LambHttp.JsonBody(("visa_string", s.VisaString), ("command", Encoding.Latin1.GetString(message)));
        if (Logger.IsEnabled(LogLevel.Trace))
            Logger.LogTrace("{Resource} << {Message}", s.OpenedAs, Encoding.Latin1.GetString(message));
        return isQuery ? (QueryRoute, "application/octet-stream", body, true) : ("/instrument/write", "application/json", body, false);
    }

    private void Received(LambSession s, string route, byte[] reply, bool isQuery, StreamedBody? rest = null)
    {
        s.SetReply(isQuery ? reply : null, rest);
        if (isQuery && Logger.IsEnabled(LogLevel.Trace))
        {
            var summary = rest is not null ? $"{rest.Length} bytes, received as they are read" : reply.Length <= 256 ? Encoding.Latin1.GetString(reply) : $"{reply.Length} bytes";
            Logger.LogTrace("{Resource} >> {Reply} ({Route})", s.OpenedAs, summary, route);
        }
    }
}
