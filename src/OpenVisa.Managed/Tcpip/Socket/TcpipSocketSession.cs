using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OpenVisa.Managed.Sessions;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Tcpip.Socket;

/// <summary>
/// A <c>TCPIP::host::port::SOCKET</c> session: a raw TCP stream with VISA read semantics on top.
/// </summary>
/// <remarks>
/// <para>A read stops after the termination character when <c>VI_ATTR_TERMCHAR_EN</c> is set
/// (<see cref="StatusCode.SuccessTerminationCharacterRead"/>; bytes that came after it stay in a pending buffer for the
/// next read), or when the caller's buffer is full (<see cref="StatusCode.SuccessMaxCountRead"/>).</para>
/// <para>A stream has no END. As in NI-VISA and pyvisa-py, <c>VI_ATTR_SUPPRESS_END_EN</c> is true by default, so without
/// a termination character a read waits for the count or the timeout. With suppress-END off, "END" means "the peer's
/// data ran out": a read returns <see cref="StatusCode.Success"/> as soon as it has consumed everything that had arrived.</para>
/// <para><c>Clear</c> discards the pending buffer and drains what is readable without waiting. With
/// <c>VI_ATTR_IO_PROT</c> = 4 (IEEE 488.2 strings) <c>AssertTrigger</c> sends <c>*TRG\n</c> and <c>ReadStb</c> queries
/// <c>*STB?\n</c>, as NI-VISA documents; with the default protocol both are
/// <see cref="StatusCode.ErrorNonsupportedOperation"/> (a raw socket has no trigger line or status byte). With 488.2
/// strings <c>Clear</c> also sends <c>*CLS\n</c>: our choice, the nearest a raw socket has to a device clear.</para>
/// <para>Sync calls are blocking socket calls bounded by <c>SO_RCVTIMEO</c>/<c>SO_SNDTIMEO</c> (set only when the
/// value changes); async calls are socket async calls cancelled by the timeout or the caller's token. Both work on one
/// session, but on Linux and macOS the first async call makes .NET switch the socket to non-blocking for good, after
/// which sync calls go through its async engine and cost more CPU: pick one style per session when speed matters.</para>
/// </remarks>
internal sealed partial class TcpipSocketSession : ManagedSession
{
    /// <summary><c>VI_PROT_NORMAL</c>.</summary>
    public const ushort ProtocolNormal = 1;

    /// <summary><c>VI_PROT_4882_STRS</c>: the device understands <c>*TRG</c>, <c>*STB?</c> and <c>*CLS</c>.</summary>
    public const ushort Protocol4882Strings = 4;

    private readonly Sock _socket;
    private readonly TcpipSocketAddress _address;
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly OperationDeadline _readDeadline = new();
    private readonly OperationDeadline _writeDeadline = new();
    private string? _lostReason;

    private TcpipSocketSession(SessionOpening opening, TcpipSocketAddress address, Sock socket)
        : base(opening, InitialAttributes(address, socket))
    {
        _address = address;
        _socket = socket;
    }

    /// <inheritdoc/>
    public override string InterfaceDescription => "TCPIP SOCKET";

    /// <summary>Where the session is connected, <c>host:port</c>.</summary>
    public string Endpoint => _address.Display;

    /// <summary>Connects to the host and port the resource name gives, within the open timeout.</summary>
    public static TcpipSocketSession Open(SessionOpening opening)
    {
        var address = TcpipSocketAddress.From(opening.Name);
        var socket = SocketConnector.Connect(address, opening.OpenTimeout, opening.Library.HostResolver, opening.ResourceName);
        try
        {
            return new TcpipSocketSession(opening, address, socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // ---- trigger, status byte, clear -----------------------------------------------------------------

    /// <inheritdoc/>
    public override void AssertTrigger(TriggerProtocol protocol)
    {
        if (protocol != TriggerProtocol.Default)
            throw new VisaException(StatusCode.ErrorInvalidProtocol, $"SOCKET sessions trigger only with TriggerProtocol.Default, not {protocol}.", "AssertTrigger", ResourceName);
        Require4882Strings("AssertTrigger", "*TRG");
        Write("*TRG\n"u8);
    }

    /// <inheritdoc/>
    public override byte ReadStb()
    {
        Require4882Strings("ReadStb", "*STB?");
        Write("*STB?\n"u8);
        Span<byte> reply = stackalloc byte[64];
        ReadResult result;
        _readGate.Wait();
        try
        {
            result = ReadLocked(reply, termEnabled: true, (byte)'\n', suppressEnd: true, "ReadStb");
        }
        finally
        {
            _readGate.Release();
        }
        return ParseStatusByte(reply[..result.Count]);
    }

    /// <inheritdoc/>
    public override async ValueTask<byte> ReadStbAsync(CancellationToken cancellationToken)
    {
        Require4882Strings("ReadStb", "*STB?");
        await WriteAsync("*STB?\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        var reply = new byte[64];
        ReadResult result;
        await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            result = await ReadLockedAsync(reply, termEnabled: true, (byte)'\n', suppressEnd: true, "ReadStb", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _readGate.Release();
        }
        return ParseStatusByte(reply.AsSpan(0, result.Count));
    }

    /// <inheritdoc/>
    public override void Clear()
    {
        _readGate.Wait();
        try
        {
            ThrowIfLost("Clear");
            DiscardPending();
            DrainReadable("Clear");
        }
        finally
        {
            _readGate.Release();
        }
        if (Uses4882Strings)
            Write("*CLS\n"u8);
    }

    /// <inheritdoc/>
    public override async ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfLost("Clear");
            DiscardPending();
            DrainReadable("Clear");
        }
        finally
        {
            _readGate.Release();
        }
        if (Uses4882Strings)
            await WriteAsync("*CLS\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override void Flush(BufferOperation mask)
    {
        const BufferOperation Known = BufferOperation.ReadBuffer | BufferOperation.WriteBuffer | BufferOperation.DiscardReadBuffer |
            BufferOperation.DiscardWriteBuffer | BufferOperation.IOInputBuffer | BufferOperation.IOOutputBuffer |
            BufferOperation.DiscardIOInputBuffer | BufferOperation.DiscardIOOutputBuffer;
        if (mask == 0 || (mask & ~Known) != 0)
            throw new VisaException(StatusCode.ErrorInvalidMask, $"{mask} is not a flush mask (VI_READ_BUF, VI_IO_IN_BUF_DISCARD …).", "Flush", ResourceName);
        if ((mask & (BufferOperation.ReadBuffer | BufferOperation.IOInputBuffer | BufferOperation.DiscardReadBuffer | BufferOperation.DiscardIOInputBuffer)) == 0)
            return; // Writes are never buffered here, so the write-side flags have nothing to do.
        _readGate.Wait();
        try
        {
            DiscardPending();
            // The non-discard forms read "up to END"; a stream has none, so they drain what has arrived.
            if ((mask & (BufferOperation.ReadBuffer | BufferOperation.IOInputBuffer)) != 0 && _lostReason is null)
                DrainReadable("Flush");
        }
        finally
        {
            _readGate.Release();
        }
    }

    private void Require4882Strings(string operation, string command)
    {
        if (!Uses4882Strings)
        {
            throw Unsupported(operation,
                $"A raw socket has no {(operation == "ReadStb" ? "status byte" : "trigger")} of its own. If the instrument understands IEEE 488.2 commands, " +
                $"set VI_ATTR_IO_PROT to 4 (VI_PROT_4882_STRS) and {operation} sends \"{command}\\n\"; or write \"{command}\" yourself.");
        }
    }

    private byte ParseStatusByte(ReadOnlySpan<byte> reply)
    {
        var text = System.Text.Encoding.ASCII.GetString(reply).Trim();
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 255)
            return (byte)value;
        throw new VisaException(StatusCode.ErrorIO,
            $"The reply to *STB? was \"{ReadDiagnostics.Preview(reply)}\", not a status byte (a number from 0 to 255).", "ReadStb", ResourceName);
    }

    // ---- attributes -------------------------------------------------------------------------------------

    private bool Uses4882Strings => Attributes.Get<ushort>(VisaAttribute.IOProtocol) == Protocol4882Strings;

    /// <summary>
    /// What a SOCKET session starts with: no END on a stream, so suppress-END is on (as in NI-VISA and pyvisa-py), and
    /// the address, host and port it connected to.
    /// </summary>
    private static KeyValuePair<VisaAttribute, object>[] InitialAttributes(TcpipSocketAddress address, Sock socket) =>
    [
        new(VisaAttribute.SuppressEndEnabled, true),
        new(VisaAttribute.TcpipAddress, ((IPEndPoint)socket.RemoteEndPoint!).Address.ToString()),
        new(VisaAttribute.TcpipHostname, address.Host),
        new(VisaAttribute.TcpipPort, address.Port),
        new(VisaAttribute.TcpipNoDelay, socket.NoDelay),
    ];

    /// <inheritdoc/>
    protected override StatusCode OnSetAttribute(VisaAttribute attribute, object value)
    {
        switch (attribute)
        {
            case VisaAttribute.TcpipNoDelay:
            {
                var noDelay = (bool)Attributes.Validate(attribute, value);
                _socket.NoDelay = noDelay;
                Attributes.SetInternal(attribute, noDelay);
                return StatusCode.Success;
            }
            case VisaAttribute.TcpipKeepAlive:
            {
                var keepAlive = (bool)Attributes.Validate(attribute, value);
                _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, keepAlive);
                Attributes.SetInternal(attribute, keepAlive);
                return StatusCode.Success;
            }
            case VisaAttribute.IOProtocol:
            {
                var protocol = (ushort)Attributes.Validate(attribute, value);
                if (protocol is not (ProtocolNormal or Protocol4882Strings))
                {
                    throw new VisaException(StatusCode.ErrorNonsupportedAttributeState,
                        $"IO_PROT {protocol} has no meaning on a raw socket: use 1 (normal) or 4 (IEEE 488.2 strings).", "SetAttribute", ResourceName);
                }
                Attributes.SetInternal(attribute, protocol);
                return StatusCode.Success;
            }
            default:
                return base.OnSetAttribute(attribute, value);
        }
    }

    // ---- connection state and errors --------------------------------------------------------------------

    /// <inheritdoc/>
    protected override void Close()
    {
        _socket.Dispose();
        _readDeadline.Dispose();
        _writeDeadline.Dispose();
    }

    private void ThrowIfLost(string operation)
    {
        if (IsDisposed)
            throw ClosedMeanwhile(operation);
        if (_lostReason is { } reason)
        {
            throw new VisaException(StatusCode.ErrorConnectionLost,
                $"The connection to {Endpoint} was lost earlier ({reason}); close the resource and open it again.", operation, ResourceName);
        }
    }

    private VisaException ClosedMeanwhile(string operation) =>
        new(StatusCode.ErrorInvalidObject, $"The session to {Endpoint} was closed while {operation} was using it.", operation, ResourceName);

    /// <summary>The peer closed the stream: remembered, so later calls fail at once with the same cause.</summary>
    private VisaException PeerClosed(string operation, ReadOnlySpan<byte> received)
    {
        _lostReason = "the instrument closed it";
        var when = received.IsEmpty
            ? "before any byte of the reply arrived"
            : $"after {ReadDiagnostics.Arrived(received)}, so the message was cut short";
        return new VisaException(StatusCode.ErrorConnectionLost,
            $"The instrument at {Endpoint} closed the connection {when}. Close the resource and open it again.", operation, ResourceName);
    }

    /// <summary>A socket error during an operation, in VISA terms.</summary>
    private VisaException SocketFailure(string operation, SocketError error, int transferred)
    {
        if (IsDisposed)
            return ClosedMeanwhile(operation);
        var done = operation == "Write" ? $"{transferred} bytes had been sent" : $"{transferred} bytes had arrived";
        if (error is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.NotConnected
            or SocketError.HostUnreachable or SocketError.NetworkReset or SocketError.NetworkDown or SocketError.NetworkUnreachable)
        {
            _lostReason = $"{error}";
            return new VisaException(StatusCode.ErrorConnectionLost,
                $"The connection to {Endpoint} was lost during {operation} ({error}; {done}). Close the resource and open it again.", operation, ResourceName);
        }
        return new VisaException(StatusCode.ErrorIO, $"{operation} on {Endpoint} failed: {error} ({done}).", operation, ResourceName);
    }

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
