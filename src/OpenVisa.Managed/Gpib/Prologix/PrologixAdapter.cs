using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Managed.Gpib.Prologix;

/// <summary>
/// One Prologix GPIB-ETHERNET or GPIB-USB adapter, shared by every session to a device behind it: its I/O is
/// serialized (one command sequence at a time), and it remembers the address, EOI and read-timeout settings it last
/// sent so a query to the same device costs one data line and one <c>++read eoi</c>.
/// </summary>
/// <remarks>
/// <para>Set up as a controller that does not read by itself: <c>++savecfg 0</c> (so settings are not written to its
/// EEPROM each time), <c>++mode 1</c>, <c>++auto 0</c>, <c>++eos 3</c> (data goes out as given; the write termination is
/// part of it), <c>++eot_enable 0</c>.</para>
/// <para>A read sends <c>++read eoi</c> and receives what the adapter forwards. The adapter does not pass EOI on, so a
/// read ends at the termination character (which the session watches unless END is suppressed), at the requested
/// count, or at the timeout. A message read in parts (a binary block by count) stays "in progress"
/// until its termination character arrives, and no second <c>++read</c> is sent for it.</para>
/// </remarks>
internal sealed class PrologixAdapter : IDisposable
{
    private const int ReceiveBufferSize = 64 * 1024;

    /// <summary>The adapter's own read timeout (<c>++read_tmo_ms</c>) is 1 to 3000 ms: the longest wait between characters.</summary>
    private const int MaxAdapterReadTimeoutMs = 3000;

    private readonly IPrologixLink _link;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _pending = new byte[ReceiveBufferSize];
    private int _pendingStart;
    private int _pendingEnd;
    private GpibAddress? _address;
    private bool? _eoi;
    private int _adapterReadTimeout;
    private GpibAddress? _readingFrom;
    private string? _lostReason;

    public PrologixAdapter(IPrologixLink link, PrologixEndpoint endpoint)
    {
        _link = link;
        Endpoint = endpoint;
    }

    /// <summary>Where the adapter is.</summary>
    public PrologixEndpoint Endpoint { get; }

    /// <summary><c>host:port</c> or the serial device, for messages.</summary>
    public string Display => _link.Display;

    /// <summary>Sends the controller setup; called once, when the adapter is first opened.</summary>
    public void Initialize(string resourceName) =>
        Run(resourceName, "Open", () => SendLine("++savecfg 0\n++mode 1\n++auto 0\n++eos 3\n++eot_enable 0\n++ifc\n"));

    /// <summary>Writes <paramref name="data"/> to the device at <paramref name="address"/>, with EOI on its last byte when <paramref name="eoi"/>.</summary>
    public void Write(GpibAddress address, ReadOnlySpan<byte> data, bool eoi, string resourceName)
    {
        var escaped = ArrayPool<byte>.Shared.Rent(PrologixEscaping.EscapedLength(data) + 1);
        try
        {
            var length = PrologixEscaping.EscapeInto(data, escaped);
            escaped[length++] = (byte)'\n';
            var line = escaped.AsMemory(0, length);
            Run(resourceName, "Write", () =>
            {
                AbandonMessage();
                Address(address);
                if (_eoi != eoi)
                {
                    SendLine(eoi ? "++eoi 1\n" : "++eoi 0\n");
                    _eoi = eoi;
                }
                _link.Send(line.Span);
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(escaped);
        }
    }

    /// <summary>Reads from the device at <paramref name="address"/>, as the class remarks say.</summary>
    public ReadResult Read(GpibAddress address, Span<byte> buffer, bool termEnabled, byte term, uint timeoutMs, string resourceName)
    {
        if (buffer.IsEmpty)
            return new ReadResult(0, StatusCode.SuccessMaxCountRead);
        var total = 0;
        _gate.Wait();
        try
        {
            ThrowIfLost(resourceName, "Read");
            if (_readingFrom != address)
            {
                AbandonMessage();
                Address(address);
                var adapterTimeout = (int)Math.Clamp(timeoutMs, 1, MaxAdapterReadTimeoutMs);
                if (_adapterReadTimeout != adapterTimeout)
                {
                    SendLine($"++read_tmo_ms {adapterTimeout.ToString(CultureInfo.InvariantCulture)}\n");
                    _adapterReadTimeout = adapterTimeout;
                }
                SendLine("++read eoi\n");
                _readingFrom = address;
            }
            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                if (_pendingEnd > _pendingStart)
                {
                    var available = _pending.AsSpan(_pendingStart, Math.Min(_pendingEnd - _pendingStart, buffer.Length - total));
                    var stop = termEnabled ? available.IndexOf(term) : -1;
                    var take = stop >= 0 ? stop + 1 : available.Length;
                    available[..take].CopyTo(buffer[total..]);
                    total += take;
                    _pendingStart += take;
                    if (stop >= 0)
                    {
                        // The message is complete when nothing came after its termination; bytes after it (a 0x0A inside a
                        // binary block) mean the adapter is still forwarding it, so no new ++read goes out for the rest.
                        if (_pendingStart == _pendingEnd)
                            _readingFrom = null;
                        return new ReadResult(total, StatusCode.SuccessTerminationCharacterRead);
                    }
                    if (total == buffer.Length)
                        return new ReadResult(total, StatusCode.SuccessMaxCountRead);
                }
                var wait = timeoutMs == VisaTimeout.InfiniteValue ? -1 : (int)Math.Max(0, timeoutMs - (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (wait == 0)
                {
                    _readingFrom = null;
                    throw new VisaException(StatusCode.ErrorTimeout,
                        $"The device at GPIB address {address} behind the Prologix adapter {Display} did not finish its reply within {timeoutMs} ms: " +
                        ReadDiagnostics.Timeout(timeoutMs, termEnabled, term, buffer.Length, buffer[..total]) +
                        " (the adapter does not pass EOI on, so reads end at the termination character)", "Read", resourceName);
                }
                var count = _link.Receive(_pending, wait);
                _pendingStart = 0;
                _pendingEnd = count;
            }
        }
        catch (IOException e)
        {
            throw Lost(resourceName, "Read", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends an addressed command (<c>++clr</c>, <c>++trg</c>, <c>++loc</c>, <c>++llo</c>) to the device at <paramref name="address"/>.</summary>
    public void Command(GpibAddress address, string command, string resourceName, string operation) =>
        Run(resourceName, operation, () =>
        {
            AbandonMessage();
            Address(address);
            SendLine(command + "\n");
        });

    /// <summary>A bus-wide command (<c>++ifc</c>), no address.</summary>
    public void BusCommand(string command, string resourceName, string operation) =>
        Run(resourceName, operation, () =>
        {
            AbandonMessage();
            SendLine(command + "\n");
        });

    /// <summary>Serial-polls the device at <paramref name="address"/> (<c>++spoll</c>) and returns its status byte.</summary>
    public byte SerialPoll(GpibAddress address, uint timeoutMs, string resourceName)
    {
        byte result = 0;
        Run(resourceName, "ReadStb", () =>
        {
            AbandonMessage();
            SendLine(address.Secondary is { } s
                ? $"++spoll {address.Primary.ToString(CultureInfo.InvariantCulture)} {(s + 96).ToString(CultureInfo.InvariantCulture)}\n"
                : $"++spoll {address.Primary.ToString(CultureInfo.InvariantCulture)}\n");
            var line = ReadLine(timeoutMs, resourceName, "ReadStb", $"the serial poll of GPIB address {address}");
            result = byte.TryParse(line.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new VisaException(StatusCode.ErrorIO,
                    $"The Prologix adapter {Display} answered the serial poll of GPIB address {address} with \"{line.Trim()}\", not a status byte.", "ReadStb", resourceName);
        });
        return result;
    }

    /// <summary>Sends a raw line to the adapter (a <c>PRLGX</c> INTFC session writing <c>++</c> commands itself).</summary>
    public void SendRaw(ReadOnlySpan<byte> data, string resourceName)
    {
        var copy = data.ToArray();
        Run(resourceName, "Write", () =>
        {
            AbandonMessage();
            _address = null; // the user may have changed anything
            _eoi = null;
            _adapterReadTimeout = 0;
            _link.Send(copy);
        });
    }

    /// <summary>Reads one line the adapter sends (a <c>PRLGX</c> INTFC session, <c>++ver</c>).</summary>
    public string ReadRawLine(uint timeoutMs, string resourceName)
    {
        var line = "";
        Run(resourceName, "Read", () => line = ReadLine(timeoutMs, resourceName, "Read", "the adapter's reply"));
        return line;
    }

    public void Dispose()
    {
        _link.Dispose();
        _gate.Dispose();
    }

    private string ReadLine(uint timeoutMs, string resourceName, string operation, string what)
    {
        var started = Stopwatch.GetTimestamp();
        var line = new StringBuilder();
        while (true)
        {
            while (_pendingEnd > _pendingStart)
            {
                var b = _pending[_pendingStart++];
                if (b == (byte)'\n')
                    return line.ToString().TrimEnd('\r');
                line.Append((char)b);
            }
            var wait = timeoutMs == VisaTimeout.InfiniteValue ? -1 : (int)Math.Max(0, timeoutMs - (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (wait == 0)
            {
                throw new VisaException(StatusCode.ErrorTimeout,
                    $"The Prologix adapter {Display} did not send {what} within {timeoutMs} ms" + (line.Length > 0 ? $" (got \"{line}\")" : "") + ".", operation, resourceName);
            }
            _pendingStart = 0;
            _pendingEnd = _link.Receive(_pending, wait);
        }
    }

    private void Run(string resourceName, string operation, Action action)
    {
        _gate.Wait();
        try
        {
            ThrowIfLost(resourceName, operation);
            action();
        }
        catch (IOException e)
        {
            throw Lost(resourceName, operation, e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Address(GpibAddress address)
    {
        if (_address == address)
            return;
        SendLine(address.Secondary is { } s
            ? $"++addr {address.Primary.ToString(CultureInfo.InvariantCulture)} {(s + 96).ToString(CultureInfo.InvariantCulture)}\n"
            : $"++addr {address.Primary.ToString(CultureInfo.InvariantCulture)}\n");
        _address = address;
    }

    /// <summary>Forgets the rest of a message a caller stopped reading: what has arrived is dropped, the rest is left to time out at the adapter.</summary>
    private void AbandonMessage()
    {
        var inProgress = _readingFrom is not null;
        _readingFrom = null;
        _pendingStart = _pendingEnd = 0;
        if (!inProgress)
            return; // the last reply ended with its termination: nothing is on its way
        Span<byte> scratch = stackalloc byte[4096];
        // Drop only what has already arrived, without waiting.
        while (_link.Receive(scratch, 0) is var count && count > 0)
        {
        }
    }

    private void SendLine(string line) => _link.Send(Encoding.ASCII.GetBytes(line));

    private void ThrowIfLost(string resourceName, string operation)
    {
        if (_lostReason is { } reason)
        {
            throw new VisaException(StatusCode.ErrorConnectionLost,
                $"The Prologix adapter {Display} was lost earlier ({reason}); close the resources that use it and open them again.", operation, resourceName);
        }
    }

    private VisaException Lost(string resourceName, string operation, IOException e)
    {
        _lostReason = e.Message;
        return new VisaException(StatusCode.ErrorConnectionLost,
            $"The connection to the Prologix adapter {Display} was lost during {operation} ({e.Message}). Close the resource and open it again.", operation, resourceName, e);
    }
}
