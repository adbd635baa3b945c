using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Managed.Serial;

/// <summary>
/// Serves an <see cref="IMessageDevice"/> on a serial device as an RS-232 instrument does: messages end with the
/// termination (<c>\n</c>), each reply goes back with it. Point it at one end of a <c>socat</c> pty pair, or at a
/// USB-serial adapter wired to another computer, and serial clients (pyvisa-py, OpenVisa, a terminal) talk to it.
/// </summary>
/// <remarks>
/// One thread reads the port, blocking; a serial line has one peer, so there is nothing to multiplex. Definite-length
/// blocks in commands (<c>#…</c>) arrive whole, as on the SOCKET server. The device is called under its
/// <see cref="MessageDeviceLock"/>, so the same device can be served over the LAN at the same time.
/// </remarks>
public sealed class SerialInstrumentServer : IAsyncDisposable
{
    private const int ReceiveChunk = 16 * 1024;

    private readonly IMessageDevice _device;
    private readonly SerialServerOptions _options;
    private readonly byte[] _termination;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private System.IO.Ports.SerialPort? _port;
    private ServedClient? _client;
    private int _stopped;

    /// <summary>Creates a server for <paramref name="device"/> on <paramref name="path"/>; nothing opens until <see cref="Start"/>.</summary>
    public SerialInstrumentServer(string path, IMessageDevice device, SerialServerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(device);
        Path = path;
        _device = device;
        _options = options ?? new SerialServerOptions();
        if (string.IsNullOrEmpty(_options.Termination) || _options.Termination.Any(c => c > 0xFF))
            throw new ArgumentException($"The termination \"{_options.Termination}\" must be one or more characters from U+0000 to U+00FF, e.g. \"\\n\".", nameof(options));
        _termination = Encoding.Latin1.GetBytes(_options.Termination);
    }

    /// <summary>The serial device served, e.g. <c>/dev/ttyUSB0</c> or one end of a pty pair.</summary>
    public string Path { get; }

    /// <summary>The name a client on the other end of the line opens, e.g. <c>ASRL/dev/pts/4::INSTR</c>, when it sees the same path.</summary>
    public string ResourceName => SerialDevicePath.ResourceNameFor(Path, OperatingSystem.IsWindows());

    /// <summary>Completes when the server has stopped reading (stopped, or the port went away).</summary>
    public Task Completion => _completion.Task;

    /// <summary>Opens the port and starts answering.</summary>
    /// <exception cref="VisaException">The port does not exist, is busy, or may not be opened (the message says which).</exception>
    public void Start()
    {
        if (_port is not null)
            throw new InvalidOperationException("The serial server has already started.");
        _port = SerialPortOpener.Open(Path, ResourceName, "Serve");
        try
        {
            _port.BaudRate = _options.BaudRate;
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            Close();
            throw new VisaException(StatusCode.ErrorNonsupportedAttributeState, $"The serial port {Path} refused {_options.BaudRate} baud: {e.Message}", "Serve", ResourceName, e);
        }
        _options.Logger.LogInformation("Serving on the serial port {Path}", Path);
        new Thread(Run) { IsBackground = true, Name = "Serial " + Path }.Start();
    }

    /// <summary>Stops answering and closes the port.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        Close();
        if (_port is not null)
            await _completion.Task.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void Close()
    {
        try
        {
            _port?.Dispose();
        }
        catch (IOException)
        {
            // A port that already went away cannot be closed cleanly; its handle is released all the same.
        }
        SerialPortOpener.Release(Path);
    }

    private void Run()
    {
        var framer = new MessageFramer(_termination);
        using var reply = new PooledBufferWriter();
        var deviceLock = MessageDeviceLock.For(_device);
        var stream = _port!.BaseStream;
        var stopping = _stopping.Token;
        if (_options.Clients is { } clients)
        {
            _client = new ServedClient("Serial", Path, _device);
            clients.Attached(_client);
        }
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = stream.Read(framer.GetReceiveMemory(ReceiveChunk).Span);
                }
                catch (TimeoutException)
                {
                    continue;
                }
                if (received == 0)
                    continue;
                framer.Advance(received);
                while (framer.TryReadMessage(out var message))
                    Handle(message, reply, deviceLock, stream, stopping);
                if (framer.BufferedLength > _options.MaxMessageLength)
                {
                    _options.Logger.LogWarning("The serial client on {Path} sent {Length} bytes without a termination (limit {Limit}); dropping them",
                        Path, framer.BufferedLength, _options.MaxMessageLength);
                    framer = new MessageFramer(_termination);
                }
            }
        }
        catch (Exception e) when (stopping.IsCancellationRequested && e is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // Stopping closed the port under the read.
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            _options.Logger.LogError(e, "The serial port {Path} went away; the server stops serving it", Path);
        }
        finally
        {
            if (_client is not null)
                _options.Clients?.Detached(_client);
            _completion.TrySetResult();
        }
    }

    private void Handle(ReadOnlyMemory<byte> message, PooledBufferWriter reply, SemaphoreSlim deviceLock, Stream stream, CancellationToken stopping)
    {
        reply.Reset();
        bool hasReply;
        deviceLock.Wait(stopping);
        try
        {
            using (ServedClient.Calling(_client))
                hasReply = ConnectionThread.Complete(_device.HandleMessageAsync(message, reply, stopping));
        }
        catch (MessageDeviceDisconnectException e)
        {
            // A serial line cannot be hung up: send what the device wrote, without the termination, as a cut-off reply.
            _options.Logger.LogInformation("Device cut a reply on the serial port {Path}: {Reason}", Path, e.Message);
            stream.Write(reply.WrittenMemory.Span);
            return;
        }
        catch (Exception e) when (!stopping.IsCancellationRequested && e is not (IOException or ObjectDisposedException))
        {
            // No reply tells the client at its timeout; the line stays usable for the next message.
            _options.Logger.LogError(e, "Device failed on a message from the serial port {Path} ({Message}); no reply sent",
                Path, ReadDiagnostics.Preview(message.Span));
            return;
        }
        finally
        {
            deviceLock.Release();
        }
        if (!hasReply)
            return;
        reply.Write(_termination);
        stream.Write(reply.WrittenMemory.Span);
    }
}
