using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>A hand-driven HiSLIP connection for protocol tests: sends any bytes, reads whole messages with a timeout.</summary>
internal sealed class RawHislipPeer : IDisposable
{
    private readonly Socket _socket;

    private RawHislipPeer(Socket socket) => _socket = socket;

    /// <summary>Wraps a socket the test accepted (the server side of a scripted exchange).</summary>
    public static RawHislipPeer Wrap(Socket socket)
    {
        socket.NoDelay = true;
        socket.ReceiveTimeout = 3000;
        socket.SendTimeout = 3000;
        return new RawHislipPeer(socket);
    }

    public static RawHislipPeer Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 3000, SendTimeout = 3000 };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return new RawHislipPeer(socket);
    }

    /// <summary>Opens both channels of a session the way a client does; returns (sync, async, session id).</summary>
    public static (RawHislipPeer Sync, RawHislipPeer Async, ushort SessionId) OpenSession(int port, string subAddress = "hislip0")
    {
        var sync = Connect(port);
        sync.Send(HislipMessageType.Initialize, 0, (0x0200u << 16) | 0x5858, Encoding.ASCII.GetBytes(subAddress));
        var response = sync.Receive();
        Assert.Equal(HislipMessageType.InitializeResponse, response.Header.Type);
        var id = (ushort)response.Header.Parameter;
        var async = Connect(port);
        async.Send(HislipMessageType.AsyncInitialize, 0, id);
        Assert.Equal(HislipMessageType.AsyncInitializeResponse, async.Receive().Header.Type);
        return (sync, async, id);
    }

    public void Send(HislipMessageType type, byte control, uint parameter, ReadOnlySpan<byte> payload = default) =>
        Send(type, control, parameter, payload, (ulong)payload.Length);

    /// <summary>Sends a header whose length field may lie about the payload that follows.</summary>
    public void Send(HislipMessageType type, byte control, uint parameter, ReadOnlySpan<byte> payload, ulong declaredLength)
    {
        var message = new byte[HislipHeader.Size + payload.Length];
        new HislipHeader(type, control, parameter, declaredLength).WriteTo(message);
        payload.CopyTo(message.AsSpan(HislipHeader.Size));
        SendBytes(message);
    }

    public void SendBytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
            bytes = bytes[_socket.Send(bytes)..];
    }

    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>The next message; fails the test when none arrives within the socket timeout.</summary>
    public (HislipHeader Header, byte[] Payload) Receive()
    {
        var head = new byte[HislipHeader.Size];
        ReceiveExactly(head);
        var header = HislipHeader.Read(head);
        var payload = new byte[header.PayloadLength];
        ReceiveExactly(payload);
        return (header, payload);
    }

    /// <summary>The next message, which must be an Error or FatalError with <paramref name="code"/>; returns its text.</summary>
    public string ReceiveError(HislipMessageType type, byte code)
    {
        var (header, payload) = Receive();
        var text = Encoding.ASCII.GetString(payload);
        Assert.True(header.Type == type && header.ControlCode == code, $"Expected {type} code {code}, got {header} \"{text}\"");
        return text;
    }

    /// <summary>True when the server closed the connection (a read returns 0) within the socket timeout.</summary>
    public bool IsClosedByPeer()
    {
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                if (_socket.Receive(buffer) == 0)
                    return true;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static byte[] UInt64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    private void ReceiveExactly(Span<byte> target)
    {
        while (!target.IsEmpty)
        {
            var count = _socket.Receive(target);
            if (count == 0)
                throw new EndOfStreamException("The server closed the connection.");
            target = target[count..];
        }
    }

    public void Dispose() => _socket.Dispose();
}
