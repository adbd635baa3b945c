using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace OpenVisa.Benchmarks.Formatting;

/// <summary>ASCII value lists (<c>+1.2345E-03,…</c>) parsed into double[] and into a caller's span.</summary>
[MemoryDiagnoser]
public class AsciiValuesParseBenchmarks
{
    private string _text = "";
    private double[] _destination = [];

    [Params(10, 10_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = string.Join(',', Enumerable.Range(0, Count).Select(i => (Math.Sin(i) * 1e-3).ToString("+0.0000E+00;-0.0000E+00", CultureInfo.InvariantCulture))) + "\n";
        _destination = new double[Count];
    }

    [Benchmark]
    public double[] ParseDoubles() => AsciiValues.Parse<double>(_text);

    [Benchmark]
    public int ParseDoublesIntoSpan() => AsciiValues.Parse<double>(_text, _destination);

    [Benchmark]
    public int[] ParseIntegers() => AsciiValues.Parse<int>("1,2,3,4,5,6,7,8,9,10");
}
