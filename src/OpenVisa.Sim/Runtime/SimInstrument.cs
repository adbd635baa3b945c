using System.Diagnostics;
using OpenVisa.Sim.PyVisaSim;
using OpenVisa.Sim.Text;

using OpenVisa.Sim.Sessions;

namespace OpenVisa.Sim.Runtime;

/// <summary>Options of one read, from the reading session's attributes.</summary>
/// <param name="TerminationCharacter">VI_ATTR_TERMCHAR.</param>
/// <param name="TerminationCharacterEnabled">VI_ATTR_TERMCHAR_EN.</param>
/// <param name="SuppressEnd">VI_ATTR_SUPPRESS_END_EN.</param>
/// <param name="SerialEndIn">VI_ATTR_ASRL_END_IN for serial sessions (which have no END line), null otherwise.</param>
/// <param name="LastBitMask">The top data bit, for <see cref="SerialTermination.LastBit"/>.</param>
/// <param name="Timeout">VI_ATTR_TMO_VALUE.</param>
internal readonly record struct ReadOptions(byte TerminationCharacter, bool TerminationCharacterEnabled, bool SuppressEnd, SerialTermination? SerialEndIn, byte LastBitMask, TimeSpan Timeout);

/// <summary>
/// One simulated instrument: an instance of a device definition bound to one resource name in one resource-manager
/// session. It buffers written bytes until a message is complete (the query terminator, or END), answers each unit
/// through its <see cref="IMessageHandler"/> then the IEEE 488.2 common commands, queues the replies (each readable
/// after its command's delay) and keeps the status model. Every member is thread-safe; all state is under one lock.
/// </summary>
internal sealed partial class SimInstrument
{
    private readonly object _gate = new();
    private readonly IMessageHandler _handler;
    private readonly InstrumentContext _context;
    private readonly OutputQueue _output = new();
    private readonly ByteBuilder _input = new();
    private readonly List<Range> _units = [];
    private char[] _scratch = new char[256];
    private long _busyUntil;
    private char[] _lastCommand = new char[64];
    private int _lastCommandLength;
    private int _syncWaiters;
    private UnitOutcome _lastOutcome = UnitOutcome.NoReply;
    private bool _lastUnknown;
    private bool _anyCommand;

    public SimInstrument(string resourceName, IMessageHandler handler, EndOfMessage eom, PythonRandom random, bool endCompletesMessage)
    {
        ResourceName = resourceName;
        _handler = handler;
        Eom = eom;
        EndCompletesMessage = endCompletesMessage;
        _context = new InstrumentContext(random, handler.Description);
    }

    /// <summary>What the instrument simulates, for messages: "pyvisa-sim device 'x'" or "profile 'y'".</summary>
    public string Description => _handler.Description;

    /// <summary>The behaviour behind the instrument.</summary>
    public IMessageHandler Handler => _handler;

    /// <summary>The canonical resource name this instrument answers on.</summary>
    public string ResourceName { get; }

    /// <summary>The query and reply terminators for this resource's interface.</summary>
    public EndOfMessage Eom { get; }

    /// <summary>Whether a write carrying END completes a message without the query terminator (all but serial).</summary>
    public bool EndCompletesMessage { get; }

    /// <summary>The lock table of this instrument.</summary>
    public ResourceLockTable Locks { get; } = new();

    /// <summary>Raised, outside the lock, with the status byte when the instrument starts requesting service.</summary>
    public event Action<byte>? ServiceRequested;

    /// <summary>Stops the instrument's timer; called when its resource-manager session closes.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            Signal();
        }
    }

    /// <summary>The number of <c>*TRG</c> or device triggers received.</summary>
    public int TriggerCount { get; private set; }

    /// <summary>Writes bytes; when they complete a message, answers it. Returns the count written.</summary>
    /// <exception cref="SimDeviceException">The device definition failed while answering.</exception>
    public int Write(ReadOnlySpan<byte> data, bool end)
    {
        bool request;
        lock (_gate)
        {
            _input.Append(data);
            var query = Eom.Query;
            ReadOnlySpan<byte> message;
            if (_input.EndsWith(query))
                message = _input.Span[..^query.Length];
            else if (end && EndCompletesMessage)
                message = _input.Span;
            else
                return data.Length;
            try
            {
                Process(message);
            }
            finally
            {
                _input.Clear();
                request = UpdateStatus();
            }
        }
        RaiseIfRequested(request);
        return data.Length;
    }

    private void Process(ReadOnlySpan<byte> message)
    {
        _units.Clear();
        _handler.Split(message, _units);
        var joined = _handler.JoinsReplies;
        var replies = 0;
        var lastReadyAt = 0L;
        var lastCommand = "";
        try
        {
            foreach (var range in _units)
            {
                var unit = message[range];
                var text = Latin1(unit);
                _context.Delay = 0;
                _context.Reply.Clear();
                var outcome = _handler.Handle(unit, text, _context);
                _lastUnknown = false;
                if (outcome == UnitOutcome.Unmatched && _handler.AnswersCommonCommands)
                    outcome = HandleCommon(text);
                if (outcome == UnitOutcome.Unmatched)
                {
                    _lastUnknown = true;
                    _context.Status.PushError(-113, "Undefined header");
                    _context.Reply.Clear();
                    outcome = _handler.HandleUnknown(unit, _context);
                }
                _anyCommand = true;
                _lastOutcome = outcome;
                RememberCommand(text);
                var readyAt = Schedule(_context.Delay);
                // The command is kept with a reply only when the reply is late, for the timeout message.
                var command = readyAt != 0 ? LastCommand : "";
                if (outcome != UnitOutcome.Reply)
                    continue;
                if (!joined)
                {
                    _output.Begin();
                    _output.Append(_context.Reply.Span);
                    _output.Append(Eom.Reply);
                    _output.Commit(readyAt, command);
                    continue;
                }
                if (replies == 0)
                    _output.Begin();
                else
                    _output.Append(";"u8);
                _output.Append(_context.Reply.Span);
                replies++;
                lastReadyAt = readyAt;
                lastCommand = command;
            }
        }
        finally
        {
            if (replies > 0)
            {
                _output.Append(Eom.Reply);
                _output.Commit(lastReadyAt, lastCommand);
            }
        }
        if (_output.Count > 0)
            Signal();
    }

    private void RememberCommand(ReadOnlySpan<char> text)
    {
        var length = Math.Min(text.Length, 200);
        if (_lastCommand.Length < length)
            _lastCommand = new char[200];
        text[..length].CopyTo(_lastCommand);
        _lastCommandLength = length;
    }

    private string LastCommand => new string(_lastCommand, 0, _lastCommandLength) + (_lastCommandLength == 200 ? "…" : "");

    // A unit starts when the previous one finished and takes its delay; returns when its reply is ready.
    // 0 means "ready now": the common case takes no clock reading at all.
    private long Schedule(double delaySeconds)
    {
        if (delaySeconds <= 0 && _busyUntil == 0)
            return 0;
        var now = Stopwatch.GetTimestamp();
        var start = Math.Max(now, _busyUntil);
        var ready = delaySeconds > 0 ? start + (long)(delaySeconds * Stopwatch.Frequency) : start;
        if (ready <= now)
        {
            _busyUntil = 0;
            return 0;
        }
        _busyUntil = ready;
        ArmTimer(ready);
        return ready;
    }

    private ReadOnlySpan<char> Latin1(ReadOnlySpan<byte> unit)
    {
        if (_scratch.Length < unit.Length)
            _scratch = new char[Math.Max(unit.Length, _scratch.Length * 2)];
        var chars = _scratch.AsSpan(0, unit.Length);
        for (var k = 0; k < unit.Length; k++)
            chars[k] = (char)unit[k];
        return chars;
    }

    /// <summary>A serial poll (viReadSTB): the status byte with RQS, which it clears.</summary>
    public byte ReadStatusByte()
    {
        lock (_gate)
            return _context.Status.SerialPoll(MessageAvailable());
    }

    /// <summary>Whether a reply is queued, ready or still in its delay: only then can one be read late.</summary>
    public bool HasQueuedReply
    {
        get
        {
            lock (_gate)
                return _output.Count > 0;
        }
    }

    /// <summary>Device clear: drops pending input and queued replies.</summary>
    public void DeviceClear()
    {
        bool request;
        lock (_gate)
        {
            _input.Clear();
            _output.Clear();
            _busyUntil = 0;
            request = UpdateStatus();
        }
        RaiseIfRequested(request);
    }

    /// <summary>A device trigger (GPIB GET, <c>*TRG</c>): handled as the message <c>*TRG</c>.</summary>
    public void Trigger()
    {
        bool request;
        lock (_gate)
        {
            if (!_handler.AnswersCommonCommands)
            {
                // pyvisa-sim has no trigger; a device without the common commands only counts it, queuing no error reply.
                TriggerCount++;
                return;
            }
            try
            {
                Process("*TRG"u8);
            }
            finally
            {
                request = UpdateStatus();
            }
        }
        RaiseIfRequested(request);
    }

    private bool MessageAvailable() => _output.NextReadyAt is { } ready && (ready == 0 || ready <= Stopwatch.GetTimestamp());

    private bool UpdateStatus() => _context.Status.Update(MessageAvailable());

    private void RaiseIfRequested(bool request)
    {
        if (!request)
            return;
        byte status;
        lock (_gate)
            status = (byte)(_context.Status.Summary(MessageAvailable()) | StatusModel.RequestService);
        ServiceRequested?.Invoke(status);
    }

    private static long Deadline(TimeSpan timeout)
    {
        if (VisaTimeout.IsInfinite(timeout))
            return long.MaxValue;
        return Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    }

    private static int Remaining(long until, long now)
    {
        if (until == long.MaxValue)
            return System.Threading.Timeout.Infinite;
        var ms = (until - now) * 1000 / Stopwatch.Frequency;
        return (int)Math.Clamp(ms + 1, 1, int.MaxValue);
    }
}
