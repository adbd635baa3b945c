using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Socket;
using Sock = System.Net.Sockets.Socket;

namespace OpenVisa.Managed.Gpib.Prologix;

/// <summary>One client of a <see cref="PrologixAdapterServer"/>: its line parser, its adapter settings and the replies waiting per address.</summary>
/// <remarks>A thread per connection doing blocking I/O, as the SOCKET server does: an adapter has one or two clients.</remarks>
internal sealed class PrologixServerConnection(Sock socket, IReadOnlyDictionary<int, IMessageDevice> devices, PrologixServerOptions options)
{
    private const int ReceiveChunk = 16 * 1024;

    private readonly string _peer = socket.RemoteEndPoint?.ToString() ?? "?";
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<int, byte[]> _replies = [];
    private readonly PooledBufferWriter _reply = new();
    private readonly Dictionary<int, ServedClient> _attached = [];
    private byte[] _line = new byte[4096];
    private int _lineLength;
    private bool _escaped;
    private int _address = 1;
    private bool _auto;
    private int _eoi = 1;
    private int _eos;
    private int _eotEnable;
    private int _eotChar;
    private int _readTimeout = 500;

    public Task Completion => _completion.Task;

    private ILogger Logger => options.Logger;

    public void Start(CancellationToken stopping, Action<PrologixServerConnection> closed) =>
        new Thread(() => Run(stopping, closed)) { IsBackground = true, Name = "Prologix " + _peer }.Start();

    public void Abort() => socket.Dispose();

    private void Run(CancellationToken stopping, Action<PrologixServerConnection> closed)
    {
        var buffer = new byte[ReceiveChunk];
        try
        {
            using var stop = stopping.Register(Abort);
            while (true)
            {
                var received = socket.Receive(buffer);
                if (received == 0)
                    return;
                if (!Consume(buffer.AsSpan(0, received), stopping))
                    return;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Logger.LogDebug("Prologix client {Peer} went away", _peer);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Prologix client {Peer}: the connection failed; closing it", _peer);
        }
        finally
        {
            socket.Dispose();
            _reply.Dispose();
            foreach (var client in _attached.Values)
                options.Clients?.Detached(client);
            closed(this);
            _completion.TrySetResult();
        }
    }

    /// <summary>Splits received bytes into lines at unescaped CR or LF; false when the connection must close.</summary>
    private bool Consume(ReadOnlySpan<byte> data, CancellationToken stopping)
    {
        foreach (var b in data)
        {
            if (_escaped)
            {
                _escaped = false;
                Append(b);
                continue;
            }
            switch (b)
            {
                case PrologixEscaping.Escape:
                    _escaped = true;
                    // The ESC is kept, so a line that starts with an escaped '+' is told from a command.
                    Append(b);
                    break;
                case (byte)'\n' or (byte)'\r':
                    if (_lineLength > 0)
                        Line(_line.AsSpan(0, _lineLength), stopping);
                    _lineLength = 0;
                    break;
                default:
                    Append(b);
                    break;
            }
            if (_lineLength > options.MaxLineLength)
            {
                Logger.LogWarning("Prologix client {Peer} sent {Length} bytes without an end of line; dropping the connection", _peer, _lineLength);
                return false;
            }
        }
        return true;
    }

    private void Append(byte b)
    {
        if (_lineLength == _line.Length)
            Array.Resize(ref _line, _line.Length * 2);
        _line[_lineLength++] = b;
    }

    private void Line(Span<byte> line, CancellationToken stopping)
    {
        if (line.Length >= 2 && line[0] == (byte)'+' && line[1] == (byte)'+')
        {
            Command(Encoding.ASCII.GetString(line[2..]).Trim(), stopping);
            return;
        }
        var length = PrologixEscaping.UnescapeInPlace(line);
        var message = line[..length];
        // The instrument's own termination (LF, or CR LF) ends the message; the device is handed the message without it.
        if (message.EndsWith("\n"u8))
            message = message[..^1];
        if (message.EndsWith("\r"u8))
            message = message[..^1];
        Send(message.ToArray(), stopping);
    }

    /// <summary>Hands one message to the device at the current address and keeps its reply for <c>++read</c>.</summary>
    private void Send(byte[] message, CancellationToken stopping)
    {
        if (!devices.TryGetValue(_address, out var device))
        {
            Logger.LogDebug("Prologix client {Peer} wrote to GPIB address {Address}, where no device listens", _peer, _address);
            return;
        }
        _reply.Reset();
        bool hasReply;
        var gate = MessageDeviceLock.For(device);
        gate.Wait(stopping);
        try
        {
            using (ServedClient.Calling(ClientOf(_address, device)))
                hasReply = ConnectionThread.Complete(device.HandleMessageAsync(message, _reply, stopping));
        }
        catch (Exception e) when (!stopping.IsCancellationRequested && e is not OperationCanceledException)
        {
            Logger.LogError(e, "Device at GPIB address {Address} failed on a message from Prologix client {Peer} ({Message})",
                _address, _peer, ReadDiagnostics.Preview(message));
            return;
        }
        finally
        {
            gate.Release();
        }
        if (!hasReply)
            return;
        _reply.Write("\n"u8);
        _replies[_address] = _reply.WrittenMemory.ToArray();
        if (_auto)
            ReadReply();
    }

    /// <summary>This client as the observer knows it at <paramref name="address"/>: attached the first time it talks to that instrument.</summary>
    private ServedClient? ClientOf(int address, IMessageDevice device)
    {
        if (options.Clients is not { } clients)
            return null;
        if (!_attached.TryGetValue(address, out var client))
        {
            _attached[address] = client = new ServedClient("Prologix", _peer, device, $"GPIB address {address}");
            clients.Attached(client);
        }
        return client;
    }

    /// <summary><c>++read</c>: the waiting reply of the current address, as the instrument sent it; nothing when there is none (the adapter's read times out).</summary>
    private void ReadReply()
    {
        if (_replies.Remove(_address, out var reply))
            ConnectionThread.SendAll(socket, reply);
    }

    private void Command(string text, CancellationToken stopping)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var name = (space < 0 ? text : text[..space]).ToLowerInvariant();
        var arguments = space < 0 ? [] : text[(space + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (name)
        {
            case "addr":
                if (arguments.Length == 0)
                    Answer(_address);
                else if (Number(arguments[0]) is { } primary and >= 0 and <= 30)
                    _address = primary;
                break;
            case "auto":
                Setting(arguments, ref _auto);
                break;
            case "mode":
                if (arguments.Length == 0)
                    Answer(1); // always a controller
                break;
            case "eoi":
                Setting(arguments, ref _eoi, 0, 1);
                break;
            case "eos":
                Setting(arguments, ref _eos, 0, 3);
                break;
            case "eot_enable":
                Setting(arguments, ref _eotEnable, 0, 1);
                break;
            case "eot_char":
                Setting(arguments, ref _eotChar, 0, 255);
                break;
            case "read_tmo_ms":
                Setting(arguments, ref _readTimeout, 1, 3000);
                break;
            case "read":
                ReadReply();
                break;
            case "clr":
                _replies.Remove(_address);
                OnDevice(_address, d => d.ClearAsync(stopping), stopping);
                break;
            case "trg":
                foreach (var address in arguments.Length == 0 ? [_address] : arguments.Select(Number).OfType<int>())
                    OnDevice(address, d => d.TriggerAsync(stopping), stopping);
                break;
            case "spoll":
            {
                var address = arguments.Length > 0 && Number(arguments[0]) is { } a ? a : _address;
                byte status = 0;
                OnDevice(address, d =>
                {
                    status = ConnectionThread.Complete(d.ReadStatusByteAsync(stopping));
                    return ValueTask.CompletedTask;
                }, stopping);
                Answer(status);
                break;
            }
            case "srq":
                Answer(0);
                break;
            case "ver":
                ConnectionThread.SendAll(socket, Encoding.ASCII.GetBytes(PrologixAdapterServer.Version + "\r\n"));
                break;
            case "loc" or "llo" or "ifc" or "rst" or "savecfg" or "status" or "lon" or "help":
                break; // nothing on the bus to change for a served device, as for a real adapter with no response
            default:
                Logger.LogDebug("Prologix client {Peer} sent an unknown command ++{Command}; ignored, as the adapter does", _peer, name);
                break;
        }
    }

    private void OnDevice(int address, Func<IMessageDevice, ValueTask> action, CancellationToken stopping)
    {
        if (!devices.TryGetValue(address, out var device))
            return;
        var gate = MessageDeviceLock.For(device);
        gate.Wait(stopping);
        try
        {
            ConnectionThread.Complete(action(device));
        }
        finally
        {
            gate.Release();
        }
    }

    private void Setting(string[] arguments, ref bool value)
    {
        var number = value ? 1 : 0;
        Setting(arguments, ref number, 0, 1);
        value = number == 1;
    }

    private void Setting(string[] arguments, ref int value, int minimum, int maximum)
    {
        if (arguments.Length == 0)
            Answer(value);
        else if (Number(arguments[0]) is { } number && number >= minimum && number <= maximum)
            value = number;
    }

    private void Answer(int value) => ConnectionThread.SendAll(socket, Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture) + "\r\n"));

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
