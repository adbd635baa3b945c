using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpenVisa.Server.Tests.Http;

/// <summary>
/// <c>ovisa serve --http</c> in its own process, spoken to by third-party HTTP clients: Debian's curl, and Debian's
/// python3-httpx sending exactly PyTestLab's LambBackend requests.
/// </summary>
public sealed partial class HttpInteropTests
{
    [InteropFact("curl")]
    public async Task Curl_gets_PyTestLab_style_answers_from_a_simulator_file()
    {
        Peers.Require("curl");
        var file = Path.Combine(Path.GetTempPath(), $"ovisa-http-{Environment.ProcessId}-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            spec: "1.1"
            devices:
              meter:
                eom:
                  TCPIP INSTR: {q: "\n", r: "\n"}
                error: ERROR
                dialogues:
                  - {q: "*IDN?", r: "ACME,DMM-7,SN-77,1.0"}
                  - {q: ":READ?", r: "+1.25E+00"}
            resources:
              TCPIP0::meter.local::inst0::INSTR:
                device: meter
            """);
        try
        {
            using var serve = ServeProcess.Start("--sim", file, "--http", "0");
            var url = UrlOf(await serve.ReadUntilAsync("Stop with Ctrl-C."));
            var add = Curl("-X", "POST", "-H", "Accept: application/json", "-H", "Accept-Charset: utf-8", "-H", "Content-Type: application/json",
                "-d", "{\"model_name\": \"DMM-7\", \"serial_number\": \"SN-77\"}", url + "/add");
            Assert.Equal("TCPIP0::meter.local::inst0::INSTR", add.Body);
            Assert.Equal(200, add.Status);
            var read = Curl("-X", "POST", "-H", "Accept: application/json", "-H", "Content-Type: application/json",
                "-d", "{\"visa_string\": \"TCPIP0::meter.local::inst0::INSTR\", \"command\": \":READ?\"}", url + "/instrument/query");
            Assert.Equal((200, "+1.25E+00"), (read.Status, read.Body));
            var list = Curl(url + "/list_resources");
            Assert.Equal("{\"active\":[\"TCPIP0::meter.local::inst0::INSTR\"],\"inactive\":[]}", list.Body);
            var malformed = Curl("-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"visa_string\": ", url + "/instrument/query");
            Assert.Equal(400, malformed.Status);
            Assert.StartsWith("VI_ERROR_INV_PARAMETER: The body of /instrument/query is not valid JSON", malformed.Body);
            var api = Curl(url + "/api/v1/instruments/TCPIP0::meter.local::inst0::INSTR/stb");
            Assert.Equal(200, api.Status);
            Assert.Matches("^\\{\"stb\":\\d+\\}$", api.Body);
            var (code, output) = await serve.TerminateAsync();
            Assert.True(code == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [InteropFact("httpx")]
    public async Task PyTestLabs_requests_made_with_httpx_get_Lamb_answers()
    {
        Peers.Require("httpx");
        using var serve = ServeProcess.Start("--demo", "--http", "0");
        var url = UrlOf(await serve.ReadUntilAsync("Stop with Ctrl-C."));
        var script = Path.Combine(AppContext.BaseDirectory, "Http", "pytestlab_lamb_client.py");
        var run = ProcessRun.Start(Peers.Python, [script, url, "Demo Instrument", "0"], TimeSpan.FromSeconds(120));
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("[200,\"DEMO0::INSTR\"]", result.GetProperty("add").GetRawText());
        Assert.StartsWith("[200,\"OpenVisa,Demo Instrument,0,", result.GetProperty("idn").GetRawText());
        Assert.Equal("[200,\"\"]", result.GetProperty("write").GetRawText());
        Assert.Equal("[200,\"1\"]", result.GetProperty("count").GetRawText());
        Assert.Equal("[200,\"application/octet-stream\",100000,true]", result.GetProperty("raw").GetRawText());
        Assert.Equal("[200,{\"active\":[\"DEMO0::INSTR\"],\"inactive\":[]}]", result.GetProperty("list").GetRawText());
        var unknown = result.GetProperty("unknown");
        Assert.Equal(404, unknown[0].GetInt32());
        Assert.StartsWith("VI_ERROR_RSRC_NFOUND: No instrument named 'GPIB0::9::INSTR' is served here.", unknown[1].GetString());
        var noModel = result.GetProperty("no_model");
        Assert.Equal(404, noModel[0].GetInt32());
        Assert.Contains("No served instrument has model 'NO-SUCH-MODEL'", noModel[1].GetString());
        await serve.TerminateAsync();
    }

    private static string UrlOf(string output) => HttpUrl().Match(output) is { Success: true } m ? m.Groups[1].Value
        : throw new InvalidOperationException("ovisa serve did not print its HTTP URL:\n" + output);

    /// <summary>Runs curl; the last line of its output is the HTTP status (<c>-w</c>).</summary>
    private static (int Status, string Body) Curl(params string[] arguments)
    {
        var run = ProcessRun.Start(Peers.Curl, ["-s", "-S", "--max-time", "60", "-w", "\n%{http_code}", .. arguments], TimeSpan.FromSeconds(90));
        Assert.True(run.ExitCode == 0, run.ToString());
        var cut = run.Out.LastIndexOf('\n');
        return (int.Parse(run.Out[(cut + 1)..], System.Globalization.CultureInfo.InvariantCulture), run.Out[..cut]);
    }

    [GeneratedRegex(@"HTTP API on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex HttpUrl();
}
