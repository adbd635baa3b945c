using System.Buffers;
using System.Net;
using System.Text;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;
using OpenVisa.Managed.Tcpip.Socket;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Managed.Tests.Faults;

/// <summary>
/// Issue 18, section D: our clients and servers with a <see cref="FaultProxy"/> between them. Every query either returns
/// the right reply or fails with the right status within its timeout (plus a margin for a loaded machine); never a wrong
/// reply, never a hang.
/// </summary>
public sealed class FaultInjectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    public static TheoryData<string> Transports => new() { "SOCKET", "VXI-11", "HiSLIP" };

    public static TheoryData<string> TransportsThatNumberTheirReplies => new() { "VXI-11", "HiSLIP" };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_stalled_reply_times_out_and_after_the_stall_the_next_query_gets_its_own_reply(string transport)
    {
        await using var rig = await Rig.StartAsync(transport);
        rig.Proxy.Fault = Fault.Stall;

        var e = TimedFailure.Of(() => rig.Instrument.Query("ECHO? stalled"), Timeout, Margin);

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        rig.Proxy.Fault = Fault.None;
        rig.Instrument.Timeout = TimeSpan.FromSeconds(10);
        Assert.Equal("after", rig.Instrument.Query("ECHO? after"));
        Assert.Equal("again", rig.Instrument.Query("ECHO? again"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_delayed_reply_within_the_timeout_is_read_whole(string transport)
    {
        await using var rig = await Rig.StartAsync(transport);
        rig.Proxy.Fault = Fault.Delay;

        Assert.Equal("slow but sure", rig.Instrument.Query("ECHO? slow but sure"));
        Assert.Equal("and again", await rig.Instrument.QueryAsync("ECHO? and again"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_reset_connection_is_reported_as_lost_and_later_calls_fail_at_once(string transport)
    {
        await using var rig = await Rig.StartAsync(transport);
        rig.Proxy.Fault = Fault.Reset;

        var e = TimedFailure.Of(() => rig.Instrument.Query("ECHO? reset"), Timeout, Margin);

        Assert.Contains(e.Status, new[] { StatusCode.ErrorConnectionLost, StatusCode.ErrorIO });
        var later = TimedFailure.Of(() => rig.Instrument.Query("ECHO? later"), Timeout, Margin);
        Assert.Contains(later.Status, new[] { StatusCode.ErrorConnectionLost, StatusCode.ErrorIO });
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_reply_cut_short_by_a_closing_peer_is_an_error_never_a_value(string transport)
    {
        await using var rig = await Rig.StartAsync(transport);
        rig.Proxy.Fault = Fault.Truncate;

        var e = TimedFailure.Of(() => rig.Instrument.Query("ECHO? a reply that will not arrive whole"), Timeout, Margin);

        Assert.Contains(e.Status, new[] { StatusCode.ErrorConnectionLost, StatusCode.ErrorIO, StatusCode.ErrorTimeout });
    }

    [Theory]
    [MemberData(nameof(TransportsThatNumberTheirReplies))]
    public async Task Duplicated_replies_are_never_taken_for_a_later_querys(string transport)
    {
        // TCP never duplicates, but a faulty gateway may: VXI-11 matches RPC replies by xid, HiSLIP by message id.
        await using var rig = await Rig.StartAsync(transport);
        rig.Proxy.Fault = Fault.Duplicate;

        foreach (var text in new[] { "one", "two", "three" })
            Assert.Equal(text, rig.Instrument.Query("ECHO? " + text));
    }

    /// <summary>A server of one transport, the proxy in front of it, and a resource opened through the proxy.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private readonly IAsyncDisposable _server;
        private readonly ResourceManager _manager;

        private Rig(IAsyncDisposable server, FaultProxy proxy, string resourceName)
        {
            _server = server;
            Proxy = proxy;
            _manager = new ResourceManager(new ManagedLibrary(""));
            Instrument = _manager.Open<MessageBasedResource>(resourceName);
            Instrument.ReadTermination = "\n";
            Instrument.Timeout = Timeout;
            Assert.Equal("warm", Instrument.Query("ECHO? warm"));
        }

        public FaultProxy Proxy { get; }

        public MessageBasedResource Instrument { get; }

        public static async Task<Rig> StartAsync(string transport)
        {
            var device = new EchoDevice();
            switch (transport)
            {
                case "SOCKET":
                {
                    var server = new SocketInstrumentServer(device, new SocketServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
                    server.Start();
                    var proxy = new FaultProxy(server.LocalEndPoint);
                    return new Rig(server, proxy, $"TCPIP::127.0.0.1::{proxy.Port}::SOCKET");
                }
                case "VXI-11":
                {
                    var server = new Vxi11InstrumentServer([new KeyValuePair<string, IMessageDevice>("inst0", device)], new Vxi11ServerOptions { Portmapper = Vxi11PortmapperMode.None });
                    server.Start();
                    var proxy = new FaultProxy(server.LocalEndPoint);
                    return new Rig(server, proxy, $"TCPIP::127.0.0.1,{proxy.Port}::inst0::INSTR");
                }
                default:
                {
                    var server = new HislipServer(new IPEndPoint(IPAddress.Loopback, 0), [("hislip0", (IMessageDevice)device)]);
                    await server.StartAsync();
                    var proxy = new FaultProxy(server.LocalEndPoint);
                    return new Rig(server, proxy, $"TCPIP::127.0.0.1::hislip0,{proxy.Port}::INSTR");
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            Proxy.Fault = Fault.None;
            Instrument.Dispose();
            _manager.Dispose();
            Proxy.Dispose();
            await _server.DisposeAsync();
        }
    }

    /// <summary>Answers <c>ECHO? text</c> with the text, and <c>*IDN?</c> and <c>*OPC?</c> as IEEE 488.2 instruments do.</summary>
    private sealed class EchoDevice : IMessageDevice
    {
        public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
        {
            var text = Encoding.Latin1.GetString(message.Span).TrimEnd('\n');
            var answer = text.StartsWith("ECHO? ", StringComparison.Ordinal) ? text[6..]
                : text == "*IDN?" ? "OpenVisa,Echo,0,1.0"
                : text == "*OPC?" ? "1"
                : null;
            if (answer is null)
                return ValueTask.FromResult(false);
            reply.Write(Encoding.Latin1.GetBytes(answer));
            return ValueTask.FromResult(true);
        }
    }
}
