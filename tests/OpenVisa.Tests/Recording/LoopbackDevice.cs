using System.Buffers;
using System.Globalization;
using System.Text;
using OpenVisa.Managed.Server;

namespace OpenVisa.Tests.Recording;

/// <summary>A small instrument served over the real SOCKET server on 127.0.0.1: identity, a setting, echo, and a binary block.</summary>
internal sealed class LoopbackDevice : IMessageDevice
{
    public const string Identity = "OpenVisa,Loopback,0,1.0";

    private string _volt = "0";

    public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        var text = Encoding.Latin1.GetString(message.Span);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var header = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var argument = space < 0 ? "" : text[(space + 1)..];
        switch (header)
        {
            case "*IDN?":
                return Reply(reply, Identity);
            case "VOLT":
                _volt = argument;
                return ValueTask.FromResult(false);
            case "VOLT?":
                return Reply(reply, double.Parse(_volt, CultureInfo.InvariantCulture).ToString("+0.00000000E+00", CultureInfo.InvariantCulture));
            case "ECHO":
                return Reply(reply, argument);
            case "DATA?":
                var count = int.Parse(argument, CultureInfo.InvariantCulture);
                var header488 = Encoding.ASCII.GetBytes($"#{count.ToString(CultureInfo.InvariantCulture).Length}{count}");
                reply.Write(header488);
                var data = reply.GetSpan(count)[..count];
                for (var i = 0; i < count; i++)
                    data[i] = (byte)(i * 7);
                reply.Advance(count);
                return ValueTask.FromResult(true);
            default:
                return ValueTask.FromResult(false);
        }
    }

    private static ValueTask<bool> Reply(IBufferWriter<byte> reply, string text)
    {
        reply.Write(Encoding.Latin1.GetBytes(text));
        return ValueTask.FromResult(true);
    }
}
