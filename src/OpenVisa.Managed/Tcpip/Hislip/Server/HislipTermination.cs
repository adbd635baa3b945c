using System.Buffers;
using System.Text;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// The message termination a HiSLIP server takes off client messages and puts on replies, so devices see the same
/// messages over HiSLIP as over a raw socket.
/// </summary>
internal sealed class HislipTermination
{
    private readonly byte[] _bytes;
    private readonly bool _newline;

    public HislipTermination(string termination)
    {
        if (termination.Any(c => c > 0xFF))
            throw new ArgumentException($"The termination \"{termination}\" must be characters from U+0000 to U+00FF, e.g. \"\\n\".", nameof(termination));
        _bytes = Encoding.Latin1.GetBytes(termination);
        _newline = termination == "\n";
    }

    /// <summary>The message without one trailing termination (<c>\r\n</c> too when the termination is <c>\n</c>).</summary>
    public ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        if (_bytes.Length == 0 || !span.EndsWith(_bytes) || EndsInsideBlock(span))
            return message;
        var end = span.Length - _bytes.Length;
        if (_newline && end > 0 && span[end - 1] == '\r')
            end--;
        return message[..end];
    }

    /// <summary>Appends the termination to a reply.</summary>
    public void Append(IBufferWriter<byte> reply)
    {
        if (_bytes.Length > 0)
            reply.Write(_bytes);
    }

    /// <summary>
    /// True when the last byte is data of an IEEE 488.2 definite-length block (<c>#&lt;n&gt;&lt;length&gt;&lt;data&gt;</c>)
    /// that runs to the end: a binary write that happens to end in the termination byte keeps it.
    /// </summary>
    private static bool EndsInsideBlock(ReadOnlySpan<byte> message)
    {
        var hash = message.LastIndexOf((byte)'#');
        while (hash >= 0)
        {
            if (hash + 1 < message.Length && message[hash + 1] is >= (byte)'1' and <= (byte)'9')
            {
                var digits = message[hash + 1] - '0';
                var start = hash + 2;
                if (start + digits <= message.Length && long.TryParse(message.Slice(start, digits), out var length))
                    return start + digits + length >= message.Length;
            }
            hash = message[..hash].LastIndexOf((byte)'#');
        }
        return false;
    }
}
