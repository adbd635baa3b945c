namespace OpenVisa.Instruments;

/// <summary>How an instrument's connection stands, as <see cref="Instrument.Connection"/> reports it.</summary>
/// <param name="IsConnected">False after a lost connection that has not been restored yet.</param>
/// <param name="DisconnectedSince">When the connection was found lost; null while connected.</param>
/// <param name="NextAttempt">When the next command will try to reopen it (per <see cref="Instrument.Reconnect"/>); null when
/// connected or when reconnecting is off (then only <see cref="Instrument.Reopen"/> brings it back).</param>
/// <param name="LastError">Why it was lost, or why the last reopen failed.</param>
public sealed record InstrumentConnectionState(bool IsConnected, DateTimeOffset? DisconnectedSince, DateTimeOffset? NextAttempt, string? LastError)
{
    /// <summary>The state of a working connection.</summary>
    public static readonly InstrumentConnectionState Connected = new(true, null, null, null);

    /// <summary>"connected", or "disconnected since …, next attempt in … s (why)" relative to <paramref name="now"/>.</summary>
    public string Describe(DateTimeOffset now)
    {
        if (IsConnected)
            return "connected";
        var next = NextAttempt is { } at
            ? at <= now ? "the next command tries to reopen it" : $"the next attempt is in {(at - now).TotalSeconds:0.#} s"
            : "reconnecting is off";
        return $"disconnected since {DisconnectedSince:yyyy-MM-dd HH:mm:ss} UTC ({LastError}); {next}, or call Reopen() to try now";
    }
}
