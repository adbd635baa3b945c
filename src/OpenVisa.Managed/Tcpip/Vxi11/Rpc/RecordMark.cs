namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>
/// ONC RPC record marking on stream transports (RFC 5531 §11): a record is one or more fragments, each preceded by a
/// four-byte big-endian header whose top bit says "last fragment" and whose low 31 bits are the fragment's length.
/// </summary>
internal static class RecordMark
{
    public const int HeaderLength = 4;

    /// <summary>The top bit of a fragment header: this fragment ends the record.</summary>
    public const uint LastFragmentBit = 0x8000_0000;

    /// <summary>The largest fragment a header can describe.</summary>
    public const int MaxFragmentLength = int.MaxValue;

    public static uint Encode(int length, bool last)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return (uint)length | (last ? LastFragmentBit : 0);
    }

    public static (int Length, bool Last) Decode(uint header) => ((int)(header & ~LastFragmentBit), (header & LastFragmentBit) != 0);
}
