using System.Security.Cryptography;
using OpenVisa.Cli;
using OpenVisa.TestSupport.Serial;

namespace OpenVisa.Server.Tests;

/// <summary>Serving over a serial line: the server on one end of a socat pty pair, a client on the other.</summary>
public sealed class SerialServeTests
{
    // pyvisa-py opens the other pty as an ASRL INSTR, as it would a USB-serial adapter.
    private const string PyvisaClient = """
        import hashlib, sys, pyvisa
        rm = pyvisa.ResourceManager('@py')
        inst = rm.open_resource(sys.argv[1], read_termination='\n', write_termination='\n', timeout=60000, baud_rate=115200)
        print(inst.query('*IDN?'))
        data = inst.query_binary_values('DATA? 65536', datatype='B', container=bytes)
        print(len(data))
        print(hashlib.sha256(data).hexdigest())
        print(inst.query('*IDN?'))
        inst.close()
        rm.close()
        """;

    [PtyFact]
    public async Task Our_client_reads_a_mebibyte_block_from_an_instrument_served_on_a_serial_line()
    {
        const int Length = 1 << 20;
        using var pair = PtyPair.Start();
        var demo = new DemoInstrument();
        await using var server = new InstrumentServer([new ServedInstrument("demo", demo)], new InstrumentServerOptions { SerialDevice = pair.B });
        server.Start();
        using var rm = new ResourceManager("@managed");
        using var port = rm.Open<SerialResource>(pair.ResourceName);
        port.Timeout = TimeSpan.FromSeconds(60);

        Assert.Equal(demo.Identity, port.Query("*IDN?"));
        var block = port.QueryBinaryValues<byte>($"DATA? {Length}");

        Assert.Equal(Length, block.Length);
        Assert.All(Enumerable.Range(0, Length).Where(i => i % 4099 == 0), i => Assert.Equal((byte)i, block[i]));
        Assert.Equal(demo.Identity, await port.QueryAsync("*IDN?"));
        Assert.Contains(server.Endpoints, e => e.Protocol == "Serial" && e.ResourceName == $"ASRL{pair.B}::INSTR");
    }

    [PtyFact]
    public async Task Ovisa_query_with_attribute_sets_the_baud_rate_and_reports_refused_or_unknown_attributes()
    {
        using var pair = PtyPair.Start();
        var demo = new DemoInstrument();
        await using var server = new InstrumentServer([new ServedInstrument("demo", demo)], new InstrumentServerOptions { SerialDevice = pair.B });
        server.Start();

        var (code, output, error) = Ovisa("query", pair.ResourceName, "*IDN?", "--attribute", "VI_ATTR_ASRL_BAUD=115200", "--attribute", "VI_ATTR_TMO_VALUE=20000", "-b", "@managed");
        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Equal(demo.Identity + "\n", output);

        (code, _, error) = Ovisa("query", pair.ResourceName, "*IDN?", "--attribute", "VI_ATTR_ASRL_PARITY=even", "-b", "@managed");
        Assert.Equal(CliApp.VisaError, code);
        Assert.StartsWith("VI_ERROR_NSUP_ATTR_STATE", error);
        Assert.Contains("VI_ATTR_ASRL_PARITY", error);

        (code, _, error) = Ovisa("query", pair.ResourceName, "*IDN?", "--attribute", "VI_ATTR_NO_SUCH=1", "-b", "@managed");
        Assert.Equal(2, code);
        Assert.Contains("VI_ATTR_NO_SUCH", error);

        (code, _, error) = Ovisa("write", pair.ResourceName, "*CLS", "--attribute", "VI_ATTR_ASRL_BAUD", "-b", "@managed");
        Assert.Equal(2, code);
        Assert.Contains("NAME=VALUE", error);
    }

    private static (int Code, string Output, string Error) Ovisa(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliContext(output, error, new StringReader("")));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Serving_on_a_serial_device_that_does_not_exist_says_which_device()
    {
        var server = new InstrumentServer([new ServedInstrument("demo", new DemoInstrument())], new InstrumentServerOptions { SerialDevice = "/dev/ttyOVISA-none" });

        var e = Assert.Throws<InvalidOperationException>(server.Start);

        Assert.Contains("/dev/ttyOVISA-none", e.Message);
        Assert.Contains("no serial device", e.Message);
    }

    [SerialInteropFact]
    public async Task PyvisaPy_talks_to_ovisa_serve_serial_as_to_an_rs232_instrument()
    {
        Peers.Require("pyvisa-py");
        using var pair = PtyPair.Start();
        using var serve = ServeProcess.Start("--demo", "--serial", pair.B);
        var announced = await serve.ReadUntilAsync("Stop with Ctrl-C.");
        Assert.Contains($"Serial  ASRL{pair.B}::INSTR", announced);

        var python = ProcessRun.Start(Peers.Python, ["-c", PyvisaClient, pair.ResourceName], TimeSpan.FromSeconds(120));

        Assert.True(python.ExitCode == 0, $"pyvisa-py failed (exit {python.ExitCode}): {python.Error}");
        var lines = python.Out.Split('\n');
        Assert.StartsWith("OpenVisa,Demo Instrument,", lines[0]);
        Assert.Equal("65536", lines[1]);
        var expected = Enumerable.Range(0, 65536).Select(i => (byte)i).ToArray();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), lines[2]);
        Assert.Equal(lines[0], lines[3]);
        var (exitCode, _) = await serve.TerminateAsync();
        Assert.Equal(0, exitCode);
    }
}

/// <summary>A fact over a pty pair that also needs pyvisa-py: skipped with the reason when a peer is missing, except on CI.</summary>
public sealed class SerialInteropFactAttribute : FactAttribute
{
    public SerialInteropFactAttribute()
    {
        if (Peers.InCi)
            return;
        var missing = SerialPeers.Missing ?? Peers.Missing("pyvisa-py");
        if (missing is not null)
            Skip = $"Skipped: {missing}.";
    }
}
