using System.Buffers.Binary;

namespace OpenVisa.Fuzz;

/// <summary>
/// Builds inputs from a target's seeds the way coverage-free fuzzers do: one to four random edits (bit flips, bytes and
/// integers known to break parsers, tokens of the format, deletions, repeats, truncation, splicing two seeds). Seeded,
/// so a run can be repeated exactly.
/// </summary>
public sealed class Mutator(FuzzTarget target, int seed)
{
    private static readonly byte[] InterestingBytes = [0, 1, 0x7F, 0x80, 0xFF, (byte)'\n', (byte)'\r', (byte)'#', (byte)'9', (byte)'0', (byte)':', (byte)' ', (byte)'"', (byte)'{', (byte)'['];

    private static readonly uint[] InterestingIntegers = [0, 1, 2, 3, 4, 16, 0x7F, 0xFF, 0x100, 0x7FFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];

    private readonly Random _random = new(seed);

    /// <summary>The next input: a seed with random edits, never longer than the target's <see cref="FuzzTarget.MaxInputLength"/>.</summary>
    public byte[] Next()
    {
        var seeds = target.Seeds;
        var data = new List<byte>(seeds[_random.Next(seeds.Count)]);
        var edits = 1 + _random.Next(4);
        for (var i = 0; i < edits; i++)
            Edit(data, seeds);
        if (data.Count > target.MaxInputLength)
            data.RemoveRange(target.MaxInputLength, data.Count - target.MaxInputLength);
        return [.. data];
    }

    private void Edit(List<byte> data, IReadOnlyList<byte[]> seeds)
    {
        switch (_random.Next(9))
        {
            case 0 when data.Count > 0:
                data[At(data)] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[At(data)] = InterestingBytes[_random.Next(InterestingBytes.Length)];
                break;
            case 2 when data.Count >= 4:
                OverwriteInteger(data);
                break;
            case 3 when target.Tokens.Count > 0:
                data.InsertRange(At(data, inclusive: true), target.Tokens[_random.Next(target.Tokens.Count)]);
                break;
            case 4 when data.Count > 0:
            {
                var start = At(data);
                data.RemoveRange(start, 1 + _random.Next(Math.Min(16, data.Count - start)));
                break;
            }
            case 5 when data.Count > 0:
            {
                var start = At(data);
                var piece = data.GetRange(start, 1 + _random.Next(Math.Min(32, data.Count - start)));
                var repeats = 1 + _random.Next(_random.Next(2) == 0 ? 4 : 256);
                for (var r = 0; r < repeats && data.Count < target.MaxInputLength; r++)
                    data.InsertRange(start, piece);
                break;
            }
            case 6 when data.Count > 0:
            {
                var cut = At(data);
                data.RemoveRange(cut, data.Count - cut);
                break;
            }
            case 7:
            {
                var other = seeds[_random.Next(seeds.Count)];
                var cut = At(data, inclusive: true);
                data.RemoveRange(cut, data.Count - cut);
                data.AddRange(other.AsSpan(_random.Next(other.Length + 1)).ToArray());
                break;
            }
            default:
            {
                var noise = new byte[1 + _random.Next(8)];
                _random.NextBytes(noise);
                data.InsertRange(At(data, inclusive: true), noise);
                break;
            }
        }
    }

    private void OverwriteInteger(List<byte> data)
    {
        var value = InterestingIntegers[_random.Next(InterestingIntegers.Length)];
        Span<byte> bytes = stackalloc byte[4];
        // Both byte orders: XDR and HiSLIP are big-endian, block data often little-endian.
        if (_random.Next(2) == 0)
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        var start = _random.Next(data.Count - 3);
        for (var i = 0; i < 4; i++)
            data[start + i] = bytes[i];
    }

    private int At(List<byte> data, bool inclusive = false) => _random.Next(data.Count + (inclusive ? 1 : 0));
}
