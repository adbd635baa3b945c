using System.Text.Json;
using OpenVisa.Cli;
using OpenVisa.TestSupport;

namespace OpenVisa.Server.Tests.Http;

/// <summary><c>ovisa serve --bench FILE [--simulate] --http PORT</c>: its usage errors, and the bench served as users run it.</summary>
[Collection(InProcessBenchCollection.Name)]
public sealed class ServeBenchTests
{
    private static (int Code, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliContext(output, error, new StringReader("")));
        return (code, error.ToString());
    }

    private static string WriteBench(string yaml)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("openvisa-bench-").FullName, "bench.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Theory]
    [InlineData(new[] { "serve", "--http", "0", "--simulate" }, "--simulate goes with --bench FILE (it simulates the bench's instruments)")]
    [InlineData(new[] { "serve", "--http", "0", "--demo", "--bench", "bench.yaml" }, "--bench FILE serves the bench's own instruments: give it without --sim, --resource or --demo")]
    [InlineData(new[] { "serve", "--http", "0", "--bench", "/no/such/bench.yaml" }, "the bench file \"/no/such/bench.yaml\" does not exist")]
    public void Bench_usage_errors_exit_2_saying_what_is_wrong(string[] args, string message)
    {
        var (code, error) = Run(args);
        Assert.Equal(CliApp.BadUsage, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void A_bench_file_with_an_unknown_driver_is_a_usage_error_naming_the_line()
    {
        var path = WriteBench("""
            bench_name: broken
            instruments:
              psu:
                driver: acme/NOPE
                address: "TCPIP0::192.0.2.1::inst0::INSTR"
            """);
        var (code, error) = Run("serve", "--http", "0", "--bench", path, "--simulate");
        Assert.Equal(CliApp.BadUsage, code);
        Assert.Contains("acme/NOPE", error);
        Assert.Contains(":4:", error);
    }

    [Fact]
    public async Task Ovisa_serve_with_a_simulated_bench_serves_the_console_and_the_bench_api()
    {
        var path = WriteBench(TestBench.Yaml);
        using var serve = ServeProcess.Start("--bench", path, "--simulate", "--http", "0", "--json");
        var output = await serve.ReadUntilAsync("\n}\n");
        var root = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        Assert.StartsWith("bench Console test bench", root.GetProperty("source").GetString());
        Assert.Equal(["psu", "scope", "dmm"], root.GetProperty("instruments").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        using var client = new HttpClient { BaseAddress = new Uri(root.GetProperty("http").GetString()!), Timeout = TimeSpan.FromSeconds(60) };
        var page = await client.GetStringAsync("/");
        Assert.Contains("OpenVisa console", page);
        var bench = JsonDocument.Parse(await client.GetStringAsync("/api/v1/bench")).RootElement;
        Assert.Equal("Console test bench", bench.GetProperty("name").GetString());
        using var query = await client.PostAsync("/api/v1/instruments/dmm/query", new StringContent("*IDN?"));
        Assert.Contains("34461A", await query.Content.ReadAsStringAsync());
        var (exitCode, _) = await serve.TerminateAsync();
        Assert.Equal(0, exitCode);
    }
}
