using System.Buffers;
using System.Text;
using OpenVisa.Managed.Server;

namespace OpenVisa.Managed.Tests.Gpib;

/// <summary>A device that counts clears and triggers and has a status byte, for the out-of-band GPIB operations.</summary>
internal sealed class SpyDevice(string identity) : IMessageDevice
{
    public int Clears;
    public int Triggers;
    public byte StatusByte { get; set; } = 0x40;

    public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        var text = Encoding.Latin1.GetString(message.Span);
        var answer = text switch
        {
            "*IDN?" => identity,
            "*OPC?" => "1", // as IEEE 488.2 instruments answer it, e.g. when a client resynchronizes after a timeout
            _ => null,
        };
        if (answer is null)
            return ValueTask.FromResult(false);
        reply.Write(Encoding.ASCII.GetBytes(answer));
        return ValueTask.FromResult(true);
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
}
