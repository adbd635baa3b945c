using System.Net;
using System.Net.Sockets;
using OpenVisa.Cli;
using OpenVisa.Managed;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Server.Tests;

public sealed class InstrumentServerTests
{
    [Fact]
    public async Task Each_instrument_gets_consecutive_SOCKET_ports_and_VXI11_names()
    {
        var port = FreePortRun(3);
        var first = new DemoInstrument("first");
        var second = new DemoInstrument("second");
        await using var server = new InstrumentServer([new("FIRST::INSTR", first), new("SECOND::INSTR", second)], new InstrumentServerOptions
        {
            SocketPort = port,
            Vxi11 = true,
            Portmapper = Vxi11PortmapperMode.None,
        });
        server.Start();
        Assert.Equal(
            [
                new("FIRST::INSTR", "SOCKET", $"TCPIP::127.0.0.1::{port}::SOCKET"),
                new("SECOND::INSTR", "SOCKET", $"TCPIP::127.0.0.1::{port + 1}::SOCKET"),
                new("FIRST::INSTR", "VXI-11", server.Vxi11!.ResourceNameFor("inst0")),
                new ServedEndpoint("SECOND::INSTR", "VXI-11", server.Vxi11.ResourceNameFor("inst1")),
            ],
            server.Endpoints);
        Assert.Equal(["inst0", "inst1", "FIRST::INSTR", "SECOND::INSTR"], server.Vxi11.DeviceNames);
        using var rm = new ResourceManager(new ManagedLibrary(""));
        foreach (var endpoint in server.Endpoints)
        {
            using var inst = rm.Open<MessageBasedResource>(endpoint.ResourceName);
            inst.ReadTermination = "\n";
            var expected = endpoint.Instrument == "FIRST::INSTR" ? first.Identity : second.Identity;
            Assert.Equal(expected, inst.Query("*IDN?"));
        }
    }

    [Fact]
    public async Task Every_instrument_is_served_over_HiSLIP_as_hislip0_hislip1()
    {
        var first = new DemoInstrument("first");
        var second = new DemoInstrument("second");
        await using var server = new InstrumentServer([new("FIRST::INSTR", first), new("SECOND::INSTR", second)], new InstrumentServerOptions { HislipPort = 0 });
        server.Start();
        Assert.Equal(["HiSLIP", "HiSLIP"], server.Endpoints.Select(e => e.Protocol));
        Assert.Contains("::hislip0", server.Endpoints[0].ResourceName, StringComparison.Ordinal);
        Assert.Contains("::hislip1", server.Endpoints[1].ResourceName, StringComparison.Ordinal);
        using var rm = new ResourceManager(new ManagedLibrary(""));
        foreach (var endpoint in server.Endpoints)
        {
            using var inst = rm.Open<TcpipInstrResource>(endpoint.ResourceName);
            Assert.True(inst.IsHislip);
            var expected = endpoint.Instrument == "FIRST::INSTR" ? first.Identity : second.Identity;
            Assert.Equal(expected, inst.Query("*IDN?").TrimEnd('\n'));
        }
    }

    [Fact]
    public async Task A_HiSLIP_port_in_use_is_reported_with_the_port()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        await using var server = new InstrumentServer([new("DEMO", new DemoInstrument())], new InstrumentServerOptions { HislipPort = port });
        var e = Assert.Throws<InvalidOperationException>(server.Start);
        Assert.Contains($"Could not serve HiSLIP on 127.0.0.1:{port}", e.Message);
        Assert.Contains("already in use", e.Message);
    }

    [Fact]
    public async Task A_port_in_use_is_reported_with_the_port_and_nothing_stays_open()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        await using var server = new InstrumentServer([new("DEMO", new DemoInstrument())], new InstrumentServerOptions { SocketPort = port, Vxi11 = true, Portmapper = Vxi11PortmapperMode.None });
        var e = Assert.Throws<InvalidOperationException>(server.Start);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Contains("already in use", e.Message);
        Assert.Null(server.Vxi11);
    }

    [Fact]
    public void Nothing_to_serve_on_or_nothing_to_serve_is_refused()
    {
        var none = Assert.Throws<ArgumentException>(() => new InstrumentServer([new("DEMO", new DemoInstrument())], new InstrumentServerOptions()));
        Assert.Contains("choose a SOCKET port, VXI-11, HiSLIP, HTTP, or several", none.Message);
        var empty = Assert.Throws<ArgumentException>(() => new InstrumentServer([], new InstrumentServerOptions { Vxi11 = true }));
        Assert.Contains("no instrument", empty.Message);
        var ports = Assert.Throws<ArgumentException>(() => new InstrumentServer([new("A", new DemoInstrument()), new("B", new DemoInstrument())], new InstrumentServerOptions { SocketPort = 65535 }));
        Assert.Contains("65535 to 65536", ports.Message);
    }

    [Theory]
    [InlineData(new[] { "serve" }, "nothing to serve on: give --socket PORT, --vxi11, --hislip [PORT], --http PORT, or several")]
    [InlineData(new[] { "serve", "--http", "70000" }, "--http 70000 is not a port number")]
    [InlineData(new[] { "serve", "--http", "0", "--http-token-file", "/no/such/token" }, "--http-token-file: the file \"/no/such/token\" does not exist")]
    [InlineData(new[] { "serve", "--http", "0", "--http-timeout", "0" }, "--http-timeout 0 must be a positive number of milliseconds")]
    [InlineData(new[] { "serve", "--hislip", "70000" }, "--hislip 70000 is not a port number")]
    [InlineData(new[] { "serve", "--hislip", "0", "--hislip-user", "nopassword" }, "--hislip-user \"nopassword\" is not NAME:PASSWORD")]
    [InlineData(new[] { "serve", "--hislip", "0", "--hislip-user", "alice:s3cret" }, "--hislip-user needs --hislip-cert FILE: HiSLIP clients authenticate only over TLS")]
    [InlineData(new[] { "serve", "--demo", "--socket", "0", "--max-reply-bytes", "0" }, "--max-reply-bytes 0 is not a size: give a number of bytes of at least 1")]
    [InlineData(new[] { "serve", "--demo", "--socket", "0", "--max-clients", "0" }, "--max-clients 0 is not a number of clients: give 1 or more")]
    [InlineData(new[] { "serve", "--demo", "--hislip", "0", "--max-sessions-per-client", "-1" }, "--max-sessions-per-client -1 is not a number of sessions: give 1 or more")]
    [InlineData(new[] { "serve", "--demo", "--vxi11", "--max-message-bytes", "0" }, "--max-message-bytes 0 is not a number of bytes: give 1 or more")]
    [InlineData(new[] { "serve", "--vxi11", "--bind", "nowhere" }, "--bind \"nowhere\" is not an IP address")]
    [InlineData(new[] { "serve", "--socket", "70000" }, "--socket 70000 is not a port number")]
    [InlineData(new[] { "serve", "--vxi11", "--sim", "/no/such/file.yaml" }, "the simulator file \"/no/such/file.yaml\" does not exist")]
    [InlineData(new[] { "serve", "--vxi11", "--sim", "a.yaml", "--resource", "TCPIP::1.2.3.4::INSTR" }, "give one of --sim FILE, --resource NAME or --demo, not several")]
    public void Serve_usage_errors_exit_2_saying_what_is_wrong(string[] args, string message)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliContext(output, error, new StringReader("")));
        Assert.Equal(CliApp.BadUsage, code);
        Assert.Contains(message, error.ToString());
    }

    [Fact]
    public async Task Ovisa_serve_without_a_portmapper_prints_where_it_serves_and_stops_on_SIGTERM()
    {
        using var serve = ServeProcess.Start("--demo", "--vxi11", "--socket", "0", "--portmapper", "none", "--json");
        var json = await serve.ReadUntilAsync("\n}\n");
        var root = System.Text.Json.JsonDocument.Parse(json[json.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        var endpoints = root.GetProperty("instruments")[0].GetProperty("endpoints").EnumerateArray().ToDictionary(e => e.GetProperty("protocol").GetString()!, e => e.GetProperty("resourceName").GetString()!);
        Assert.StartsWith("no portmapper", root.GetProperty("portmapper").GetString());
        using (var rm = new ResourceManager(new ManagedLibrary("")))
        {
            using var viaVxi11 = rm.Open<MessageBasedResource>(endpoints["VXI-11"]);
            Assert.StartsWith("OpenVisa,", viaVxi11.Query("*IDN?"));
            using var viaSocket = rm.Open<MessageBasedResource>(endpoints["SOCKET"]);
            Assert.StartsWith("OpenVisa,", viaSocket.Query("*IDN?"));
        }
        var (code, _) = await serve.TerminateAsync();
        Assert.Equal(0, code);
    }

    /// <summary>A base port with <paramref name="count"/> free ports after it (checked, not guaranteed to stay free).</summary>
    private static int FreePortRun(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var start = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            if (start + count > 65535)
                continue;
            var listeners = new List<TcpListener>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, start + i);
                    listener.Start();
                    listeners.Add(listener);
                }
                return start;
            }
            catch (SocketException)
            {
            }
            finally
            {
                foreach (var listener in listeners)
                    listener.Stop();
            }
        }
        throw new InvalidOperationException("No run of free ports found.");
    }
}
