using System.Collections.Concurrent;

namespace OpenVisa.Server.Http;

/// <summary>
/// The reply to a query sent with <c>POST /api/v1/instruments/{name}/write</c>, kept for the same client's
/// <c>…/read</c>: HTTP has no connection to hold it as a socket does. Clients are told apart by the
/// <c>X-Client-Id</c> header (any string they choose); one reply per client and instrument, the newest winning, as an
/// IEEE 488.2 instrument discards an unread reply when the next query arrives.
/// </summary>
internal sealed class PendingReplies
{
    /// <summary>The header naming the client whose reply is kept.</summary>
    public const string ClientHeader = "X-Client-Id";

    private readonly ConcurrentDictionary<(string Instrument, string Client), byte[]> _replies = new();

    public void Put(string instrument, string client, byte[] reply) => _replies[(instrument.ToUpperInvariant(), client)] = reply;

    public void Discard(string instrument, string client) => _replies.TryRemove((instrument.ToUpperInvariant(), client), out _);

    public byte[]? Take(string instrument, string client) =>
        _replies.TryRemove((instrument.ToUpperInvariant(), client), out var reply) ? reply : null;
}
