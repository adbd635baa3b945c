namespace OpenVisa.Lamb;

/// <summary>
/// Tells a query from a command, as the Lamb routes need: a query goes to <c>/instrument/query_raw</c> and its reply
/// is kept for the next read; a command goes to <c>/instrument/write</c>.
/// </summary>
internal static class QueryMessages
{
    /// <summary>True when <paramref name="message"/> has a <c>?</c> outside quoted strings and outside the data of definite-length blocks.</summary>
    public static bool IsQuery(ReadOnlySpan<byte> message)
    {
        for (var i = 0; i < message.Length; i++)
        {
            var b = message[i];
            if (b == (byte)'?')
                return true;
            if (b is (byte)'"' or (byte)'\'')
            {
                var close = message[(i + 1)..].IndexOf(b);
                if (close < 0)
                    return false;
                i += close + 1;
            }
            else if (b == (byte)'#' && i + 1 < message.Length && message[i + 1] is >= (byte)'1' and <= (byte)'9')
            {
                // A block's data may hold any byte, '?' included: skip it whole.
                var digits = message[i + 1] - '0';
                if (i + 2 + digits > message.Length)
                    return false;
                long length = 0;
                foreach (var d in message.Slice(i + 2, digits))
                {
                    if (d is < (byte)'0' or > (byte)'9')
                        return false;
                    length = (length * 10) + (d - '0');
                }
                i = (int)Math.Min(message.Length, i + 2 + digits + length) - 1;
            }
        }
        return false;
    }

    /// <summary><paramref name="message"/> without trailing CR and LF: the server adds the instrument's own termination.</summary>
    public static ReadOnlySpan<byte> WithoutTermination(ReadOnlySpan<byte> message)
    {
        var length = message.Length;
        while (length > 0 && message[length - 1] is (byte)'\n' or (byte)'\r')
            length--;
        return message[..length];
    }
}
