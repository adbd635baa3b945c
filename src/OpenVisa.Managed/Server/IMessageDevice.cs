using System.Buffers;

namespace OpenVisa.Managed.Server;

/// <summary>
/// A message-based instrument as the LAN servers see it: the SOCKET, VXI-11 and HiSLIP servers all hand it complete
/// messages and send back what it replies. Implement it to serve a simulated device, a real resource (a gateway), or a
/// test double.
/// </summary>
/// <remarks>
/// Servers call a device under <see cref="MessageDeviceLock.For"/>, so one device never sees two calls at once even
/// when several clients and protocols share it. The optional hooks have defaults: protocols with out-of-band device
/// clear, trigger or status byte (VXI-11, HiSLIP) call them; raw SOCKET has no out-of-band channel and sends
/// <c>*CLS</c>, <c>*TRG</c> and <c>*STB?</c> as ordinary messages.
/// </remarks>
public interface IMessageDevice
{
    /// <summary>Handles one complete message.</summary>
    /// <param name="message">The message without its termination; valid only until this call completes.</param>
    /// <param name="reply">Where to write the reply, without termination (the server adds it). Binary data is sent as written.</param>
    /// <param name="cancellationToken">Fires when the server stops or the client goes away.</param>
    /// <returns>True when the message has a reply (even an empty one), false when it is a command with none.</returns>
    /// <exception cref="MessageDeviceDisconnectException">To drop the client's connection, e.g. to simulate a crash mid-reply.</exception>
    ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken);

    /// <summary>Device clear (VXI-11 <c>device_clear</c>, HiSLIP clear): abandon pending replies. The default does nothing.</summary>
    ValueTask ClearAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>A trigger (VXI-11 <c>device_trigger</c>, HiSLIP Trigger). The default does nothing.</summary>
    ValueTask TriggerAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The IEEE 488.2 status byte (VXI-11 <c>device_readstb</c>, HiSLIP status query). The default is 0.</summary>
    ValueTask<byte> ReadStatusByteAsync(CancellationToken cancellationToken) => ValueTask.FromResult((byte)0);
}
