using OpenVisa.Server.Http.BenchApi;

namespace OpenVisa.TestSupport;

/// <summary>A small bench file (a supply with safety limits, a scope, a meter) opened simulated, as <c>--bench FILE --simulate</c> does.</summary>
internal static class TestBench
{
    public const string Yaml = """
        bench_name: "Console test bench"
        experiment: {title: "Web console"}
        instruments:
          psu:
            driver: keysight/E36313A
            address: "TCPIP0::192.0.2.20::inst0::INSTR"
            safety_limits:
              channels:
                1: {voltage: {max: 5.5}, current: {max: 1.0}}
          scope:
            driver: keysight/DSOX1204G
            address: "USB0::0x2A8D::0x0396::CN61041204::0::INSTR"
          dmm:
            driver: keysight/34461A
            address: "TCPIP0::192.0.2.21::inst0::INSTR"
        """;

    /// <summary>Writes the bench file to a fresh temporary folder and opens it simulated.</summary>
    public static ServedBench Open()
    {
        var folder = Directory.CreateTempSubdirectory("openvisa-bench-");
        var path = Path.Combine(folder.FullName, "bench.yaml");
        File.WriteAllText(path, Yaml);
        return ServedBench.Open(path, simulate: true);
    }
}
