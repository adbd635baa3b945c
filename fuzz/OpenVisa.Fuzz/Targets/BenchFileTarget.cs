using OpenVisa.Instruments.Benches;

namespace OpenVisa.Fuzz.Targets;

/// <summary>Bench files: every input is read and validated, or refused with a <see cref="BenchFileException"/> naming the place.</summary>
public sealed class BenchFileTarget : FuzzTarget
{
    private static readonly string FileName = Path.Combine(Path.GetTempPath(), "ovisa-fuzz", "bench.yaml");

    /// <inheritdoc/>
    public override string Name => "bench-file";

    /// <inheritdoc/>
    public override string Description => "bench files through BenchLoader.Parse";

    /// <inheritdoc/>
    public override int MaxInputLength => 16384;

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Seeds { get; } = SeedFiles.Read("bench", 16384);

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Tokens { get; } = YamlTokens.All;

    /// <inheritdoc/>
    public override void Run(byte[] input) => BenchLoader.Parse(System.Text.Encoding.UTF8.GetString(input), FileName);

    /// <inheritdoc/>
    public override bool IsExpected(Exception error) => error is BenchFileException;
}
