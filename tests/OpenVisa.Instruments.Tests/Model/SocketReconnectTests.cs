using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Instruments.Tests.Model;

/// <summary>
/// Reconnecting over a real TCPIP SOCKET connection: the @managed backend against a loopback
/// <see cref="SocketInstrumentServer"/> that drops the client's connection on request.
/// </summary>
public sealed class SocketReconnectTests
{
    private static readonly ReconnectPolicy Policy = new() { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task When_the_server_drops_the_connection_the_instrument_reopens_and_repeats_the_command()
    {
        var device = new DroppingDevice();
        await using var server = new SocketInstrumentServer(device);
        server.Start();
        using var manager = new ResourceManager("@managed");
        await using var inst = new Instrument(TestNames.Unique("sock"), manager.Open<MessageBasedResource>(server.ResourceName),
            new InstrumentOptions { ReadTermination = "\n", Timeout = TimeSpan.FromSeconds(5), Reconnect = Policy });
        var volt = new Parameter<double>("volt", inst) { GetCommand = "VOLT?", SetCommand = "VOLT {0}" };
        await volt.SetAsync(1.5);
        var first = inst.Resource;
        // A write returns once sent; a round trip makes sure the server has handled it before the drop is armed.
        await inst.AskAsync("*IDN?");

        device.DropNext = true;
        Assert.Equal(1.5, await volt.GetAsync());
        Assert.Equal(1, inst.ReconnectCount);
        Assert.NotSame(first, inst.Resource);
        Assert.Equal(1, server.ConnectionCount);
        // The dropped VOLT? never reached the device; the repeated one did.
        Assert.Equal(["VOLT 1.5", "VOLT?"], device.Received);

        // A write the server drops is only noticed at the next exchange; with the error check after writes that
        // exchange belongs to the write, so the write is repeated too.
        inst.ErrorCheck = ErrorCheckMode.AfterWrite;
        device.DropNext = true;
        volt.Set(2.5);
        Assert.Equal(2, inst.ReconnectCount);
        Assert.Equal(2.5, volt.Get());
        Assert.Equal(["VOLT 1.5", "VOLT?", "VOLT 2.5", "VOLT?"], device.Received.Where(c => c != "SYST:ERR?"));
    }

    [Fact]
    public async Task When_the_server_is_gone_the_attempts_run_out_with_a_clear_message()
    {
        var device = new DroppingDevice();
        var server = new SocketInstrumentServer(device);
        server.Start();
        using var manager = new ResourceManager("@managed");
        await using var inst = new Instrument(TestNames.Unique("sock"), manager.Open<MessageBasedResource>(server.ResourceName),
            new InstrumentOptions { ReadTermination = "\n", Timeout = TimeSpan.FromSeconds(2), Reconnect = Policy });
        Assert.Equal(DroppingDevice.Identity, await inst.AskAsync("*IDN?"));
        await server.DisposeAsync();
        var e = await Assert.ThrowsAsync<InstrumentConnectionException>(async () => await inst.AskAsync("*IDN?"));
        Assert.Contains($"{inst.Name} lost its connection while sending '*IDN?' and did not get it back after 3 attempts.", e.Message);
        Assert.Contains("The last reopen failed", e.Message);
        Assert.Equal(0, inst.ReconnectCount);
    }

    [Fact]
    public async Task A_set_after_the_server_restarted_reaches_the_new_server_or_throws()
    {
        // Issue 18, item 3: TCP takes the first write to a closed peer without error, so the set used to be lost while
        // the cache claimed it.
        var first = new DroppingDevice();
        var server = new SocketInstrumentServer(first);
        server.Start();
        var endPoint = server.LocalEndPoint;
        using var manager = new ResourceManager("@managed");
        await using var inst = new Instrument(TestNames.Unique("sock"), manager.Open<MessageBasedResource>(server.ResourceName),
            new InstrumentOptions { ReadTermination = "\n", Timeout = TimeSpan.FromSeconds(5), Reconnect = Policy });
        var volt = new Parameter<double>("volt", inst) { GetCommand = "VOLT?", SetCommand = "VOLT {0}" };
        volt.Set(1.0);
        Assert.Equal(1.0, volt.Get());

        await server.DisposeAsync();
        var second = new DroppingDevice();
        await using var restarted = new SocketInstrumentServer(second, new SocketServerOptions { EndPoint = endPoint });
        restarted.Start();
        Thread.Sleep(500); // the old connection's close has reached the client

        volt.Set(4.0);

        Assert.Equal(1, inst.ReconnectCount);
        Assert.Equal(4.0, volt.Get()); // a round trip, so the server has handled the set before it is checked
        Assert.Equal(["VOLT 4", "VOLT?"], second.Received);
    }

    [Fact]
    public async Task Without_reconnecting_a_set_to_a_closed_connection_throws_and_the_cache_keeps_the_old_value()
    {
        var device = new DroppingDevice();
        var server = new SocketInstrumentServer(device);
        server.Start();
        using var manager = new ResourceManager("@managed");
        await using var inst = new Instrument(TestNames.Unique("sock"), manager.Open<MessageBasedResource>(server.ResourceName),
            new InstrumentOptions { ReadTermination = "\n", Timeout = TimeSpan.FromSeconds(5) });
        var volt = new Parameter<double>("volt", inst) { GetCommand = "VOLT?", SetCommand = "VOLT {0}" };
        volt.Set(1.0);
        Assert.Equal(1.0, volt.Get());
        await server.DisposeAsync();
        Thread.Sleep(100);

        var e = Assert.IsType<VisaException>(Assert.Throws<ParameterException>(() => volt.Set(4.0)).InnerException);

        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Contains("has closed the connection (found before this write, so nothing of it was sent)", e.Message);
        Assert.Equal(1.0, volt.Cache.Get(getIfInvalid: false));
        Assert.False(inst.Connection.IsConnected);
        Assert.Contains("reconnecting is off", inst.Connection.Describe(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task After_the_attempts_run_out_a_later_command_tries_again_once_the_backoff_has_passed()
    {
        // Issue 18, item 2: the instrument used to stay on a closed resource for good.
        var device = new DroppingDevice();
        var server = new SocketInstrumentServer(device);
        server.Start();
        var endPoint = server.LocalEndPoint;
        using var manager = new ResourceManager("@managed");
        var policy = Policy with { MaxDelay = TimeSpan.FromMilliseconds(600) };
        await using var inst = new Instrument(TestNames.Unique("sock"), manager.Open<MessageBasedResource>(server.ResourceName),
            new InstrumentOptions { ReadTermination = "\n", Timeout = TimeSpan.FromSeconds(2), Reconnect = policy });
        Assert.Equal(DroppingDevice.Identity, inst.Ask("*IDN?"));
        await server.DisposeAsync();
        Assert.Throws<InstrumentConnectionException>(() => inst.Ask("*IDN?"));
        var state = inst.Connection;
        Assert.False(state.IsConnected);
        Assert.NotNull(state.DisconnectedSince);
        Assert.NotNull(state.NextAttempt);

        // Before the next attempt is due, a command fails at once and says when it is.
        var early = Assert.Throws<InstrumentConnectionException>(() => inst.Ask("*IDN?"));
        Assert.Contains("is in", early.Message);
        Assert.Contains("call Reopen() to try now", early.Message);
        Assert.Contains("disconnected since", early.Message);

        await using var restarted = new SocketInstrumentServer(new DroppingDevice(), new SocketServerOptions { EndPoint = endPoint });
        restarted.Start();
        Thread.Sleep(700);

        Assert.Equal(DroppingDevice.Identity, inst.Ask("*IDN?"));
        Assert.True(inst.Connection.IsConnected);
        Assert.Equal(1, inst.ReconnectCount);
    }

    [Fact]
    public async Task Reopen_brings_a_disconnected_instrument_back_at_once_and_fails_clearly_when_it_cannot()
    {
        var device = new DroppingDevice();
        var server = new SocketInstrumentServer(device);
        server.Start();
        var endPoint = server.LocalEndPoint;
        using var manager = new ResourceManager("@managed");
        await using var inst = new Instrument(TestNames.Unique("sock"), manager.Open<MessageBasedResource>(server.ResourceName),
            new InstrumentOptions { ReadTermination = "\n", Timeout = TimeSpan.FromSeconds(2), Reconnect = Policy with { MaxDelay = TimeSpan.FromMinutes(5) } });
        Assert.Equal(DroppingDevice.Identity, inst.Ask("*IDN?"));
        await server.DisposeAsync();
        Assert.Throws<InstrumentConnectionException>(() => inst.Ask("*IDN?"));

        var failed = Assert.Throws<InstrumentConnectionException>(() => inst.Reopen());
        Assert.Contains($"{inst.Name} could not reopen {inst.Address}", failed.Message);
        Assert.False(inst.Connection.IsConnected);

        await using var restarted = new SocketInstrumentServer(new DroppingDevice(), new SocketServerOptions { EndPoint = endPoint });
        restarted.Start();
        await inst.ReopenAsync();

        Assert.True(inst.Connection.IsConnected);
        Assert.Equal("connected", inst.Connection.Describe(DateTimeOffset.UtcNow));
        Assert.Equal(DroppingDevice.Identity, inst.Ask("*IDN?"));
    }

    /// <summary>Stores VOLT, answers *IDN? and VOLT?, and drops the connection instead of handling a message when asked.</summary>
    private sealed class DroppingDevice : IMessageDevice
    {
        public const string Identity = "OpenVisa,Dropping,1,1.0";
        private readonly ConcurrentQueue<string> _received = new();
        private double _volts;
        private int _dropNext;

        public bool DropNext
        {
            set => Volatile.Write(ref _dropNext, value ? 1 : 0);
        }

        public IReadOnlyList<string> Received => [.. _received];

        public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _dropNext, 0) == 1)
                throw new MessageDeviceDisconnectException("The test drops this connection.");
            var text = Encoding.Latin1.GetString(message.Span);
            if (text != "*IDN?")
                _received.Enqueue(text);
            if (text == "*IDN?")
                return Reply(reply, Identity);
            if (text == "SYST:ERR?")
                return Reply(reply, "+0,\"No error\"");
            if (text == "VOLT?")
                return Reply(reply, _volts.ToString("R", CultureInfo.InvariantCulture));
            if (text.StartsWith("VOLT ", StringComparison.Ordinal))
                _volts = double.Parse(text[5..], CultureInfo.InvariantCulture);
            return ValueTask.FromResult(false);
        }

        private static ValueTask<bool> Reply(IBufferWriter<byte> reply, string text)
        {
            reply.Write(Encoding.Latin1.GetBytes(text));
            return ValueTask.FromResult(true);
        }
    }
}
