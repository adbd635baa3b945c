using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using OpenVisa.Managed.Server;
using OpenVisa.Server.Http;

namespace OpenVisa.Server.Tests.Http;

/// <summary>The decorator that puts every client's messages on the event stream, and what it must leave alone.</summary>
public sealed class TrafficReportingDeviceTests
{
    /// <summary>Answers every message with the same bytes, allocating nothing.</summary>
    private sealed class FixedReplyDevice(byte[] answer) : IMessageDevice
    {
        public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
        {
            reply.Write(answer);
            return ValueTask.FromResult(true);
        }
    }

    private static async Task<List<JsonElement>> TrafficAsync(ChannelReader<ServerEvent> reader, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<JsonElement>();
        while (events.Count < count)
        {
            var item = await reader.ReadAsync(deadline.Token);
            Assert.Equal("traffic", item.Kind);
            events.Add(JsonDocument.Parse(item.Data).RootElement.Clone());
        }
        return events;
    }

    [Fact]
    public void Without_listeners_a_message_goes_straight_through_without_allocating()
    {
        var device = new TrafficReportingDevice(new FixedReplyDevice("1"u8.ToArray()), "X::INSTR", new ServerEventHub());
        var reply = new ArrayBufferWriter<byte>(64);
        var message = "*OPC?"u8.ToArray().AsMemory();
        var client = new ServedClient("SOCKET", "127.0.0.1:1", device);
        void Once()
        {
            reply.ResetWrittenCount();
            using (ServedClient.Calling(client))
                Assert.True(device.HandleMessageAsync(message, reply, CancellationToken.None).Result);
        }
        Once();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
            Once();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"10,000 messages with nobody listening allocated {allocated} bytes; the decorator must add nothing then");
        Assert.Equal("1"u8.ToArray(), reply.WrittenSpan.ToArray());
    }

    [Fact]
    public async Task With_a_listener_each_message_and_reply_is_published_with_the_calling_client()
    {
        var events = new ServerEventHub();
        var reader = events.Subscribe(out var handle);
        var device = new TrafficReportingDevice(new DemoInstrument("SN3"), "DEMO::INSTR", events);
        var reply = new ArrayBufferWriter<byte>();
        var client = new ServedClient("HiSLIP", "127.0.0.1:4880", device, "session 1 on hislip0");
        ValueTask<bool> pending;
        using (ServedClient.Calling(client))
            pending = device.HandleMessageAsync("*IDN?"u8.ToArray(), reply, CancellationToken.None);
        Assert.True(await pending);
        Assert.Null(ServedClient.Current);
        // The reply reached the server's buffer whole, and a server that names no client is shown as none.
        Assert.StartsWith("OpenVisa,Demo Instrument,SN3", System.Text.Encoding.ASCII.GetString(reply.WrittenSpan));
        reply.ResetWrittenCount();
        Assert.True(await device.HandleMessageAsync("DATA? 1000"u8.ToArray(), reply, CancellationToken.None));
        Assert.Equal(1006, reply.WrittenCount);

        var traffic = await TrafficAsync(reader, 4);
        Assert.Equal(("write", "*IDN?", "HiSLIP", "127.0.0.1:4880"),
            (traffic[0].GetProperty("direction").GetString(), traffic[0].GetProperty("message").GetString(), traffic[0].GetProperty("transport").GetString(), traffic[0].GetProperty("client").GetString()));
        Assert.Equal("read", traffic[1].GetProperty("direction").GetString());
        Assert.StartsWith("OpenVisa,Demo Instrument,SN3", traffic[1].GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, traffic[2].GetProperty("transport").ValueKind);
        Assert.Equal("#41000… (1006 bytes)", traffic[3].GetProperty("message").GetString());
        Assert.Equal(1006, traffic[3].GetProperty("length").GetInt64());
        events.Unsubscribe(handle);
    }

    [Fact]
    public async Task Service_requests_pass_through_and_the_lock_is_the_wrapped_devices()
    {
        var demo = new DemoInstrument();
        var device = new TrafficReportingDevice(demo, "DEMO::INSTR", new ServerEventHub());
        Assert.Same(MessageDeviceLock.For(demo), MessageDeviceLock.For(device));
        Assert.Same(MessageDeviceLock.For(demo), MessageDeviceLock.For(new TrafficReportingDevice(device, "again", new ServerEventHub())));
        var requested = new TaskCompletionSource<byte>();
        device.ServiceRequested += (_, stb) => requested.TrySetResult(stb);
        await device.HandleMessageAsync("SRQ"u8.ToArray(), new ArrayBufferWriter<byte>(), CancellationToken.None);
        Assert.Equal(0x40, await requested.Task.WaitAsync(TimeSpan.FromSeconds(30)) & 0x40);
    }

    [Fact]
    public void A_long_reply_is_previewed_from_its_first_bytes_and_its_length()
    {
        var text = new string('A', 300);
        Assert.Equal(new string('A', 32) + "… (300 bytes)", TrafficPreview.Describe(System.Text.Encoding.ASCII.GetBytes(text)));
        Assert.Equal(new string('A', 32) + "… (5000000 bytes)", TrafficPreview.Describe(System.Text.Encoding.ASCII.GetBytes(text[..257]), 5_000_000));
        Assert.Equal("short", TrafficPreview.Describe("short"u8, 5));
    }

    [Fact]
    public void The_registry_keeps_clients_of_its_instruments_only_and_says_when_they_come_and_go()
    {
        var demo = new DemoInstrument();
        var wrapped = new TrafficReportingDevice(demo, "DEMO::INSTR", new ServerEventHub());
        var registry = new ServedClientRegistry([new ServedInstrument("DEMO::INSTR", wrapped)]);
        var changes = new List<ServedClientChange>();
        registry.Changed += (_, change) => changes.Add(change);
        var viaWrapper = new ServedClient("SOCKET", "127.0.0.1:1", wrapped);
        var viaDevice = new ServedClient("VXI-11", "127.0.0.1:2", demo, "link 1 to inst0", () => true);
        var stranger = new ServedClient("SOCKET", "127.0.0.1:3", new DemoInstrument());
        registry.Attached(viaWrapper);
        registry.Attached(viaDevice);
        registry.Attached(stranger);
        Assert.Equal([viaWrapper, viaDevice], registry.Of("demo::instr"));
        Assert.True(registry.Of("DEMO::INSTR")[1].IsLocked);
        registry.Detached(viaWrapper);
        registry.Detached(viaWrapper);
        registry.Detached(stranger);
        Assert.Equal([viaDevice], registry.Of("DEMO::INSTR"));
        Assert.Equal([(true, "SOCKET"), (true, "VXI-11"), (false, "SOCKET")], changes.Select(c => (c.Attached, c.Client.Transport)));
        Assert.Empty(registry.Of("OTHER::INSTR"));
    }
}
