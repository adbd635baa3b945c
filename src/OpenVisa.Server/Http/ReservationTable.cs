using System.Security.Cryptography;

namespace OpenVisa.Server.Http;

/// <summary>
/// The HTTP API's exclusive reservations, one per instrument at most, each with a lease: a client that crashes loses
/// its reservation when the lease runs out instead of holding the instrument for ever. Renewing is reserving again
/// with the token. Expiry is checked when the table is consulted, so no timer runs.
/// </summary>
public sealed class ReservationTable(TimeProvider clock)
{
    /// <summary>The header that carries a reservation's token on every request that uses the instrument.</summary>
    public const string TokenHeader = "X-Reservation-Token";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Reservation> _held = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reserves <paramref name="instrument"/> for <paramref name="lease"/>, or renews the reservation <paramref name="token"/> holds.</summary>
    /// <param name="instrument">The instrument's name.</param>
    /// <param name="lease">How long the reservation lasts unless renewed.</param>
    /// <param name="token">The token of the reservation to renew, or null to take a new one.</param>
    /// <param name="holderAddress">The caller's IP address, shown in the instrument's client list; kept by a renewal.</param>
    /// <param name="holderClientId">The caller's <c>X-Client-Id</c>, or empty.</param>
    /// <exception cref="HttpFailure">423 with <see cref="StatusCode.ErrorResourceLocked"/> when another client holds it.</exception>
    public Reservation Reserve(string instrument, TimeSpan lease, string? token, string? holderAddress = null, string holderClientId = "")
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var held = Current(instrument, now);
            if (held is not null && !Matches(held, token))
                throw HeldByAnother(held, now);
            var reservation = held is not null
                ? held with { Expires = now + lease }
                : new Reservation(instrument, NewToken(), now + lease) { Since = now, HolderAddress = holderAddress, HolderClientId = holderClientId };
            _held[instrument] = reservation;
            return reservation;
        }
    }

    /// <summary>Ends the reservation <paramref name="token"/> holds on <paramref name="instrument"/>.</summary>
    /// <exception cref="HttpFailure">423 when another client holds it; 409 with <see cref="StatusCode.ErrorSessionNotLocked"/> when nobody does.</exception>
    public void Release(string instrument, string? token)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var held = Current(instrument, now)
                ?? throw new HttpFailure(409, StatusCode.ErrorSessionNotLocked, $"{instrument} is not reserved (or its lease ran out), so there is nothing to release.");
            if (!Matches(held, token))
                throw HeldByAnother(held, now);
            _held.Remove(instrument);
        }
    }

    /// <summary>Throws unless <paramref name="instrument"/> is free or reserved with <paramref name="token"/>.</summary>
    /// <exception cref="HttpFailure">423 with <see cref="StatusCode.ErrorResourceLocked"/> when another client holds it.</exception>
    public void CheckAccess(string instrument, string? token)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (Current(instrument, now) is { } held && !Matches(held, token))
                throw HeldByAnother(held, now);
        }
    }

    /// <summary>The reservation in force on <paramref name="instrument"/>, or null.</summary>
    public Reservation? Find(string instrument)
    {
        lock (_gate)
            return Current(instrument, clock.GetUtcNow());
    }

    private Reservation? Current(string instrument, DateTimeOffset now)
    {
        if (!_held.TryGetValue(instrument, out var held))
            return null;
        if (held.Expires > now)
            return held;
        _held.Remove(instrument);
        return null;
    }

    private static bool Matches(Reservation held, string? token) =>
        token is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(held.Token), System.Text.Encoding.UTF8.GetBytes(token));

    private static HttpFailure HeldByAnother(Reservation held, DateTimeOffset now) =>
        new(423, StatusCode.ErrorResourceLocked,
            $"{held.Instrument} is reserved by another client for {Math.Ceiling((held.Expires - now).TotalSeconds)} s more. " +
            $"Send that reservation's token in the {TokenHeader} header, or wait until it is released or its lease runs out.");

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
