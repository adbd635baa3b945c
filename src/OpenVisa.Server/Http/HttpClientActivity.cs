namespace OpenVisa.Server.Http;

/// <summary>
/// The HTTP callers of each instrument. HTTP keeps no connection per client, so a caller (its address and
/// <c>X-Client-Id</c>) counts as attached while its last request to the instrument is less than
/// <see cref="IdleAfter"/> old; older ones are forgotten when the table is read, so no timer runs.
/// </summary>
internal sealed class HttpClientActivity(TimeProvider clock)
{
    /// <summary>How long after its last request an HTTP caller is still listed.</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Instrument, string Address, string ClientId), HttpCaller> _callers = [];

    /// <summary>Records a request of <paramref name="address"/> (with its client id, or empty) to <paramref name="instrument"/>.</summary>
    /// <returns>True when the caller is new (or back after being idle), so the list of clients changed.</returns>
    public bool Seen(string instrument, string address, string clientId)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var key = (instrument, address, clientId);
            var known = _callers.TryGetValue(key, out var before) && now - before.LastSeen < IdleAfter;
            _callers[key] = known ? before! with { LastSeen = now } : new HttpCaller(address, clientId, now, now);
            return !known;
        }
    }

    /// <summary>The callers of <paramref name="instrument"/> seen within <see cref="IdleAfter"/>, oldest first.</summary>
    public IReadOnlyList<HttpCaller> Of(string instrument)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var key in _callers.Where(c => now - c.Value.LastSeen >= IdleAfter).Select(c => c.Key).ToList())
                _callers.Remove(key);
            return [.. _callers.Where(c => c.Key.Instrument == instrument).Select(c => c.Value).OrderBy(c => c.Since)];
        }
    }
}

/// <summary>An HTTP caller of one instrument.</summary>
/// <param name="Address">Its IP address.</param>
/// <param name="ClientId">Its <c>X-Client-Id</c> header, or empty.</param>
/// <param name="Since">Its first request in this run of requests.</param>
/// <param name="LastSeen">Its last request.</param>
internal sealed record HttpCaller(string Address, string ClientId, DateTimeOffset Since, DateTimeOffset LastSeen);
