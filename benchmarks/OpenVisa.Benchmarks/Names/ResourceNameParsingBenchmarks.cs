using BenchmarkDotNet.Attributes;

namespace OpenVisa.Benchmarks.Names;

/// <summary>Resource-name parsing: every Open parses its name, and pattern matching parses every listed name.</summary>
[MemoryDiagnoser]
public class ResourceNameParsingBenchmarks
{
    [Params(
        "TCPIP0::192.168.1.10::5025::SOCKET",
        "TCPIP::192.168.1.10::hislip0,4880::INSTR",
        "USB0::0x0957::0x1796::MY58261234::0::INSTR",
        "GPIB0::12::3::INSTR",
        "ASRL/dev/ttyUSB0::INSTR")]
    public string Name { get; set; } = "";

    [Benchmark]
    public ResourceName Parse() => ResourceName.Parse(Name);

    [Benchmark]
    public string Canonical() => ResourceName.Parse(Name).Canonical;
}
