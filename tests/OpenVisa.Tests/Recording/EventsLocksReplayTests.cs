namespace OpenVisa.Tests.Recording;

/// <summary>Locks, triggers, clears, status bytes and events: recorded with their results and played back, handlers included.</summary>
public class EventsLocksReplayTests
{
    /// <summary>An instrument whose trigger raises a service request: queued for waits and delivered to handlers.</summary>
    private sealed class EventfulLibrary() : VisaLibrary("")
    {
        private readonly Queue<VisaEvent> _queue = new();
        private readonly List<(VisaEventHandler Handler, object? Handle)> _handlers = [];
        private byte _stb = 0x40;

        public override int OpenDefaultResourceManager() => 1;

        public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR") => ["GPIB0::5::INSTR"];

        public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout) => 7;

        public override void Close(int session)
        {
        }

        public override string? Lock(int session, AccessMode lockType, TimeSpan timeout, string? requestedKey) =>
            lockType == AccessMode.SharedLock ? requestedKey ?? "key-1" : null;

        public override StatusCode Unlock(int session) => StatusCode.Success;

        public override void Clear(int session) => _stb = 0;

        public override byte ReadStb(int session) => _stb;

        public override StatusCode EnableEvent(int session, EventType eventType, EventMechanism mechanism) => StatusCode.Success;

        public override StatusCode DisableEvent(int session, EventType eventType, EventMechanism mechanism) => StatusCode.Success;

        public override void AssertTrigger(int session, TriggerProtocol protocol)
        {
            _stb |= 0x40;
            var srq = new VisaEvent(EventType.ServiceRequest, _stb);
            _queue.Enqueue(srq);
            foreach (var (handler, handle) in _handlers.ToList())
                handler(session, srq, handle);
        }

        public override VisaEvent WaitOnEvent(int session, EventType eventType, TimeSpan timeout) =>
            _queue.TryDequeue(out var e) ? e : throw new VisaException(StatusCode.ErrorTimeout, "No event arrived.", nameof(WaitOnEvent));

        public override void InstallHandler(int session, EventType eventType, VisaEventHandler handler, object? userHandle) => _handlers.Add((handler, userHandle));

        public override void UninstallHandler(int session, EventType eventType, VisaEventHandler? handler, object? userHandle) =>
            _handlers.RemoveAll(h => handler is null || h.Handler == handler);
    }

    private static List<string> Program(VisaLibrary library)
    {
        var results = new List<string>();
        var rm = library.OpenDefaultResourceManager();
        var session = library.Open(rm, "GPIB0::5::INSTR", AccessMode.None, TimeSpan.FromSeconds(1));
        results.Add(library.Lock(session, AccessMode.SharedLock, TimeSpan.FromSeconds(1), null) ?? "null");
        results.Add(library.Unlock(session).ToString());
        results.Add(library.ReadStb(session).ToString(System.Globalization.CultureInfo.InvariantCulture));
        library.Clear(session);
        results.Add(library.ReadStb(session).ToString(System.Globalization.CultureInfo.InvariantCulture));
        library.EnableEvent(session, EventType.ServiceRequest, EventMechanism.Queue);
        VisaEventHandler handler = (s, e, handle) => results.Add($"handler {e.Type} stb={e.StatusByte} handle={handle}");
        library.InstallHandler(session, EventType.ServiceRequest, handler, "mine");
        library.AssertTrigger(session, TriggerProtocol.Default);
        var waited = library.WaitOnEvent(session, EventType.ServiceRequest, TimeSpan.FromSeconds(1));
        results.Add($"waited {waited.Type} stb={waited.StatusByte}");
        results.Add(Scenario.Outcome(() => library.WaitOnEvent(session, EventType.ServiceRequest, TimeSpan.FromMilliseconds(10))));
        library.UninstallHandler(session, EventType.ServiceRequest, handler, "mine");
        library.DisableEvent(session, EventType.ServiceRequest, EventMechanism.All);
        library.Close(session);
        library.Close(rm);
        return results;
    }

    [Fact]
    public void Locks_clears_status_bytes_and_events_replay_with_their_results_and_handler_deliveries()
    {
        using var files = new TempFiles();
        var path = files.File("events.jsonl");
        List<string> live;
        using (var recorder = new RecordingLibrary(new EventfulLibrary(), path, ownsInner: true))
            live = Program(recorder);
        Assert.Equal(["key-1", "Success", "64", "0", "handler ServiceRequest stb=64 handle=mine", "waited ServiceRequest stb=64"], live.Take(6));
        Assert.StartsWith("VI_ERROR_TMO", live[6]);

        var ops = SessionLog.Load(path).Operations.Select(o => o.Op).ToList();
        Assert.Equal(
            ["openRM", "open", "lock", "unlock", "readStb", "clear", "readStb", "enableEvent", "installHandler", "event", "trigger", "waitOnEvent", "waitOnEvent", "uninstallHandler", "disableEvent", "close", "closeRM"],
            ops);

        var replay = new ReplayLibrary(path, ReplayOptions.Default);
        Assert.Equal(live, Program(replay));
        Assert.True(replay.IsComplete);
    }

    [Fact]
    public void A_different_lock_type_is_an_argument_mismatch()
    {
        using var files = new TempFiles();
        var path = files.File("events.jsonl");
        using (var recorder = new RecordingLibrary(new EventfulLibrary(), path, ownsInner: true))
            Program(recorder);
        var replay = new ReplayLibrary(path, ReplayOptions.Default);
        var rm = replay.OpenDefaultResourceManager();
        var session = replay.Open(rm, "GPIB0::5::INSTR", AccessMode.None, TimeSpan.FromSeconds(1));
        var e = Assert.Throws<ReplayMismatchException>(() => replay.Lock(session, AccessMode.ExclusiveLock, TimeSpan.FromSeconds(1), null));
        Assert.Equal(ReplayMismatchKind.Arguments, e.Kind);
        Assert.Contains("lockType differs", e.Message);
        Assert.Contains("lockType=SharedLock", e.Message);
        Assert.Contains("lockType=ExclusiveLock", e.Message);
    }
}
