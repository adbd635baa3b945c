using System.Diagnostics;
using System.Text.Json;
using OpenVisa.Managed;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Server.Tests;

/// <summary>Debian's pyvisa-py and lxi-tools talk to our VXI-11 server, found through the real rpcbind on port 111.</summary>
[Collection(RpcbindCollection.Name)]
public sealed class InteropTests
{
    private const string Resource = "TCPIP0::127.0.0.1::inst0::INSTR";

    private const string PyvisaScript = """
        import json, sys, pyvisa
        rm = pyvisa.ResourceManager('@py')
        inst = rm.open_resource(sys.argv[1])
        inst.timeout = 5000
        out = {}
        out['idn'] = inst.query('*IDN?')
        out['echo'] = inst.query('ECHO? hello there')
        inst.write('SRQ')
        out['stb'] = inst.read_stb()
        out['stb_again'] = inst.read_stb()
        inst.clear()
        inst.assert_trigger()
        inst.assert_trigger()
        out['triggers'] = inst.query('TRIG:COUN?')
        out['block'] = list(inst.query_binary_values('DATA? 70000', datatype='B'))[:8] + [len(inst.query_binary_values('DATA? 70000', datatype='B'))]
        inst.lock_excl()
        print(json.dumps({'locked': True}), flush=True)
        sys.stdin.readline()
        inst.unlock()
        out['unlocked'] = True
        inst.close()
        print(json.dumps(out), flush=True)
        """;

    [InteropFact("rpcbind", "pyvisa-py")]
    public async Task Pyvisa_py_queries_reads_the_status_byte_clears_triggers_and_locks()
    {
        Peers.Require("rpcbind", "pyvisa-py");
        await using var server = StartServer(out _);
        using var python = StartPython(PyvisaScript, Resource);
        var locked = await ReadLineAsync(python, "pyvisa-py to lock the device");
        Assert.Equal("{\"locked\": true}", locked);

        // While pyvisa-py holds the lock, another client is refused.
        using (var rm = new ResourceManager(new ManagedLibrary("")))
        {
            using var ours = rm.Open<MessageBasedResource>(Resource);
            var e = Assert.Throws<VisaException>(() => ours.Write("ECHO? x"));
            Assert.Equal(StatusCode.ErrorResourceLocked, e.Status);
            await python.StandardInput.WriteLineAsync("go");
            await python.StandardInput.FlushAsync();
            var results = JsonDocument.Parse(await ReadLineAsync(python, "pyvisa-py's results")).RootElement;
            Assert.Equal(new DemoInstrument().Identity + "\n", results.GetProperty("idn").GetString());
            Assert.Equal("hello there\n", results.GetProperty("echo").GetString());
            Assert.Equal(0x40, results.GetProperty("stb").GetInt32());
            Assert.Equal(0, results.GetProperty("stb_again").GetInt32());
            Assert.Equal("2\n", results.GetProperty("triggers").GetString());
            Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 70000], results.GetProperty("block").EnumerateArray().Select(v => v.GetInt32()));
            Assert.True(results.GetProperty("unlocked").GetBoolean());
            // The lock is gone: we get through now.
            Assert.Equal("free\n", ours.Query("ECHO? free"));
        }
        Assert.True(python.WaitForExit(10_000), "pyvisa-py did not exit.");
        Assert.Equal(0, python.ExitCode);
    }

    [InteropFact("rpcbind", "lxi")]
    public async Task Lxi_scpi_queries_our_server()
    {
        Peers.Require("rpcbind", "lxi");
        await using var server = StartServer(out _);
        var run = ProcessRun.Start(Peers.Lxi, ["scpi", "-a", "127.0.0.1", "-t", "5", "*IDN?"], TimeSpan.FromSeconds(30));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(new DemoInstrument().Identity, run.Out.Trim());
        // A command with no reply, then the error it queued: two links, one after the other, on one device.
        Assert.Equal(0, ProcessRun.Start(Peers.Lxi, ["scpi", "-a", "127.0.0.1", "NO:SUCH:COMMAND"], TimeSpan.FromSeconds(30)).ExitCode);
        var error = ProcessRun.Start(Peers.Lxi, ["scpi", "-a", "127.0.0.1", "SYST:ERR?"], TimeSpan.FromSeconds(30));
        Assert.True(error.ExitCode == 0, error.ToString());
        Assert.StartsWith("-113,\"Undefined header;NO:SUCH:COMMAND\"", error.Out.Trim());
    }

    [InteropFact("rpcbind")]
    public async Task The_server_registers_with_rpcbind_and_unregisters_when_it_stops()
    {
        Peers.Require("rpcbind");
        var server = StartServer(out var core);
        Assert.StartsWith("registered with the system portmapper at 127.0.0.1:111", server.PortmapperDescription);
        Assert.Contains($"395183    1   tcp  {core}", Rpcinfo());
        using (var rm = new ResourceManager(new ManagedLibrary("")))
        using (var ours = rm.Open<MessageBasedResource>(Resource))
            Assert.Equal(new DemoInstrument().Identity + "\n", ours.Query("*IDN?"));
        await server.StopAsync();
        Assert.DoesNotContain("395183", Rpcinfo());
    }

    [InteropFact("rpcbind")]
    public async Task Ovisa_serve_registers_serves_and_stops_cleanly_on_SIGTERM()
    {
        Peers.Require("rpcbind");
        using var serve = ServeProcess.Start("--vxi11", "--socket", "0");
        var banner = await serve.ReadUntilAsync("Stop with Ctrl-C.");
        Assert.Contains("registered with the system portmapper at 127.0.0.1:111", banner);
        Assert.Contains("VXI-11  TCPIP::127.0.0.1::inst0::INSTR", banner);
        using (var rm = new ResourceManager(new ManagedLibrary("")))
        using (var ours = rm.Open<MessageBasedResource>(Resource))
            Assert.StartsWith("OpenVisa,", ours.Query("*IDN?"));
        var (code, output) = await serve.TerminateAsync();
        Assert.Equal(0, code);
        Assert.Contains("Stopped.", output);
        Assert.DoesNotContain("395183", Rpcinfo());
    }

    [InteropFact("rpcbind")]
    public async Task Rpcinfo_gets_answers_from_our_core_channel()
    {
        Peers.Require("rpcbind");
        await using var server = StartServer(out _);
        // rpcinfo -t calls the NULL procedure of the registered program: a third-party check of our ONC RPC framing.
        var run = ProcessRun.Start("/usr/sbin/rpcinfo", ["-t", "127.0.0.1", "395183", "1"], TimeSpan.FromSeconds(10));
        Assert.True(run.ExitCode == 0 && run.Out.Contains("ready and waiting", StringComparison.Ordinal), run.ToString());
        var wrongVersion = ProcessRun.Start("/usr/sbin/rpcinfo", ["-t", "127.0.0.1", "395183", "2"], TimeSpan.FromSeconds(10));
        Assert.NotEqual(0, wrongVersion.ExitCode);
    }

    private static InstrumentServer StartServer(out int corePort)
    {
        var server = new InstrumentServer([new ServedInstrument("DEMO0::INSTR", new DemoInstrument())], new InstrumentServerOptions
        {
            Vxi11 = true,
            Portmapper = Vxi11PortmapperMode.System,
        });
        server.Start();
        corePort = server.Vxi11!.LocalEndPoint.Port;
        return server;
    }

    private static string Rpcinfo() => ProcessRun.Start("/usr/sbin/rpcinfo", ["-p", "127.0.0.1"], TimeSpan.FromSeconds(10)).Out;

    private static Process StartPython(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo(Peers.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return Process.Start(info)!;
    }

    private static async Task<string> ReadLineAsync(Process process, string what)
    {
        var line = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(line, Task.Delay(TimeSpan.FromSeconds(30))) != line || line.Result is null)
        {
            if (!process.HasExited)
                process.Kill();
            Assert.Fail($"Waited in vain for {what}. stderr: {await process.StandardError.ReadToEndAsync()}");
        }
        return line.Result!;
    }
}
