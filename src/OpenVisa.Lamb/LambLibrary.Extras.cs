using System.Text.Json;

namespace OpenVisa.Lamb;

public sealed partial class LambLibrary
{
    /// <summary>How long a lock's reservation lasts between renewals; renewed every third of it while held.</summary>
    public static readonly TimeSpan LockLease = TimeSpan.FromSeconds(30);

    /// <summary>Device clear through <c>POST /api/v1/instruments/{name}/clear</c> (OpenVisa's server only); discards a pending reply.</summary>
    public override void Clear(int session)
    {
        var s = Extra(session, nameof(Clear), "device clear");
        s.SetReply(null);
        _http.Send(LambHttp.Request(HttpMethod.Post, InstrumentPath(s, "clear"), null, s.Timeout, reservation: s.ReservationToken), nameof(Clear), s.OpenedAs);
    }

    /// <summary>The status byte through <c>GET /api/v1/instruments/{name}/stb</c> (OpenVisa's server only).</summary>
    public override byte ReadStb(int session)
    {
        var s = Extra(session, nameof(ReadStb), "status byte reads");
        var body = _http.Send(LambHttp.Request(HttpMethod.Get, InstrumentPath(s, "stb"), null, s.Timeout, reservation: s.ReservationToken), nameof(ReadStb), s.OpenedAs);
        try
        {
            using var json = JsonDocument.Parse(body);
            return (byte)json.RootElement.GetProperty("stb").GetInt32();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new VisaException(StatusCode.ErrorIO, $"The server at {ServerUrl} answered the status byte read with something other than {{\"stb\": n}}.", nameof(ReadStb), s.OpenedAs, e);
        }
    }

    /// <summary>A trigger through <c>POST /api/v1/instruments/{name}/trigger</c> (OpenVisa's server only).</summary>
    public override void AssertTrigger(int session, TriggerProtocol protocol)
    {
        var s = Extra(session, nameof(AssertTrigger), "triggers");
        _http.Send(LambHttp.Request(HttpMethod.Post, InstrumentPath(s, "trigger"), null, s.Timeout, reservation: s.ReservationToken), nameof(AssertTrigger), s.OpenedAs);
    }

    /// <summary>
    /// An exclusive lock is a reservation on OpenVisa's server: its token goes with every request of this session, and
    /// its lease is renewed while held, so a crashed client's lock ends by itself. Waits up to <paramref name="timeout"/>
    /// for another client's reservation to end. Shared locks are not offered.
    /// </summary>
    public override string? Lock(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey)
    {
        var s = Extra(session, nameof(Lock), "locks");
        if (lockType != AccessMode.ExclusiveLock)
            throw new VisaException(StatusCode.ErrorNonsupportedOperation, "The @lamb backend offers exclusive locks only (reservations on the server); shared locks are not supported.", nameof(Lock), s.OpenedAs);
        if (s.ReservationToken is not null)
        {
            s.LockDepth++;
            return null;
        }
        var deadline = DateTime.UtcNow + (timeout == Timeout.InfiniteTimeSpan ? TimeSpan.FromDays(365) : timeout);
        while (true)
        {
            try
            {
                s.ReservationToken = Reserve(s, null);
                break;
            }
            catch (VisaException e) when (e.Status == StatusCode.ErrorResourceLocked && DateTime.UtcNow < deadline)
            {
                // Another client holds it: try again until the caller's timeout, as viLock waits.
                Thread.Sleep(TimeSpan.FromMilliseconds(50));
            }
        }
        s.LockDepth = 1;
        var period = LockLease / 3;
        s.LeaseRenewal = new Timer(_ => Renew(s), null, period, period);
        return null;
    }

    /// <inheritdoc/>
    public override StatusCode Unlock(int session)
    {
        var s = Session(session, nameof(Unlock));
        if (s.ReservationToken is null)
            throw new VisaException(StatusCode.ErrorSessionNotLocked, $"{s.OpenedAs} is not locked by this session.", nameof(Unlock), s.OpenedAs);
        if (--s.LockDepth > 0)
            return StatusCode.SuccessNestedExclusive;
        ReleaseReservation(s);
        return StatusCode.Success;
    }

    private string Reserve(LambSession s, string? token)
    {
        var json = $"{{\"lease_seconds\": {LockLease.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}";
        var answer = _http.Send(LambHttp.Request(HttpMethod.Post, InstrumentPath(s, "reservation"), new LambBody(System.Text.Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8"), ServiceTimeout, reservation: token),
            nameof(Lock), s.OpenedAs);
        using var reply = JsonDocument.Parse(answer);
        return reply.RootElement.GetProperty("token").GetString()!;
    }

    private void Renew(LambSession s)
    {
        if (s.ReservationToken is not { } token)
            return;
        try
        {
            Reserve(s, token);
        }
        catch (VisaException e)
        {
            Logger.LogCloseFailure(s.OpenedAs, e);
        }
    }

    private void ReleaseReservation(LambSession s)
    {
        var token = s.ReservationToken;
        s.LeaseRenewal?.Dispose();
        s.LeaseRenewal = null;
        s.ReservationToken = null;
        s.LockDepth = 0;
        if (token is not null)
            _http.Send(LambHttp.Request(HttpMethod.Delete, InstrumentPath(s, "reservation"), null, ServiceTimeout, reservation: token), nameof(Unlock), s.OpenedAs);
    }

    private LambSession Extra(int session, string operation, string what)
    {
        var s = Session(session, operation);
        if (!Probe().IsOpenVisa)
        {
            throw new VisaException(StatusCode.ErrorNonsupportedOperation,
                $"The server at {ServerUrl} is Lamb, whose API has no {what} (only write, query and query_raw). OpenVisa's server (ovisa serve --http) offers them under /api/v1/.",
                operation, s.OpenedAs);
        }
        return s;
    }

    private static string InstrumentPath(LambSession s, string action) => $"/api/v1/instruments/{Uri.EscapeDataString(s.VisaString)}/{action}";
}
