namespace OpenVisa.Native.Tests;

/// <summary>Third-party clients of libopenvisa: Debian's PyVISA through its @ivi wrapper, and a C program built with gcc.</summary>
[Collection(LibOpenVisaCollection.Name)]
public sealed class LibOpenVisaClientTests
{
    private static string ClientFile(string name) => Path.Combine(AppContext.BaseDirectory, "Clients", name);

    [PyvisaFact]
    public void Pyvisa_OverSim_QueriesBlocksStbClearLockSrqAndAttributes()
    {
        DebianPyvisa.Require();
        var run = ChildRun.Run(DebianPyvisa.Python, [ClientFile("pyvisa_client.py"), LibOpenVisaBuild.Library, "TCPIP0::sim-scope.local::inst0::INSTR", "sim"],
            new Dictionary<string, string> { ["OPENVISA_BACKEND"] = "@sim" }, TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, $"PyVISA failed ({run.ExitCode}):\n{run.Output}\n{run.Errors}");
        var lines = ChildRun.Lines(run.Output);
        Assert.Equal("True", lines["resources"]);
        Assert.Equal("OpenVisa,SIM-SCOPE4,SIM0003,1.0", lines["idn"]);
        Assert.Equal("3456 3456", lines["timeout"]);
        Assert.Equal("OpenVisa", lines["manufacturer"]);
        Assert.StartsWith("VI_ERROR_TMO: Timeout expired", lines["status_description"], StringComparison.Ordinal);
        Assert.StartsWith("True ", lines["block"], StringComparison.Ordinal);
        Assert.Equal("0", lines["stb"]);
        Assert.Equal("True", lines["locked"]);
        Assert.Equal("True False", lines["srq"]);
        Assert.Equal("OpenVisa,SIM-SCOPE4,SIM0003,1.0", lines["after_srq"]);
        Assert.Equal("ok", lines["done"]);
    }

    [PyvisaFact]
    public async Task Pyvisa_OverManagedSocket_QueriesABlockAndTimesOut()
    {
        DebianPyvisa.Require();
        await using var server = TestSocketDevice.Serve();
        var run = await Task.Run(() => ChildRun.Run(DebianPyvisa.Python, [ClientFile("pyvisa_client.py"), LibOpenVisaBuild.Library, server.ResourceName, "socket"],
            new Dictionary<string, string> { ["OPENVISA_BACKEND"] = "@managed" }, TimeSpan.FromMinutes(3)));
        Assert.True(run.ExitCode == 0, $"PyVISA failed ({run.ExitCode}):\n{run.Output}\n{run.Errors}");
        var lines = ChildRun.Lines(run.Output);
        Assert.Equal(TestSocketDevice.Identity, lines["idn"]);
        Assert.Equal("[0, 1, 2, 3, 4, 5, 6, 7]", lines["block"]);
        Assert.Equal("VI_ERROR_TMO", lines["timeout_error"]);
        Assert.Equal("OpenVisa", lines["manufacturer"]);
        Assert.Equal("ok", lines["done"]);
    }

    [Fact]
    public void CProgram_BuiltAgainstTheGeneratedHeaders_TalksToTheSimulator()
    {
        var folder = LibOpenVisaBuild.Folder;
        var program = Path.Combine(folder, "capi_client");
        NativeBuild.Gcc(["-Wall", "-Werror", "-DWITH_FORMATTED_IO", "-I", Path.Combine(folder, "include"), "-o", program, ClientFile("capi_client.c"),
            LibOpenVisaBuild.Library, "-Wl,-rpath," + folder]);
        var run = ChildRun.Run(program, [], new Dictionary<string, string> { ["OPENVISA_BACKEND"] = "@sim" }, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"the C program failed ({run.ExitCode}):\n{run.Output}\n{run.Errors}");
        var lines = ChildRun.Lines(run.Output);
        Assert.Equal(IntPtr.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), lines["attr_state_bytes"]);
        Assert.Equal("yes", lines["found"]);
        Assert.Equal("5000", lines["timeout"]);
        Assert.Equal("OpenVisa,SIM-SCOPE4,SIM0003,1.0", lines["idn"]);
        Assert.Equal("#", lines["block_header"]);
        Assert.Equal("OpenVisa,SIM-SCOPE4,SIM0003,1.0", lines["printf_scanf"]);
        Assert.Equal("1000", lines["queryf_points"]);
        Assert.Equal("0.5", lines["queryf_scale"]);
        Assert.Equal("1,-2,30;1.50  |+0042;#14ABCD;ff", lines["sprintf"]);
        Assert.Equal("3 7 8 9 rest 2 0x0102 0x0304", lines["sscanf"]);
        Assert.Equal("ok", lines["done"]);
    }

    [Fact]
    public void Headers_ComeFromOpenVisasTables()
    {
        var header = File.ReadAllText(Path.Combine(LibOpenVisaBuild.Folder, "include", "visa.h"));
        foreach (var info in VisaAttributes.All)
            Assert.Contains($"#define {info.Name}", header, StringComparison.Ordinal);
        foreach (var status in StatusCodes.All)
            Assert.Contains($"#define {status.Abbreviation}", header, StringComparison.Ordinal);
        Assert.Contains("#define VI_ATTR_TMO_VALUE                        (0x3FFF001AUL)", header, StringComparison.Ordinal);
        Assert.Contains("#define VI_ERROR_TMO                             (_VI_ERROR+0x3FFF0015L)", header, StringComparison.Ordinal);
    }
}
