namespace OpenVisa.Perf;

/// <summary>Checks a received <c>DATA?</c> payload against the pattern <see cref="PerfDevice"/> sends.</summary>
internal static class PerfBlockCheck
{
    public static void Verify(ReadOnlySpan<byte> payload, int expectedLength, string client, string resourceName)
    {
        if (payload.Length != expectedLength)
            throw new InvalidDataException($"The {client} client read {payload.Length} payload bytes of DATA? from {resourceName}; the server sends {expectedLength}.");
        for (var i = 0; i < payload.Length; i++)
        {
            if (payload[i] != (byte)i)
                throw new InvalidDataException($"The {client} client read byte {i} of DATA? from {resourceName} as 0x{payload[i]:X2}; the server sends 0x{(byte)i:X2} (i & 0xFF).");
        }
    }
}
