using System.Runtime.CompilerServices;

namespace OpenVisa.Instruments.Tests.Support;

/// <summary>Instrument names unique across parallel tests (the registry is process-wide).</summary>
public static class TestNames
{
    private static int _counter;

    public static string Unique(string prefix = "inst") => $"{prefix}_{Interlocked.Increment(ref _counter)}";

    /// <summary>A connected generic instrument over <paramref name="device"/>.</summary>
    public static Instrument Connected(FakeDevice device, InstrumentOptions? options = null, [CallerMemberName] string test = "") =>
        new(Unique(), FakeLibrary.Open(device, test), InstrumentOptions.Merge(options, new InstrumentOptions { ReadTermination = "\n" }));
}
