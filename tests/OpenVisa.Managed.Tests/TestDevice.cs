using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using OpenVisa.Managed.Server;

namespace OpenVisa.Managed.Tests;

/// <summary>A scripted instrument for the socket tests.</summary>
internal sealed class TestDevice : IMessageDevice
{
    public const string Identity = "OpenVisa,TestDevice,0,1.0";

    public ConcurrentQueue<byte[]> Received { get; } = new();

    public int Triggers;
    public int StatusClears;

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
            case "*TRG":
                Interlocked.Increment(ref Triggers);
                return false;
            case "*CLS":
                Interlocked.Increment(ref StatusClears);
                return false;
            case "*STB?":
                Write(reply, "72");
                return true;
            case "ECHO":
                Write(reply, argument);
                return true;
            case "NOREPLY":
            case "NOREPLY?":
                return false;
            case "*OPC?":
                Write(reply, "1");
                return true;
            case "DELAYED?":
                // "DELAYED? ms text": answers text after ms milliseconds.
                var parts = argument.Split(' ', 2);
                await Task.Delay(int.Parse(parts[0], CultureInfo.InvariantCulture), cancellationToken);
                Write(reply, parts[1]);
                return true;
            case "TWO?":
                // Two replies in one send, so they reach the client in one segment.
                Write(reply, "first\nsecond");
                return true;
            case "DATA?":
                WriteBlock(reply, int.Parse(argument, CultureInfo.InvariantCulture));
                return true;
            case "LEN?":
                // The argument is a definite block: report its payload length and a checksum.
                var payload = message.Span[(space + 1)..];
                var digits = payload[1] - '0';
                var length = int.Parse(Encoding.ASCII.GetString(payload.Slice(2, digits)), CultureInfo.InvariantCulture);
                var data = payload.Slice(2 + digits, length);
                var sum = 0;
                foreach (var b in data)
                    sum += b;
                Write(reply, $"{length},{sum}");
                return true;
            case "SLOW?":
                await Task.Delay(int.Parse(argument, CultureInfo.InvariantCulture), cancellationToken);
                Write(reply, "slow");
                return true;
            case "CLOSE":
                Write(reply, "partial");
                throw new MessageDeviceDisconnectException("CLOSE asked for it");
            case "DROP":
                throw new MessageDeviceDisconnectException("DROP asked for it");
            case "CRASH":
                throw new InvalidOperationException("the test device crashed on purpose");
            default:
                Write(reply, "ERR unknown " + text);
                return true;
        }
    }

    /// <summary>The payload of <c>DATA? n</c>: byte i is i &amp; 0xFF, so it contains 0x0A every 256 bytes.</summary>
    public static byte[] Payload(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
            data[i] = (byte)i;
        return data;
    }

    private static void WriteBlock(IBufferWriter<byte> reply, int length)
    {
        var digits = length.ToString(CultureInfo.InvariantCulture);
        Write(reply, "#" + digits.Length.ToString(CultureInfo.InvariantCulture) + digits);
        reply.Write(Payload(length));
    }

    private static void Write(IBufferWriter<byte> reply, string text) => reply.Write(Encoding.Latin1.GetBytes(text));
}
