using Microsoft.Extensions.Logging;

namespace OpenVisa.Instruments;

/// <summary>
/// Reopening the resource after a lost connection: within one command up to <see cref="ReconnectPolicy.MaxAttempts"/>
/// times; once those are used up, the instrument stays disconnected and a later command tries again after a growing
/// delay (or at once through <see cref="Reopen"/>), so a lab whose instrument comes back does not have to restart.
/// </summary>
public partial class Instrument
{
    private Exception? _lastReopenFailure;
    private InstrumentConnectionState _connection = InstrumentConnectionState.Connected;
    private int _exhaustedRounds;

    /// <summary>Whether the connection works, and if not since when, why, and when the next attempt is.</summary>
    public InstrumentConnectionState Connection => _connection;

    /// <summary>
    /// Closes the resource and opens it again at the same address with the same settings, now, whatever
    /// <see cref="Reconnect"/> says; caches are invalidated. Throws <see cref="InstrumentConnectionException"/> when the
    /// instrument cannot be reached (it then stays disconnected).
    /// </summary>
    public void Reopen()
    {
        RequireResource(nameof(Reopen));
        _io.Wait();
        try
        {
            ReopenUnlocked();
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>The asynchronous <see cref="Reopen"/>.</summary>
    public async ValueTask ReopenAsync(CancellationToken cancellationToken = default)
    {
        RequireResource(nameof(Reopen));
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Opening a resource has no asynchronous form in the backend contract; it is bounded by the open timeout.
            ReopenUnlocked();
        }
        finally
        {
            _io.Release();
        }
    }

    private void ReopenUnlocked()
    {
        if (TryOpenAgain())
            return;
        var failure = _lastReopenFailure as VisaException;
        MarkDisconnected(failure?.Status ?? StatusCode.ErrorConnectionLost, _lastReopenFailure?.Message ?? "reopening failed", scheduleRetry: false);
        throw new InstrumentConnectionException(failure?.Status ?? StatusCode.ErrorConnectionLost,
            $"{Name} could not reopen {Address}: {_lastReopenFailure?.Message}", Address, _lastReopenFailure);
    }

    private bool IsConnectionLoss(VisaException e) => Reconnect.Statuses.Contains(e.Status) && e is not InstrumentConnectionException;

    /// <summary>
    /// Before a command on a disconnected instrument: refuses it while the next attempt is not due, else lets the command
    /// run its reconnect attempts as if it had just found the connection lost.
    /// </summary>
    private VisaException? LossToRecoverBeforeCommand(string command)
    {
        var state = _connection;
        // Without reconnecting, commands go to the resource, which reports its own lost connection.
        if (state.IsConnected || Reconnect.MaxAttempts == 0)
            return null;
        var now = TimeProvider.GetUtcNow();
        if (state.NextAttempt is not { } due || due > now)
        {
            throw new InstrumentConnectionException(StatusCode.ErrorConnectionLost,
                $"{Name} cannot send '{command}': {state.Describe(now)}.", Address, _lastReopenFailure);
        }
        return new VisaException(StatusCode.ErrorConnectionLost, state.LastError, "Reconnect", Address);
    }

    /// <summary>Remembers a lost connection; with <paramref name="scheduleRetry"/> sets when a later command tries again.</summary>
    private void MarkDisconnected(StatusCode status, string? reason, bool scheduleRetry)
    {
        var now = TimeProvider.GetUtcNow();
        DateTimeOffset? next = null;
        if (scheduleRetry && Reconnect.MaxAttempts > 0)
            next = now + Reconnect.DelayBefore(Reconnect.MaxAttempts + _exhaustedRounds++);
        _connection = new InstrumentConnectionState(false, _connection.DisconnectedSince ?? now, next, reason ?? status.ToString());
    }

    private void MarkConnected()
    {
        _connection = InstrumentConnectionState.Connected;
        _exhaustedRounds = 0;
    }

    /// <summary>The wait before the next reopen; throws once the attempts are used up.</summary>
    private TimeSpan NextReconnectDelay(VisaException lost, ref int attempt, string command)
    {
        if (attempt >= Reconnect.MaxAttempts)
        {
            var reason = _lastReopenFailure is null ? "" : $" The last reopen failed: {_lastReopenFailure.Message}";
            MarkDisconnected(lost.Status, _lastReopenFailure?.Message ?? lost.Detail, scheduleRetry: true);
            throw new InstrumentConnectionException(lost.Status,
                $"{Name} lost its connection while sending '{command}' and did not get it back after {Reconnect.MaxAttempts} attempt{(Reconnect.MaxAttempts == 1 ? "" : "s")}.{reason} " +
                $"It is now {_connection.Describe(TimeProvider.GetUtcNow())}.",
                Address, _lastReopenFailure ?? lost);
        }
        var delay = Reconnect.DelayBefore(attempt);
        attempt++;
        if (Logger.IsEnabled(LogLevel.Warning))
        {
            Logger.LogWarning("{Instrument} lost its connection to {Address} ({Status}) while sending '{Command}'; reopening in {Delay} s (attempt {Attempt} of {Max})",
                Name, Address, lost.Status, command, delay.TotalSeconds, attempt, Reconnect.MaxAttempts);
        }
        return delay;
    }

    /// <summary>Reopens after <paramref name="lost"/> during <paramref name="command"/>; false when opening failed.</summary>
    private bool TryReopen(VisaException lost, string command)
    {
        if (!TryOpenAgain())
            return false;
        if (!Reconnect.RepeatCommand)
        {
            throw new InstrumentConnectionException(lost.Status,
                $"{Name} lost its connection while sending '{command}'; it reconnected, but the command was not repeated (RepeatCommand is off).",
                Address, lost);
        }
        return true;
    }

    /// <summary>Closes the resource (if still open) and opens a new one with the same settings; false when opening failed.</summary>
    private bool TryOpenAgain()
    {
        var old = _resource!;
        // A resource closed by an earlier failed attempt cannot be asked for its settings any more.
        var settings = old.IsClosed ? _settings! : ResourceSettings.Capture(old, _settings);
        try
        {
            old.Close();
        }
        catch (VisaException)
        {
            // The session is already gone on the backend's side; there is nothing left to close.
        }
        MessageBasedResource fresh;
        try
        {
            fresh = old.Manager.Open<MessageBasedResource>(old.ResourceName);
            settings.Apply(fresh);
        }
        catch (VisaException e)
        {
            _settings = settings;
            _lastReopenFailure = e;
            if (Logger.IsEnabled(LogLevel.Warning))
                Logger.LogWarning("{Instrument}: reopening {Address} failed: {Message}", Name, Address, e.Message);
            return false;
        }
        fresh.StaleReplies = old.StaleReplies;
        _resource = fresh;
        _settings = settings;
        _lastReopenFailure = null;
        MarkConnected();
        ReconnectCount++;
        InvalidateCache();
        if (Logger.IsEnabled(LogLevel.Information))
            Logger.LogInformation("{Instrument} reconnected to {Address}", Name, Address);
        OnReconnected();
        Reconnected?.Invoke(this, EventArgs.Empty);
        return true;
    }

    private void LogSend(string command)
    {
        if (Logger.IsEnabled(LogLevel.Debug))
            Logger.LogDebug("{Instrument} <- {Command}", Name, command);
    }

    private void LogReply<T>(string command, T result)
    {
        if (!Logger.IsEnabled(LogLevel.Debug))
            return;
        switch (result)
        {
            case string reply:
                Logger.LogDebug("{Instrument} -> {Reply}", Name, reply);
                break;
            case Array array:
                Logger.LogDebug("{Instrument} -> {Count} values of {Type} for '{Command}'", Name, array.Length, array.GetType().GetElementType()?.Name, command);
                break;
        }
    }
}
