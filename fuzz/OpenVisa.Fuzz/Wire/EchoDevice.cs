using System.Buffers;
using System.Text;
using OpenVisa.Managed.Server;

namespace OpenVisa.Fuzz.Wire;

/// <summary>The instrument the fuzzed servers serve: <c>ECHO? text</c> answers the text, <c>*IDN?</c> and <c>*OPC?</c> as usual.</summary>
internal sealed class EchoDevice : IMessageDevice
{
    public const string Identity = "OpenVisa,FuzzEcho,0,1.0";

    public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        var text = Encoding.Latin1.GetString(message.Span).TrimEnd('\n');
        var answer = text.StartsWith("ECHO? ", StringComparison.Ordinal) ? text[6..]
            : text == "*IDN?" ? Identity
            : text == "*OPC?" ? "1"
            : null;
        if (answer is null)
            return ValueTask.FromResult(false);
        reply.Write(Encoding.Latin1.GetBytes(answer)); // each server adds its own termination
        return ValueTask.FromResult(true);
    }
}
