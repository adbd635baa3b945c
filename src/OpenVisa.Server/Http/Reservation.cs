namespace OpenVisa.Server.Http;

/// <summary>An exclusive reservation of one instrument over HTTP: whoever holds the token may use it until the lease ends.</summary>
/// <param name="Instrument">The instrument's name.</param>
/// <param name="Token">The secret that proves ownership; sent back in the <c>X-Reservation-Token</c> header.</param>
/// <param name="Expires">When the reservation ends unless renewed.</param>
public sealed record Reservation(string Instrument, string Token, DateTimeOffset Expires)
{
    /// <summary>When the reservation was first taken (renewals keep it).</summary>
    public DateTimeOffset Since { get; init; }

    /// <summary>Who took it: the caller's IP address, or null when not known.</summary>
    public string? HolderAddress { get; init; }

    /// <summary>The caller's <c>X-Client-Id</c>, or empty.</summary>
    public string HolderClientId { get; init; } = "";
}
