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
