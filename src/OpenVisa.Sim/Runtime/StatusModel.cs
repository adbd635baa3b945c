namespace OpenVisa.Sim.Runtime;

/// <summary>
/// The IEEE 488.2 status model of one instrument: the standard event status register (ESR) and its enable (ESE), the
/// service request enable (SRE), the SCPI error queue, and the status byte built from them (EAV bit 2, MAV bit 4,
/// ESB bit 5, and bit 6: RQS to a serial poll, MSS to <c>*STB?</c>). Not thread-safe: the instrument holds its lock.
/// </summary>
internal sealed class StatusModel
{
    /// <summary>ESR bits.</summary>
    public const byte OperationComplete = 0x01, QueryError = 0x04, DeviceError = 0x08, ExecutionError = 0x10, CommandError = 0x20;

    /// <summary>Status byte bits.</summary>
    public const byte ErrorAvailable = 0x04, MessageAvailable = 0x10, EventSummary = 0x20, RequestService = 0x40;

    private const int Capacity = 30;
    private readonly Queue<(int Code, string Message)> _errors = new();
    private bool _requestLatched;
    private bool _requesting;

    public byte Esr { get; set; }

    public byte Ese { get; set; }

    public byte Sre { get; set; }

    public int ErrorCount => _errors.Count;

    /// <summary>Adds an error to the queue (the last slot becomes -350 "Queue overflow" when full) and sets its ESR bit.</summary>
    public void PushError(int code, string message)
    {
        if (_errors.Count >= Capacity)
        {
            if (_errors.Count == Capacity)
            {
                // SCPI: the newest entry is replaced by -350, and later errors are lost until the queue is read.
                var kept = _errors.ToArray()[..^1];
                _errors.Clear();
                foreach (var entry in kept)
                    _errors.Enqueue(entry);
                _errors.Enqueue((-350, "Queue overflow"));
            }
            return;
        }
        _errors.Enqueue((code, message));
        Esr |= code switch
        {
            <= -100 and > -200 => CommandError,
            <= -200 and > -300 => ExecutionError,
            <= -400 and > -500 => QueryError,
            _ => DeviceError,
        };
    }

    /// <summary>The oldest error as SCPI writes it (<c>-113,"Undefined header"</c>), or <c>+0,"No error"</c>.</summary>
    public string PopError() => _errors.TryDequeue(out var e) ? Format(e) : "+0,\"No error\"";

    /// <summary>Every queued error, comma-separated, emptying the queue (<c>SYSTem:ERRor:ALL?</c>).</summary>
    public string PopAll()
    {
        if (_errors.Count == 0)
            return "+0,\"No error\"";
        var all = string.Join(",", _errors.Select(Format));
        _errors.Clear();
        return all;
    }

    private static string Format((int Code, string Message) error) =>
        $"{(error.Code > 0 ? "+" : "")}{error.Code},\"{error.Message.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Reads and clears the ESR.</summary>
    public byte ReadEsr()
    {
        var value = Esr;
        Esr = 0;
        return value;
    }

    /// <summary>The status byte without bit 6.</summary>
    public byte Summary(bool messageAvailable) =>
        (byte)((_errors.Count > 0 ? ErrorAvailable : 0) | (messageAvailable ? MessageAvailable : 0) | ((Esr & Ese) != 0 ? EventSummary : 0));

    /// <summary>
    /// Re-evaluates the service request after a change; true when the instrument has just started requesting service
    /// (a rising edge, which raises a service-request event).
    /// </summary>
    public bool Update(bool messageAvailable)
    {
        var requesting = (Summary(messageAvailable) & Sre & ~RequestService) != 0;
        var rising = requesting && !_requesting;
        _requesting = requesting;
        if (rising)
            _requestLatched = true;
        return rising;
    }

    /// <summary>A serial poll: the status byte with RQS, which the poll then clears.</summary>
    public byte SerialPoll(bool messageAvailable)
    {
        Update(messageAvailable);
        var value = (byte)(Summary(messageAvailable) | (_requestLatched ? RequestService : 0));
        _requestLatched = false;
        return value;
    }

    /// <summary><c>*STB?</c>: the status byte with MSS (the live summary), clearing nothing.</summary>
    public byte QueryStatusByte(bool messageAvailable)
    {
        var summary = Summary(messageAvailable);
        return (byte)(summary | ((summary & Sre & ~RequestService) != 0 ? RequestService : 0));
    }

    /// <summary><c>*CLS</c>: clears the ESR and the error queue (the enables stay).</summary>
    public void Clear()
    {
        Esr = 0;
        _errors.Clear();
    }
}
