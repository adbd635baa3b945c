using BenchmarkDotNet.Running;

namespace OpenVisa.Benchmarks;

/// <summary>
/// Micro and in-process end-to-end benchmarks of the hot paths. Every public class with [Benchmark] methods in this
/// assembly is found, so adding one is adding a file (see README.md for the folders still waiting for theirs).
/// <c>dotnet run -c Release --project benchmarks/OpenVisa.Benchmarks -- --filter '*'</c>
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
