using System.Buffers;
using System.Globalization;
using System.Text;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Server;

/// <summary>
/// A small built-in SCPI instrument the server offers when no simulator or real resource is given: the IEEE 488.2
/// common commands, a noisy voltage reading, binary blocks of any size (for throughput tests), an echo, and a service
/// request on demand.
/// </summary>
/// <remarks>
/// Commands: <c>*IDN?</c>, <c>*RST</c>, <c>*CLS</c>, <c>*OPC?</c>, <c>*ESR?</c>, <c>*STB?</c>, <c>*TRG</c>,
/// <c>MEAS:VOLT?</c>, <c>DATA? n</c> (a definite-length block of n bytes, byte i = i mod 256), <c>ECHO? text</c>,
/// <c>TRIG:COUN?</c> (triggers seen), <c>SRQ</c> (request service), <c>SYST:ERR?</c>. Anything else queues error
/// -113, as an instrument's parser does. <c>DATA?</c> beyond <see cref="MaxReplyBytes"/> queues -223 (too much data)
/// instead of building the block, and a malformed count -224 (illegal parameter value). The error queue is bounded
/// as SCPI says: at most <see cref="MaxErrorQueueLength"/> entries, the last one -350 (queue overflow) once it filled
/// up, each entry at most <see cref="MaxErrorTextLength"/> characters.
/// </remarks>
public sealed class DemoInstrument : IMessageDevice, IServiceRequestSource
{
    /// <summary>The request-service bit of the status byte.</summary>
    private const byte RequestService = 0x40;

    /// <summary>The error/event-queue bit of the status byte.</summary>
    private const byte ErrorAvailable = 0x04;

    private readonly Lock _gate = new();
    private readonly Queue<string> _errors = new();
    private readonly Random _noise;
    private byte _statusByte;
    private int _triggers;

    /// <summary>Creates the instrument; <paramref name="serialNumber"/> appears in <c>*IDN?</c>.</summary>
    public DemoInstrument(string serialNumber = "0", int seed = 1)
    {
        SerialNumber = serialNumber;
        _noise = new Random(seed);
    }

    /// <summary>The largest block <c>DATA? n</c> builds (default 64 MiB); a larger n queues error -223 and gets no reply.</summary>
    public int MaxReplyBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>How many errors the queue holds (default 32, at least 2); when full, the last entry becomes -350 and newer errors are dropped.</summary>
    public int MaxErrorQueueLength { get; init; } = 32;

    /// <summary>The longest error queue entry in characters (default 255, the SCPI limit); longer ones are cut, ending in "...".</summary>
    public int MaxErrorTextLength { get; init; } = 255;

    /// <summary>The serial number field of <c>*IDN?</c>.</summary>
    public string SerialNumber { get; }

    /// <summary>The reply to <c>*IDN?</c>.</summary>
    public string Identity => $"OpenVisa,Demo Instrument,{SerialNumber},{typeof(DemoInstrument).Assembly.GetName().Version}";

    /// <inheritdoc/>
    public event EventHandler<byte>? ServiceRequested;

    /// <inheritdoc/>
    public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        var text = Encoding.Latin1.GetString(message.Span).Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var header = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var argument = space < 0 ? "" : text[(space + 1)..].Trim();
        switch (header)
        {
            case "*IDN?":
                return Reply(reply, Identity);
            case "*RST":
            case "*CLS":
                lock (_gate)
                {
                    _errors.Clear();
                    _statusByte = 0;
                    if (header == "*RST")
                        _triggers = 0;
                }
                return ValueTask.FromResult(false);
            case "*OPC?":
                return Reply(reply, "1");
            case "*ESR?":
                return Reply(reply, "0");
            case "*STB?":
                return Reply(reply, ReadAndClearStatus().ToString(CultureInfo.InvariantCulture));
            case "*TRG":
                Interlocked.Increment(ref _triggers);
                return ValueTask.FromResult(false);
            case "TRIG:COUN?":
                return Reply(reply, Volatile.Read(ref _triggers).ToString(CultureInfo.InvariantCulture));
            case "MEAS:VOLT?":
            case "MEASURE:VOLTAGE?":
                double value;
                lock (_gate)
                    value = 1.0 + ((_noise.NextDouble() - 0.5) * 0.01);
                return Reply(reply, value.ToString("E6", CultureInfo.InvariantCulture));
            case "DATA?" when long.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var length):
                if (length > MaxReplyBytes)
                {
                    QueueError(-223, $"Too much data;DATA? {length} asks for more than {MaxReplyBytes} bytes, the most a reply may have");
                    return ValueTask.FromResult(false);
                }
                WriteBlock(reply, (int)length);
                return ValueTask.FromResult(true);
            case "DATA?":
                QueueError(-224, $"Illegal parameter value;DATA? takes a byte count from 0 to {MaxReplyBytes}, not \"{argument}\"");
                return ValueTask.FromResult(false);
            case "ECHO?":
                return Reply(reply, argument);
            case "SRQ":
                byte status;
                lock (_gate)
                    status = _statusByte |= RequestService;
                ServiceRequested?.Invoke(this, status);
                return ValueTask.FromResult(false);
            case "SYST:ERR?":
            case "SYSTEM:ERROR?":
                lock (_gate)
                {
                    var error = _errors.Count > 0 ? _errors.Dequeue() : "0,\"No error\"";
                    if (_errors.Count == 0)
                        _statusByte = (byte)(_statusByte & ~ErrorAvailable);
                    return Reply(reply, error);
                }
            default:
                QueueError(-113, "Undefined header;" + text);
                return ValueTask.FromResult(false);
        }
    }

    /// <inheritdoc/>
    public ValueTask ClearAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc/>
    public ValueTask TriggerAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _triggers);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<byte> ReadStatusByteAsync(CancellationToken cancellationToken) => ValueTask.FromResult(ReadAndClearStatus());

    /// <summary>
    /// Queues an error as SCPI bounds it: the text cut to <see cref="MaxErrorTextLength"/>, and when the queue is one
    /// short of full the entry becomes -350 (queue overflow), after which errors are dropped until the queue is read.
    /// </summary>
    private void QueueError(int code, string description)
    {
        var maxText = Math.Max(MaxErrorTextLength, 32);
        var entry = $"{code},\"{description.Replace('"', '\'')}\"";
        if (entry.Length > maxText)
            entry = entry[..(maxText - 4)] + "...\"";
        lock (_gate)
        {
            var capacity = Math.Max(MaxErrorQueueLength, 2);
            if (_errors.Count < capacity - 1)
                _errors.Enqueue(entry);
            else if (_errors.Count == capacity - 1)
                _errors.Enqueue("-350,\"Queue overflow\"");
            _statusByte |= ErrorAvailable;
        }
    }

    /// <summary>Reading the status byte clears the request-service bit, as a serial poll does.</summary>
    private byte ReadAndClearStatus()
    {
        lock (_gate)
        {
            var status = _statusByte;
            _statusByte = (byte)(_statusByte & ~RequestService);
            return status;
        }
    }

    private static ValueTask<bool> Reply(IBufferWriter<byte> reply, string text)
    {
        var count = Encoding.Latin1.GetByteCount(text);
        Encoding.Latin1.GetBytes(text, reply.GetSpan(count));
        reply.Advance(count);
        return ValueTask.FromResult(true);
    }

    private static readonly byte[] Period = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];

    private static void WriteBlock(IBufferWriter<byte> reply, int length)
    {
        var digits = length.ToString(CultureInfo.InvariantCulture);
        var header = $"#{digits.Length}{digits}";
        Encoding.ASCII.GetBytes(header, reply.GetSpan(header.Length));
        reply.Advance(header.Length);
        // Byte i is i mod 256: filled by copying one 256-byte period, so a 16 MiB block costs memory bandwidth only.
        var remaining = length;
        while (remaining > 0)
        {
            var span = reply.GetSpan(Math.Min(remaining, 1 << 20));
            var count = Math.Min(span.Length, remaining);
            var offset = length - remaining;
            var i = 0;
            while (i < count)
            {
                var phase = (offset + i) & 0xFF;
                var piece = Math.Min(count - i, Period.Length - phase);
                Period.AsSpan(phase, piece).CopyTo(span[i..]);
                i += piece;
            }
            reply.Advance(count);
            remaining -= count;
        }
    }
}
