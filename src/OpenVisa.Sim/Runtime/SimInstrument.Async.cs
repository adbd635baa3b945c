using System.Diagnostics;

namespace OpenVisa.Sim.Runtime;

internal sealed partial class SimInstrument
{
    private Timer? _timer;
    private long _timerDue = long.MaxValue;
    private TaskCompletionSource? _changed;

    // Wakes the instrument when a late reply becomes ready: readers re-check, MAV may raise a service request, and a
    // pending *OPC completes. Called under the lock.
    private void ArmTimer(long due)
    {
        if (due >= _timerDue)
            return;
        _timerDue = due;
        var wait = Math.Max(0, (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency + 1);
        _timer ??= new Timer(_ => OnTimer());
        _timer.Change(wait, System.Threading.Timeout.Infinite);
    }

    private void OnTimer()
    {
        bool request;
        lock (_gate)
        {
            _timerDue = long.MaxValue;
            var now = Stopwatch.GetTimestamp();
            if (_operationCompletePending && _busyUntil <= now)
            {
                _operationCompletePending = false;
                _context.Status.Esr |= StatusModel.OperationComplete;
            }
            var next = Math.Min(_operationCompletePending ? _busyUntil : long.MaxValue, NextLateReply(now));
            if (next != long.MaxValue)
                ArmTimer(next);
            Signal();
            request = UpdateStatus();
        }
        RaiseIfRequested(request);
    }

    private long NextLateReply(long now) => _output.NextReadyAt is { } ready && ready > now ? ready : long.MaxValue;

    // Under the lock: wakes synchronous readers and completes the current asynchronous wait.
    private void Signal()
    {
        if (_syncWaiters > 0)
            Monitor.PulseAll(_gate);
        var changed = _changed;
        _changed = null;
        changed?.TrySetResult();
    }

    /// <summary>The asynchronous read: returns at once when a reply is ready, else awaits one without blocking a thread.</summary>
    public async ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, ReadOptions options, CancellationToken cancellationToken)
    {
        var deadline = Deadline(options.Timeout);
        var total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task changed;
            long until;
            ReadResult result = default;
            VisaException? failure = null;
            var done = false;
            bool request;
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                try
                {
                    if (TryReadReady(buffer.Span, options, ref total, out result))
                        done = true;
                    else if (now >= deadline)
                        throw Timeout(options.Timeout, now, total);
                }
                catch (VisaException e)
                {
                    failure = e;
                }
                changed = (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                until = Math.Min(deadline, _output.NextReadyAt ?? long.MaxValue);
                request = UpdateStatus();
            }
            RaiseIfRequested(request);
            if (failure is not null)
                throw failure;
            if (done)
                return result;
            var wait = Remaining(until, Stopwatch.GetTimestamp());
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wait, cancel.Token);
            await Task.WhenAny(changed, delay).ConfigureAwait(false);
            await cancel.CancelAsync().ConfigureAwait(false);
        }
    }
}
