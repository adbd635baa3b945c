using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>A scripted instrument for the HiSLIP tests: queries, blocks, slow replies, failures, SRQ, trigger and remote/local records.</summary>
internal sealed class HislipTestInstrument : IMessageDevice, IServiceRequestSource, IRemoteLocalDevice
{
    public const string Identity = "OpenVisa,HislipTest,0,1.0";

    private readonly ConcurrentQueue<string> _commands = new();
    private int _clears;
    private int _triggers;
    private int _cancelledCalls;

    public event EventHandler<byte>? ServiceRequested;

    /// <summary>The status byte the device reports (MAV is the server's business in synchronized mode).</summary>
    public byte StatusByte { get; set; }

    public int Clears => Volatile.Read(ref _clears);

    public int Triggers => Volatile.Read(ref _triggers);

    public int CancelledCalls => Volatile.Read(ref _cancelledCalls);

    public ConcurrentQueue<RenMode> RemoteModes { get; } = new();

    public IReadOnlyCollection<string> Commands => _commands;

    /// <summary>The last binary block received by <c>STORE</c>.</summary>
    public byte[] Stored { get; private set; } = [];

    public async ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        var text = Encoding.Latin1.GetString(message.Span);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var command = space < 0 ? text : text[..space];
        var argument = space < 0 ? "" : text[(space + 1)..];
        if (!command.Equals("STORE", StringComparison.OrdinalIgnoreCase))
            _commands.Enqueue(text);
        switch (command.ToUpperInvariant())
        {
            case "*IDN?":
                Write(reply, Identity);
                return true;
            case "ECHO?":
                Write(reply, argument);
                return true;
            case "BLOCK?":
                var length = int.Parse(argument, CultureInfo.InvariantCulture);
                var span = reply.GetSpan(length)[..length];
                Pattern(span);
                reply.Advance(length);
                return true;
            case "BLOB?":
                // A block copied from a cached array: what a benchmark of the transport should measure.
                var size = int.Parse(argument, CultureInfo.InvariantCulture);
                var blob = Blob(size);
                reply.Write(blob.AsSpan(0, size));
                return true;
            case "STORE":
                Stored = message[(space + 1)..].ToArray();
                return false;
            case "SUM?":
                Write(reply, $"{Stored.Length},{Checksum(Stored)}");
                return true;
            case "SLOW?":
                try
                {
                    await Task.Delay(int.Parse(argument, CultureInfo.InvariantCulture), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref _cancelledCalls);
                    throw;
                }
                Write(reply, "DONE");
                return true;
            case "SRQ":
                ServiceRequested?.Invoke(this, (byte)(0x40 | StatusByte));
                return false;
            case "FAIL":
                throw new InvalidOperationException("the test instrument was told to fail");
            case "DROP":
                Write(reply, "PARTIAL");
                throw new MessageDeviceDisconnectException("told to drop");
            default:
                return false;
        }
    }

    public ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _clears);
        return ValueTask.CompletedTask;
    }

    public ValueTask TriggerAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _triggers);
        return ValueTask.CompletedTask;
    }

    public ValueTask<byte> ReadStatusByteAsync(CancellationToken cancellationToken) => ValueTask.FromResult(StatusByte);

    public ValueTask SetRemoteLocalAsync(RenMode mode, CancellationToken cancellationToken)
    {
        RemoteModes.Enqueue(mode);
        return ValueTask.CompletedTask;
    }

    /// <summary>The bytes of a <c>BLOCK?</c> reply: position-dependent so shifted or lost bytes show.</summary>
    public static void Pattern(Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
            destination[i] = (byte)((i * 7) + (i >> 8));
    }

    public static byte[] Pattern(int length)
    {
        var data = new byte[length];
        Pattern(data);
        return data;
    }

    private static byte[] _blob = [];

    private static byte[] Blob(int size)
    {
        var blob = Volatile.Read(ref _blob);
        if (blob.Length >= size)
            return blob;
        blob = Pattern(size);
        Volatile.Write(ref _blob, blob);
        return blob;
    }

    public static long Checksum(ReadOnlySpan<byte> data)
    {
        long sum = 0;
        for (var i = 0; i < data.Length; i++)
            sum += data[i] * (long)((i % 13) + 1);
        return sum;
    }

    private static void Write(IBufferWriter<byte> reply, string text) => reply.Write(Encoding.Latin1.GetBytes(text));
}
