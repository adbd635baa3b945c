using System.Text.Json;

namespace OpenVisa;

/// <summary>Taking recorded operations: matching, recorded delays, recorded errors, and events delivered to handlers.</summary>
public sealed partial class ReplayLibrary
{
    /// <summary>Matches <paramref name="call"/>, waits as recorded if asked, and throws the recorded error if there was one.</summary>
    private SessionOperation Run(ReplayCall call)
    {
        var entry = Take(call);
        Pause(entry);
        ThrowIfFailed(entry);
        return entry;
    }

    /// <summary>The asynchronous <see cref="Run"/>.</summary>
    private async ValueTask<SessionOperation> RunAsync(ReplayCall call, CancellationToken cancellationToken)
    {
        var entry = Take(call);
        await PauseAsync(entry, cancellationToken).ConfigureAwait(false);
        ThrowIfFailed(entry);
        return entry;
    }

    private SessionOperation Take(ReplayCall call)
    {
        var entry = Script.Take(call, out var events);
        foreach (var recorded in events)
            Deliver(recorded);
        return entry;
    }

    private void Pause(SessionOperation entry)
    {
        if (Options.Timing == ReplayTiming.Recorded && entry.Duration > 0)
            Thread.Sleep(TimeSpan.FromSeconds(entry.Duration));
    }

    private Task PauseAsync(SessionOperation entry, CancellationToken cancellationToken) =>
        Options.Timing == ReplayTiming.Recorded && entry.Duration > 0
            ? Task.Delay(TimeSpan.FromSeconds(entry.Duration), cancellationToken)
            : Task.CompletedTask;

    private static void ThrowIfFailed(SessionOperation entry)
    {
        if (entry.Error is { } error)
            throw error.ToException();
    }

    /// <summary>Hands a recorded event to the handlers installed on the session it was delivered to.</summary>
    private void Deliver(SessionOperation recorded)
    {
        var visaEvent = EventFrom(recorded.Fields);
        if (visaEvent is null)
            return;
        foreach (var (id, binding) in _sessions)
        {
            if (binding.RecordedSession != recorded.Session)
                continue;
            List<(EventType Type, VisaEventHandler Handler, object? UserHandle)> handlers;
            lock (binding)
                handlers = [.. binding.Handlers.Where(h => h.Type == visaEvent.Type)];
            foreach (var (_, handler, userHandle) in handlers)
                handler(id, visaEvent, userHandle);
        }
    }

    /// <summary>An event as recorded by a wait or a handler delivery.</summary>
    private static VisaEvent? EventFrom(JsonElement fields)
    {
        if (!fields.TryGetProperty(SessionFields.EventType, out var type) || !Enum.TryParse<EventType>(type.GetString(), out var eventType))
            return null;
        byte? stb = fields.TryGetProperty(SessionFields.Stb, out var s) && s.TryGetByte(out var b) ? b : null;
        var data = SessionPayload.Read(fields);
        return new VisaEvent(eventType, stb, data ?? ReadOnlyMemory<byte>.Empty);
    }
}
