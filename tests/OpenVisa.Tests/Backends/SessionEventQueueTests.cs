using System.Collections.Concurrent;

namespace OpenVisa.Tests.Backends;

/// <summary>The one event machinery every backend uses, checked against VISA 5.x's rules for the event operations.</summary>
public class SessionEventQueueTests
{
    private const string Resource = "TCPIP0::bench::INSTR";
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    private static SessionEventQueue Create(EventHandlerDispatch dispatch = EventHandlerDispatch.Inline, int maxQueueLength = SessionEventQueue.DefaultMaxQueueLength) =>
        new(() => 7, Resource, [EventType.ServiceRequest, EventType.Trigger], dispatch, maxQueueLength);

    private static VisaEvent Srq(byte status) => new(EventType.ServiceRequest, status);

    [Fact]
    public void AFullQueueLosesTheNewestEventAndCountsIt()
    {
        // VISA 5.x, VI_ATTR_MAX_QUEUE_LENGTH: "Events that occur after the queue has become full will be discarded."
        var events = Create(maxQueueLength: 3);
        events.Enable(EventType.ServiceRequest, EventMechanism.Queue);
        for (byte i = 1; i <= 5; i++)
            events.Raise(Srq(i));
        Assert.Equal(2, events.EventsLostToOverflow);
        Assert.Equal([1, 2, 3], Enumerable.Range(0, 3).Select(_ => (int)events.Wait(EventType.ServiceRequest, Long).StatusByte!.Value));
        Assert.Equal(StatusCode.ErrorTimeout, Assert.Throws<VisaException>(() => events.Wait(EventType.ServiceRequest, TimeSpan.Zero)).Status);
    }

    [Fact]
    public void AQueueThatHoldsNothingIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Create(maxQueueLength: 0));
        Assert.Contains("VI_ATTR_MAX_QUEUE_LENGTH must be at least 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitingOnAllEnabledTakesTheOldestEventOfAnyType()
    {
        var events = Create();
        events.Enable(EventType.ServiceRequest, EventMechanism.Queue);
        events.Enable(EventType.Trigger, EventMechanism.Queue);
        events.Raise(new VisaEvent(EventType.Trigger));
        events.Raise(Srq(0x40));
        Assert.Equal(EventType.Trigger, events.Wait(EventType.AllEnabled, Long).Type);
        Assert.Equal(EventType.ServiceRequest, events.Wait(EventType.AllEnabled, Long).Type);
        events.Raise(Srq(0x41));
        Assert.Equal(StatusCode.Success, events.Discard(EventType.AllEnabled, EventMechanism.Queue));
        Assert.Equal(StatusCode.SuccessQueueEmpty, events.Discard(EventType.AllEnabled, EventMechanism.Queue));
        Assert.Equal(StatusCode.Success, events.Disable(EventType.AllEnabled, EventMechanism.All));
        Assert.Equal((EventMechanism)0, events.EnabledFor(EventType.Trigger));
    }

    [Fact]
    public void EventsOfATypeNotEnabledAreDroppedAndAWaitSaysHowToEnable()
    {
        var events = Create();
        events.Raise(Srq(1));
        var error = Assert.Throws<VisaException>(() => events.Wait(EventType.ServiceRequest, TimeSpan.Zero));
        Assert.Equal(StatusCode.ErrorNotEnabled, error.Status);
        Assert.Equal(Resource, error.ResourceName);
        Assert.Contains("EnableEvent(ServiceRequest, Queue)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuspendedHandlerCallsAreHeldUntilTheHandlerIsEnabledAgain()
    {
        var events = Create();
        var seen = new List<byte?>();
        events.Install(EventType.ServiceRequest, (session, e, user) => seen.Add(e.StatusByte), null);
        Assert.Equal(StatusCode.Success, events.Enable(EventType.ServiceRequest, EventMechanism.SuspendHandler));
        events.Raise(Srq(1));
        events.Raise(Srq(2));
        Assert.Empty(seen);
        Assert.Equal(StatusCode.Success, events.Enable(EventType.ServiceRequest, EventMechanism.Handler));
        Assert.Equal([(byte?)1, 2], seen);
        Assert.Equal(EventMechanism.Handler, events.EnabledFor(EventType.ServiceRequest));
    }

    [Fact]
    public void DiscardingSuspendedCallsDropsThem()
    {
        var events = Create();
        var calls = 0;
        events.Install(EventType.ServiceRequest, (_, _, _) => calls++, null);
        events.Enable(EventType.ServiceRequest, EventMechanism.SuspendHandler);
        events.Raise(Srq(1));
        Assert.Equal(StatusCode.Success, events.Discard(EventType.ServiceRequest, EventMechanism.SuspendHandler));
        events.Enable(EventType.ServiceRequest, EventMechanism.Handler);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void InlineHandlersRunOnTheRaisingThreadWithTheSessionAndUserHandle()
    {
        var events = Create(EventHandlerDispatch.Inline);
        (int Session, int Thread, object? User)? call = null;
        events.Install(EventType.ServiceRequest, (session, _, user) => call = (session, Environment.CurrentManagedThreadId, user), "mine");
        events.Enable(EventType.ServiceRequest, EventMechanism.Handler);
        events.Raise(Srq(1));
        Assert.Equal((7, Environment.CurrentManagedThreadId, (object?)"mine"), call);
    }

    [Fact]
    public void ThreadPoolHandlersRunOnAnotherThread()
    {
        var events = Create(EventHandlerDispatch.ThreadPool);
        var threads = new BlockingCollection<int>();
        events.Install(EventType.ServiceRequest, (_, _, _) => threads.Add(Environment.CurrentManagedThreadId), null);
        events.Enable(EventType.ServiceRequest, EventMechanism.Handler);
        events.Raise(Srq(1));
        Assert.True(threads.TryTake(out var thread, Long), "the handler was not called within 10 s");
        Assert.NotEqual(Environment.CurrentManagedThreadId, thread);
    }

    [Fact]
    public void AFailingHandlerIsReportedNotThrownAtTheTransport()
    {
        var failures = new List<Exception>();
        var events = new SessionEventQueue(() => 7, Resource, [EventType.ServiceRequest], EventHandlerDispatch.Inline) { HandlerFailed = failures.Add };
        events.Install(EventType.ServiceRequest, (_, _, _) => throw new InvalidOperationException("user bug"), null);
        events.Enable(EventType.ServiceRequest, EventMechanism.Handler);
        events.Raise(Srq(1));
        Assert.Equal("user bug", Assert.Single(failures).Message);
    }

    [Fact]
    public void MechanismMisuseSaysWhatIsAllowed()
    {
        var events = Create();
        var both = Assert.Throws<VisaException>(() => events.Enable(EventType.ServiceRequest, EventMechanism.Handler | EventMechanism.SuspendHandler));
        Assert.Equal(StatusCode.ErrorInvalidMechanism, both.Status);
        Assert.Contains("Queue may be combined", both.Message, StringComparison.Ordinal);
        var noHandler = Assert.Throws<VisaException>(() => events.Enable(EventType.ServiceRequest, EventMechanism.Handler));
        Assert.Equal(StatusCode.ErrorHandlerNotInstalled, noHandler.Status);
        Assert.Contains("call InstallHandler", noHandler.Message, StringComparison.Ordinal);
        var wrongType = Assert.Throws<VisaException>(() => events.Enable(EventType.UsbInterrupt, EventMechanism.Queue));
        Assert.Equal(StatusCode.ErrorInvalidEvent, wrongType.Status);
        Assert.Equal("EnableEvent", wrongType.Operation);
        Assert.Contains("it raises ServiceRequest, Trigger", wrongType.Message, StringComparison.Ordinal);
        var notInstalled = Assert.Throws<VisaException>(() => events.Uninstall(EventType.ServiceRequest, (_, _, _) => { }, null));
        Assert.Equal(StatusCode.ErrorInvalidHandlerReference, notInstalled.Status);
        Assert.Contains("not installed", notInstalled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueueAndHandlerTogetherDeliverBoth()
    {
        var events = Create();
        var calls = 0;
        events.Install(EventType.ServiceRequest, (_, _, _) => calls++, null);
        Assert.Equal(StatusCode.Success, events.Enable(EventType.ServiceRequest, EventMechanism.Queue | EventMechanism.Handler));
        Assert.Equal(StatusCode.SuccessEventEnabled, events.Enable(EventType.ServiceRequest, EventMechanism.Queue));
        events.Raise(Srq(3));
        Assert.Equal(1, calls);
        Assert.Equal((byte)3, events.Wait(EventType.ServiceRequest, Long).StatusByte);
        // viDisableEvent: Handler and SuspendHandler both end the handler mechanism, whichever state it is in.
        Assert.Equal(StatusCode.Success, events.Disable(EventType.ServiceRequest, EventMechanism.SuspendHandler));
        Assert.Equal(EventMechanism.Queue, events.EnabledFor(EventType.ServiceRequest));
    }

    [Fact]
    public void TheTransportHearsOfTheFirstEnableAndTheLastDisable()
    {
        var log = new List<string>();
        var events = new SessionEventQueue(() => 7, Resource, [EventType.ServiceRequest], EventHandlerDispatch.Inline)
        {
            FirstEnabled = t => log.Add($"start {t}"),
            LastDisabled = t => log.Add($"stop {t}"),
        };
        events.Enable(EventType.ServiceRequest, EventMechanism.Queue);
        events.Enable(EventType.ServiceRequest, EventMechanism.SuspendHandler);
        events.Disable(EventType.ServiceRequest, EventMechanism.Queue);
        events.Disable(EventType.ServiceRequest, EventMechanism.SuspendHandler);
        Assert.Equal(["start ServiceRequest", "stop ServiceRequest"], log);
    }

    [Fact]
    public void AFailedStartUndoesTheEnable()
    {
        var events = new SessionEventQueue(() => 7, Resource, [EventType.ServiceRequest], EventHandlerDispatch.Inline)
        {
            FirstEnabled = _ => throw new VisaException(StatusCode.ErrorConnectionLost, "no interrupt channel", "EnableEvent", Resource),
        };
        Assert.Throws<VisaException>(() => events.Enable(EventType.ServiceRequest, EventMechanism.Queue));
        Assert.Equal((EventMechanism)0, events.EnabledFor(EventType.ServiceRequest));
    }

    [Fact]
    public async Task ALostConnectionEndsWaitsAfterTheQueuedEventsAreTaken()
    {
        var events = Create();
        events.Enable(EventType.ServiceRequest, EventMechanism.Queue);
        var waiting = events.WaitAsync(EventType.ServiceRequest, Timeout.InfiniteTimeSpan, CancellationToken.None).AsTask();
        events.ConnectionLost("the instrument closed the link");
        var lost = await Assert.ThrowsAsync<VisaException>(() => waiting.WaitAsync(Long));
        Assert.Equal(StatusCode.ErrorConnectionLost, lost.Status);
        Assert.Contains("the instrument closed the link", lost.Message, StringComparison.Ordinal);
        Assert.Contains("open it again", lost.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.ErrorConnectionLost, Assert.Throws<VisaException>(() => events.Wait(EventType.ServiceRequest, Long)).Status);
    }

    [Fact]
    public async Task AWaitStillEndsWithTheLostConnectionWhenAnotherCallerDisabledTheQueueMeanwhile()
    {
        // Two waits on one session: the first to see the loss disables the queue as it ends; the other must still say why.
        var events = Create();
        events.Enable(EventType.ServiceRequest, EventMechanism.Queue);
        var waiting = events.WaitAsync(EventType.ServiceRequest, Long, CancellationToken.None).AsTask();
        events.Disable(EventType.ServiceRequest, EventMechanism.Queue);
        events.ConnectionLost("the server went away");
        var lost = await Assert.ThrowsAsync<VisaException>(() => waiting.WaitAsync(Long));
        Assert.Equal(StatusCode.ErrorConnectionLost, lost.Status);
    }

    [Fact]
    public void AProbeFindsALostConnectionDuringASyncWait()
    {
        var probes = 0;
        var events = new SessionEventQueue(() => 7, Resource, [EventType.ServiceRequest], EventHandlerDispatch.Inline)
        {
            LostProbe = () => Interlocked.Increment(ref probes) >= 2 ? "the core channel closed" : null,
        };
        events.Enable(EventType.ServiceRequest, EventMechanism.Queue);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var lost = Assert.Throws<VisaException>(() => events.Wait(EventType.ServiceRequest, TimeSpan.FromSeconds(30)));
        Assert.Equal(StatusCode.ErrorConnectionLost, lost.Status);
        Assert.Contains("the core channel closed", lost.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"the wait took {started.Elapsed}");
    }

    [Fact]
    public async Task AnAsyncWaitReturnsAnEventRaisedLaterAndHonoursItsTimeout()
    {
        var events = Create(EventHandlerDispatch.ThreadPool);
        events.Enable(EventType.ServiceRequest, EventMechanism.Queue);
        var waiting = events.WaitAsync(EventType.ServiceRequest, Long, CancellationToken.None).AsTask();
        events.Raise(Srq(9));
        Assert.Equal((byte)9, (await waiting).StatusByte);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var timeout = await Assert.ThrowsAsync<VisaException>(() => events.WaitAsync(EventType.ServiceRequest, TimeSpan.FromMilliseconds(50), CancellationToken.None).AsTask());
        Assert.Equal(StatusCode.ErrorTimeout, timeout.Status);
        Assert.Contains("within 50 ms", timeout.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2.05), $"the wait took {started.Elapsed}");
    }

    [Fact]
    public async Task AnAsyncWaitEndsWhenCancelled()
    {
        var events = Create();
        events.Enable(EventType.ServiceRequest, EventMechanism.Queue);
        using var cancel = new CancellationTokenSource();
        var waiting = events.WaitAsync(EventType.ServiceRequest, Long, cancel.Token).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
