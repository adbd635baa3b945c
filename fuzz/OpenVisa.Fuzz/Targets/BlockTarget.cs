namespace OpenVisa.Fuzz.Targets;

/// <summary>
/// IEEE 488.2 definite and indefinite blocks, HP and R&amp;S headers: decoding either gives the elements the header
/// announces or throws a <see cref="VisaException"/>; never an index or overflow error, never more elements than bytes.
/// </summary>
public sealed class BlockTarget : FuzzTarget
{
    private static readonly BlockFormat[] Formats = [BlockFormat.Ieee, BlockFormat.HP, BlockFormat.RohdeSchwarz];

    /// <inheritdoc/>
    public override string Name => "ieee-block";

    /// <inheritdoc/>
    public override string Description => "binary blocks through BinaryBlock.DecodeBlock as bytes, int16 and float32, in every header format";

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Seeds { get; } =
    [
        "#14ABCD"u8.ToArray(), "#0abcdefgh\n"u8.ToArray(), "#800000008\0\0\0\0\0\0\x80\x3f"u8.ToArray(), "CURV #12\x01\x02"u8.ToArray(),
        "#A\x04\x00\x01\x02\x03\x04"u8.ToArray(), "#(4)wxyz"u8.ToArray(), "#9000000004ABCD"u8.ToArray(), "#10"u8.ToArray(),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Tokens { get; } = ["#"u8.ToArray(), "#9"u8.ToArray(), "#0"u8.ToArray(), "#A"u8.ToArray(), "("u8.ToArray(), ")"u8.ToArray(), "999999999"u8.ToArray()];

    /// <inheritdoc/>
    public override void Run(byte[] input)
    {
        foreach (var format in Formats)
        {
            Check(BinaryBlock.DecodeBlock<byte>(input, format, bigEndian: true), input, 1);
            Check(BinaryBlock.DecodeBlock<short>(input, format, bigEndian: false), input, 2);
            Check(BinaryBlock.DecodeBlock<float>(input, format, bigEndian: true), input, 4);
        }
    }

    private static void Check<T>(T[] values, byte[] input, int size)
    {
        if ((long)values.Length * size > input.Length)
            throw new FuzzPropertyException($"{values.Length} elements of {size} bytes decoded from {input.Length} bytes");
    }

    /// <inheritdoc/>
    public override bool IsExpected(Exception error) => error is VisaException;
}
