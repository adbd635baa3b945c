using System.Globalization;
using System.Text.RegularExpressions;
using OpenVisa.Cli;

namespace OpenVisa.Server.Tests;

/// <summary><c>ovisa serve --prologix</c>: the served instruments behind an emulated Prologix GPIB-ETHERNET adapter.</summary>
public sealed partial class PrologixServeTests
{
    [Fact]
    public void Instruments_keep_their_own_gpib_address_and_the_others_get_the_free_ones_from_1()
    {
        var addresses = PrologixAddresses.Assign(["TCPIP::10.0.0.2::INSTR", "GPIB0::1::INSTR", "demo", "GPIB1::3::INSTR"]);

        Assert.Equal([2, 1, 4, 3], addresses);
        var e = Assert.Throws<ArgumentException>(() => PrologixAddresses.Assign(["GPIB0::5::INSTR", "GPIB1::5::INSTR"]));
        Assert.Contains("GPIB address 5", e.Message);
    }

    [Fact]
    public async Task Each_instrument_answers_at_its_address_through_a_prlgx_interface_binding()
    {
        var first = new DemoInstrument("first");
        var second = new DemoInstrument("second");
        await using var server = new InstrumentServer([new ServedInstrument("first", first), new ServedInstrument("second", second)], new InstrumentServerOptions { PrologixPort = 0 });
        server.Start();
        using var rm = new ResourceManager("@managed");

        using var intfc = rm.Open(server.Prologix!.InterfaceResourceName.Replace("PRLGX-TCPIP0", "PRLGX-TCPIP17", StringComparison.Ordinal));
        using var one = rm.Open<GpibInstrResource>("GPIB17::1::INSTR");
        using var two = rm.Open<GpibInstrResource>("GPIB17::2::INSTR");
        one.ReadTermination = two.ReadTermination = "\n";
        one.Timeout = two.Timeout = TimeSpan.FromSeconds(30);

        Assert.Equal(first.Identity, one.Query("*IDN?"));
        Assert.Equal(second.Identity, two.Query("*IDN?"));
        Assert.Equal(Enumerable.Range(0, 100_000).Select(i => (byte)i), one.QueryBinaryValues<byte>("DATA? 100000"));
        Assert.Equal([("first", "GPIB0::1::INSTR"), ("second", "GPIB0::2::INSTR")],
            server.Endpoints.Where(e => e.Protocol == "Prologix").Select(e => (e.Instrument, e.ResourceName)));
    }

    [Fact]
    public async Task Ovisa_query_with_the_gpib0_binding_reaches_ovisa_serve_prologix()
    {
        using var serve = ServeProcess.Start("--demo", "--prologix", "0");
        var announced = await serve.ReadUntilAsync("Stop with Ctrl-C.");
        var binding = Binding().Match(announced);
        Assert.True(binding.Success, announced);
        Assert.Contains("Prologix GPIB0::1::INSTR", announced);

        var ovisa = typeof(CliApp).Assembly.Location;
        var query = ProcessRun.Start("dotnet", [ovisa, "query", "GPIB0::1::INSTR", "*IDN?", "--read-termination", "\\n", "-b", "@managed"], TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string> { ["OPENVISA_GPIB0"] = binding.Groups[1].Value });
        var version = ProcessRun.Start("dotnet", [ovisa, "query", binding.Groups[2].Value, "++ver", "-b", "@managed"], TimeSpan.FromSeconds(60));

        Assert.True(query.ExitCode == 0, query.ToString());
        Assert.StartsWith("OpenVisa,Demo Instrument,", query.Out);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith("OpenVisa Prologix GPIB-ETHERNET emulator", version.Out);
        var (exitCode, _) = await serve.TerminateAsync();
        Assert.Equal(0, exitCode);
    }

    [GeneratedRegex(@"OPENVISA_GPIB0=(prologix:tcp://127\.0\.0\.1:\d+), or open (PRLGX-TCPIP0::127\.0\.0\.1::\d+::INTFC)")]
    private static partial Regex Binding();
}
