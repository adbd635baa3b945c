using System.Buffers;
using System.Globalization;
using System.Text;
using OpenVisa.Managed.Server;

namespace OpenVisa.Server.Tests.Http;

/// <summary>
/// A test device: <c>SLOW? ms</c> answers <c>done</c> after that many milliseconds (cancellable), <c>ID?</c> answers
/// its name; it counts how many calls are inside it at once, so a test can prove calls never overlap.
/// </summary>
internal sealed class SlowDevice(string name) : IMessageDevice
{
    private int _inside;
    private int _maxInside;

    public int MaxConcurrentCalls => Volatile.Read(ref _maxInside);

    public async ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        var inside = Interlocked.Increment(ref _inside);
        var max = Volatile.Read(ref _maxInside);
        while (inside > max && Interlocked.CompareExchange(ref _maxInside, inside, max) != max)
            max = Volatile.Read(ref _maxInside);
        try
        {
            var text = Encoding.ASCII.GetString(message.Span);
            if (text.StartsWith("SLOW? ", StringComparison.Ordinal))
            {
                await Task.Delay(int.Parse(text[6..], CultureInfo.InvariantCulture), cancellationToken);
                reply.Write("done"u8);
                return true;
            }
            if (text == "*IDN?")
            {
                reply.Write(Encoding.ASCII.GetBytes($"Test,Slow Device,{name},1"));
                return true;
            }
            // A short pause in every call, so overlapping callers would be caught inside together.
            await Task.Delay(1, cancellationToken);
            if (text == "ID?")
            {
                reply.Write(Encoding.ASCII.GetBytes(name));
                return true;
            }
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }
}
