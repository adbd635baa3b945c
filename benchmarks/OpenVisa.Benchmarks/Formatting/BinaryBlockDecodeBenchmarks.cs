using BenchmarkDotNet.Attributes;

namespace OpenVisa.Benchmarks.Formatting;

/// <summary>
/// IEEE 488.2 definite blocks decoded into float[] and double[]: the whole-response parser (header included) and the
/// payload decoder into a caller's span, little- and big-endian (the latter swaps every element).
/// </summary>
[MemoryDiagnoser]
public class BinaryBlockDecodeBenchmarks
{
    private byte[] _floatBlock = [];
    private byte[] _doubleBlock = [];
    private byte[] _floatPayload = [];
    private float[] _floats = [];
    private double[] _doubles = [];

    [Params(1_000, 1_000_000)]
    public int Count { get; set; }

    [Params(false, true)]
    public bool BigEndian { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _floats = [.. Enumerable.Range(0, Count).Select(i => MathF.Sin(i * 0.01f))];
        _doubles = [.. Enumerable.Range(0, Count).Select(i => Math.Sin(i * 0.01))];
        _floatBlock = BinaryBlock.Encode<float>(_floats, BlockFormat.Ieee, BigEndian);
        _doubleBlock = BinaryBlock.Encode<double>(_doubles, BlockFormat.Ieee, BigEndian);
        _floatPayload = _floatBlock[(_floatBlock.Length - (Count * sizeof(float)))..];
    }

    [Benchmark]
    public float[] DecodeBlockFloat() => BinaryBlock.DecodeBlock<float>(_floatBlock, BlockFormat.Ieee, BigEndian);

    [Benchmark]
    public double[] DecodeBlockDouble() => BinaryBlock.DecodeBlock<double>(_doubleBlock, BlockFormat.Ieee, BigEndian);

    /// <summary>The path QueryBinaryValues takes after the header: bytes into the caller's array, no allocation.</summary>
    [Benchmark]
    public int DecodePayloadIntoSpan() => BinaryBlock.Decode<float>(_floatPayload, _floats, BigEndian);
}
