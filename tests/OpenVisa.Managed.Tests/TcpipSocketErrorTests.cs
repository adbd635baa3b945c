using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OpenVisa.Managed.Tests;

public sealed class TcpipSocketErrorTests
{
    [Fact]
    public async Task A_timeout_with_a_termination_character_says_it_did_not_arrive()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open(timeoutMs: 200);
        bench.Write(session, "SLOW? 3000");

        var e = Assert.Throws<VisaException>(() => bench.Library.Read(session, new byte[100]));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("'\\n' (0x0A) did not arrive within 200 ms", e.Message);
        Assert.Contains("nothing arrived", e.Message);
        Assert.Contains(bench.Server.ResourceName, e.Message);
    }

    [Fact]
    public async Task A_timeout_without_a_termination_character_says_the_read_termination_is_probably_missing()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open(timeoutMs: 200, termChar: false);
        bench.Write(session, "*IDN?");
        bench.WaitForReply(session);
        var started = Stopwatch.GetTimestamp();

        var e = Assert.Throws<VisaException>(() => bench.Library.Read(session, new byte[1024]));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("no termination character is enabled, so the read waits for the count (1024 bytes) or the timeout", e.Message);
        Assert.Contains($"{TestDevice.Identity.Length + 1} bytes arrived: \"{TestDevice.Identity}\\n\"", e.Message);
        Assert.Contains("set ReadTermination = \"\\n\"", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 150, 3000);
    }

    [Fact]
    public async Task A_timeout_suggests_the_termination_the_data_actually_ends_with()
    {
        await using var bench = SocketBench.Start(termination: "\r");
        var session = bench.Open(timeoutMs: 200);
        bench.Library.Write(session, "ECHO 42\r"u8);
        bench.WaitForReply(session);

        var e = Assert.Throws<VisaException>(() => bench.Library.Read(session, new byte[100]));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("3 bytes arrived: \"42\\r\"", e.Message);
        Assert.Contains("set ReadTermination = \"\\r\"", e.Message);
    }

    [Fact]
    public async Task An_immediate_timeout_fails_at_once_when_nothing_has_arrived()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open(timeoutMs: 0);

        var e = Assert.Throws<VisaException>(() => bench.Library.Read(session, new byte[10]));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("immediately (the timeout is 0)", e.Message);
    }

    [Fact]
    public async Task A_refused_connection_names_host_and_port()
    {
        var port = FreePort();
        using var library = new ManagedLibrary("");
        var rm = library.OpenDefaultResourceManager();

        var e = Assert.Throws<VisaException>(() => library.Open(rm, $"TCPIP::127.0.0.1::{port}::SOCKET", AccessMode.None, TimeSpan.FromSeconds(5)));

        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains($"Connection refused by 127.0.0.1:{port}: is the instrument listening on that port?", e.Message);
    }

    [Fact]
    public void A_host_name_that_does_not_resolve_says_so()
    {
        using var library = new ManagedLibrary("") { HostResolver = new FixedResolver() };
        var rm = library.OpenDefaultResourceManager();

        var e = Assert.Throws<VisaException>(() => library.Open(rm, "TCPIP::no-such-scope::5025::SOCKET", AccessMode.None, TimeSpan.FromSeconds(5)));

        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains("The host name \"no-such-scope\" did not resolve", e.Message);
    }

    [Fact]
    public void A_connection_that_is_never_accepted_times_out_with_the_time_waited()
    {
        // A listener whose accept queue is full drops new SYNs, so the connect hangs like an unreachable host would.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                fillers.Add(filler);
                try
                {
                    filler.Connect(IPAddress.Loopback, port);
                }
                catch (SocketException)
                {
                    // In progress: what matters is that the queue fills.
                }
            }
            using var library = new ManagedLibrary("");
            var rm = library.OpenDefaultResourceManager();
            var started = Stopwatch.GetTimestamp();

            var e = Assert.Throws<VisaException>(() => library.Open(rm, $"TCPIP::127.0.0.1::{port}::SOCKET", AccessMode.None, TimeSpan.FromMilliseconds(300)));

            Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
            Assert.Matches(@"No answer from 127\.0\.0\.1:\d+ within \d+ ms", e.Message);
            Assert.InRange(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 250, 3000);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_peer_that_closes_mid_message_is_a_lost_connection_naming_host_port_and_bytes()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        bench.Write(session, "CLOSE");

        var e = Assert.Throws<VisaException>(() => bench.Library.Read(session, new byte[100]));

        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        var endPoint = bench.Server.LocalEndPoint;
        Assert.Contains($"The instrument at {endPoint.Address}:{endPoint.Port} closed the connection after 7 bytes arrived: \"partial\"", e.Message);

        var again = Assert.Throws<VisaException>(() => bench.Write(session, "*IDN?"));
        Assert.Equal(StatusCode.ErrorConnectionLost, again.Status);
        Assert.Contains("was lost earlier", again.Message);
    }

    [Fact]
    public async Task A_peer_that_closes_before_replying_is_a_lost_connection()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        bench.Write(session, "DROP");

        var e = Assert.Throws<VisaException>(() => bench.Library.Read(session, new byte[100]));

        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Contains("closed the connection before any byte of the reply arrived", e.Message);
    }

    [Theory]
    [InlineData("TCPIP::127.0.0.1::SOCKET", "missing the port")]
    [InlineData("TCPIP::127.0.0.1::70000::SOCKET", "the port '70000' is not a number from 1 to 65535")]
    [InlineData("TCPIP::127.0.0.1::http::SOCKET", "the port 'http' is not a number from 1 to 65535")]
    [InlineData("TCPIP::::5025::SOCKET", "the host address is empty")]
    public void A_malformed_socket_name_says_which_part_is_wrong(string name, string expected)
    {
        using var library = new ManagedLibrary("");
        var rm = library.OpenDefaultResourceManager();

        var e = Assert.Throws<VisaException>(() => library.Open(rm, name, AccessMode.None, TimeSpan.FromSeconds(1)));

        Assert.Equal(StatusCode.ErrorInvalidResourceName, e.Status);
        Assert.Contains($"Cannot parse '{name}': {expected}", e.Message);
    }

    [Fact]
    public async Task Operations_a_raw_socket_lacks_are_unsupported_until_488_2_strings_are_enabled()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();

        var stb = Assert.Throws<VisaException>(() => bench.Library.ReadStb(session));
        var trigger = Assert.Throws<VisaException>(() => bench.Library.AssertTrigger(session, TriggerProtocol.Default));

        Assert.Equal(StatusCode.ErrorNonsupportedOperation, stb.Status);
        Assert.Contains("set VI_ATTR_IO_PROT to 4 (VI_PROT_4882_STRS) and ReadStb sends \"*STB?\\n\"", stb.Message);
        Assert.Equal(StatusCode.ErrorNonsupportedOperation, trigger.Status);
        Assert.Contains("AssertTrigger sends \"*TRG\\n\"", trigger.Message);
    }

    [Fact]
    public async Task With_488_2_strings_trigger_status_byte_and_clear_speak_SCPI()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        bench.Library.SetAttribute(session, VisaAttribute.IOProtocol, (ushort)4);

        bench.Library.AssertTrigger(session, TriggerProtocol.Default);
        var stb = bench.Library.ReadStb(session);
        var stbAsync = await bench.Library.ReadStbAsync(session);
        bench.Library.Clear(session);
        Assert.Equal(TestDevice.Identity + "\n", bench.Query(session, "*IDN?"));

        Assert.Equal((72, 72), (stb, stbAsync));
        Assert.Equal(1, bench.Device.Triggers);
        Assert.Equal(1, bench.Device.StatusClears);
    }

    [Fact]
    public async Task A_session_closed_while_a_read_waits_fails_that_read()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open(timeoutMs: 10_000);
        bench.Write(session, "SLOW? 10000");
        var read = Task.Run(() => bench.Library.Read(session, new byte[10]));
        await Task.Delay(200);

        bench.Library.Close(session);

        var e = await Assert.ThrowsAsync<VisaException>(() => read.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(e.Status is StatusCode.ErrorInvalidObject or StatusCode.ErrorConnectionLost, e.Message);
    }

    internal static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
