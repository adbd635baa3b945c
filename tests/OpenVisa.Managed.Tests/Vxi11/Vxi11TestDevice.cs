using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Vxi11;

/// <summary>A scripted instrument for the VXI-11 tests: every behaviour a test needs is one command away.</summary>
internal sealed class Vxi11TestDevice : IMessageDevice, IServiceRequestSource, IRemoteLocalDevice
{
    public const string Identity = "OpenVisa,Vxi11TestDevice,0,1.0";

    public ConcurrentQueue<byte[]> Received { get; } = new();

    public ConcurrentQueue<RenMode> RemoteLocal { get; } = new();

    public int Triggers;
    public int Clears;
    public byte StatusByte = 0x04;

    public event EventHandler<byte>? ServiceRequested;

    public void RequestService() => ServiceRequested?.Invoke(this, (byte)(StatusByte | 0x40));

    public async ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        Received.Enqueue(message.ToArray());
        var text = Encoding.Latin1.GetString(message.Span);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var command = space < 0 ? text : text[..space];
        var argument = space < 0 ? "" : text[(space + 1)..];
        switch (command.ToUpperInvariant())
        {
            case "*IDN?":
                Write(reply, Identity);
                return true;
            case "ECHO":
                Write(reply, argument);
                return true;
            case "LEN?":
                Write(reply, (message.Length - 5).ToString(CultureInfo.InvariantCulture) + "," + Sum(message.Span[5..]).ToString(CultureInfo.InvariantCulture));
                return true;
            case "NOREPLY":
                return false;
            case "DATA?":
                var length = int.Parse(argument, CultureInfo.InvariantCulture);
                var digits = length.ToString(CultureInfo.InvariantCulture);
                Write(reply, "#" + digits.Length.ToString(CultureInfo.InvariantCulture) + digits);
                Payload(length).CopyTo(reply.GetSpan(length));
                reply.Advance(length);
                return true;
            case "SLOW?":
                await Task.Delay(int.Parse(argument, CultureInfo.InvariantCulture), cancellationToken);
                Write(reply, "slow");
                return true;
            case "SRQ":
                _ = Task.Run(RequestService, CancellationToken.None);
                return false;
            case "STB":
                StatusByte = byte.Parse(argument, CultureInfo.InvariantCulture);
                return false;
            case "DROP":
                throw new MessageDeviceDisconnectException("DROP asked for it");
            case "CRASH":
                throw new InvalidOperationException("the test device crashed on purpose");
            default:
                Write(reply, "ERR unknown " + text);
                return true;
        }
    }

    public ValueTask SetRemoteLocalAsync(RenMode mode, CancellationToken cancellationToken)
    {
        RemoteLocal.Enqueue(mode);
        return ValueTask.CompletedTask;
    }

    public ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Clears);
        return ValueTask.CompletedTask;
    }

    public ValueTask TriggerAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Triggers);
        return ValueTask.CompletedTask;
    }

    public ValueTask<byte> ReadStatusByteAsync(CancellationToken cancellationToken) => ValueTask.FromResult(StatusByte);

    /// <summary>The payload of <c>DATA? n</c>: byte i is i &amp; 0xFF, so it contains '\n' every 256 bytes.</summary>
    public static byte[] Payload(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
            data[i] = (byte)i;
        return data;
    }

    private static long Sum(ReadOnlySpan<byte> data)
    {
        long sum = 0;
        foreach (var b in data)
            sum += b;
        return sum;
    }

    private static void Write(IBufferWriter<byte> reply, string text) => reply.Write(Encoding.Latin1.GetBytes(text));
}
