namespace OpenVisa.Lamb.KeepAlive;

/// <summary>
/// Keeps the array of the last large reply a session has read to its end, for the next response body of exactly that
/// length: a program reading the same 16 MiB waveform in a loop then receives into memory already mapped, instead of
/// a fresh array whose 4096 pages the kernel faults in and zeroes on every call (about 3.5 ns a byte, more than the
/// transfer itself over loopback). One array, process-wide, and only while no response has taken it. The blocking calls
/// need it only for bodies they read whole; their large replies are received where the reads want them (<see cref="StreamedBody"/>).
/// </summary>
internal static class LargeBodyArrays
{
    /// <summary>Bodies from this size up are worth keeping; smaller ones cost little to allocate.</summary>
    public const int KeepFrom = 1024 * 1024;

    /// <summary>Bodies above this size are not kept, so one huge reply does not stay in memory for the process's life.</summary>
    public const int KeepUpTo = 64 * 1024 * 1024;

    private static byte[]? _spare;

    /// <summary>An array of exactly <paramref name="length"/> bytes, whose contents are undefined.</summary>
    public static byte[] Take(int length)
    {
        if (length >= KeepFrom)
        {
            var spare = Interlocked.Exchange(ref _spare, null);
            if (spare is not null)
            {
                if (spare.Length == length)
                    return spare;
                Interlocked.CompareExchange(ref _spare, spare, null);
            }
        }
        return GC.AllocateUninitializedArray<byte>(length);
    }

    /// <summary>Hands back a body nobody will read again.</summary>
    public static void Give(byte[] body)
    {
        if (body.Length is >= KeepFrom and <= KeepUpTo)
            Volatile.Write(ref _spare, body);
    }
}
