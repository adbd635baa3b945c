// Interim: the socket branch defines this interface in src/OpenVisa.Managed/Server/. Until that branch is in main, the
// HiSLIP server compiles against this copy of its shape. Delete this folder when rebasing onto a main that has it.
using System.Buffers;

namespace OpenVisa.Managed.Server;

/// <summary>A message-based instrument as the LAN servers see it (interim copy; see the file header).</summary>
public interface IMessageDevice
{
    /// <summary>Handles one complete message; true when it has a reply (written to <paramref name="reply"/>).</summary>
    ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken);

    /// <summary>Device clear: abandon pending replies. The default does nothing.</summary>
    ValueTask ClearAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>A trigger. The default does nothing.</summary>
    ValueTask TriggerAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The IEEE 488.2 status byte. The default is 0.</summary>
    ValueTask<byte> ReadStatusByteAsync(CancellationToken cancellationToken) => ValueTask.FromResult((byte)0);
}
