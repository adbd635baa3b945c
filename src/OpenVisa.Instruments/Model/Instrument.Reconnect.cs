using Microsoft.Extensions.Logging;

namespace OpenVisa.Instruments;

/// <summary>Reopening the resource after a lost connection.</summary>
public partial class Instrument
{
    private Exception? _lastReopenFailure;

    /// <summary>The wait before the next reopen; throws once the attempts are used up.</summary>
    private TimeSpan NextReconnectDelay(VisaException lost, ref int attempt, string command)
    {
        if (attempt >= Reconnect.MaxAttempts)
        {
            var reason = _lastReopenFailure is null ? "" : $" The last reopen failed: {_lastReopenFailure.Message}";
            throw new InstrumentConnectionException(lost.Status,
                $"{Name} lost its connection while sending '{command}' and did not get it back after {Reconnect.MaxAttempts} attempt{(Reconnect.MaxAttempts == 1 ? "" : "s")}.{reason}",
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

    /// <summary>Closes the lost resource and opens a new one with the same settings; false when opening failed.</summary>
    private bool TryReopen(VisaException lost, string command)
    {
        var old = _resource!;
        var settings = ResourceSettings.Capture(old, _settings);
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
            _lastReopenFailure = e;
            if (Logger.IsEnabled(LogLevel.Warning))
                Logger.LogWarning("{Instrument}: reopening {Address} failed: {Message}", Name, Address, e.Message);
            return false;
        }
        _resource = fresh;
        _settings = settings;
        _lastReopenFailure = null;
        ReconnectCount++;
        InvalidateCache();
        if (Logger.IsEnabled(LogLevel.Information))
            Logger.LogInformation("{Instrument} reconnected to {Address}", Name, Address);
        OnReconnected();
        Reconnected?.Invoke(this, EventArgs.Empty);
        if (!Reconnect.RepeatCommand)
        {
            throw new InstrumentConnectionException(lost.Status,
                $"{Name} lost its connection while sending '{command}'; it reconnected, but the command was not repeated (RepeatCommand is off).",
                Address, lost);
        }
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
