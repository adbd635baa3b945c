namespace OpenVisa.Server.Http;

/// <summary>An exclusive reservation of one instrument over HTTP: whoever holds the token may use it until the lease ends.</summary>
/// <param name="Instrument">The instrument's name.</param>
/// <param name="Token">The secret that proves ownership; sent back in the <c>X-Reservation-Token</c> header.</param>
/// <param name="Expires">When the reservation ends unless renewed.</param>
public sealed record Reservation(string Instrument, string Token, DateTimeOffset Expires);
