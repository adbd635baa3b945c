using System.Collections.Concurrent;
using System.Text;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>Status byte, trigger, remote/local, device clear and service requests.</summary>
public sealed class HislipControlTests
{
    [Fact]
    public async Task The_status_byte_carries_the_device_bits_and_the_servers_MAV()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        fixture.Instrument.StatusByte = 0x24 | 0x10; // the device's own MAV is not the server's business in synchronized mode

        Assert.Equal(0x24, client.ReadStatusByte());

        client.WriteText("ECHO? pending");
        await HislipRobustnessTests.WaitUntil(() => (client.ReadStatusByte() & 0x10) != 0);
        Assert.Equal(0x34, client.ReadStatusByte());

        Assert.Equal("pending\n", client.ReadText());
        Assert.Equal(0x24, client.ReadStatusByte());
        Assert.Equal(0x24, await client.ReadStatusByteAsync());
    }

    [Fact]
    public async Task Trigger_reaches_the_device_in_order_with_data()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();

        client.WriteText("SETUP");
        client.Trigger();
        await client.TriggerAsync();
        Assert.Equal("after\n", client.Query("ECHO? after"));

        Assert.Equal(2, fixture.Instrument.Triggers);
        Assert.Equal(["SETUP", "ECHO? after"], fixture.Instrument.Commands);
    }

    [Fact]
    public async Task Remote_local_requests_reach_the_device()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();

        foreach (var mode in Enum.GetValues<RenMode>())
            client.RemoteLocal(mode);

        Assert.Equal(Enum.GetValues<RenMode>(), fixture.Instrument.RemoteModes);
        var error = Assert.Throws<VisaException>(() => client.RemoteLocal((RenMode)7));
        Assert.Equal(StatusCode.ErrorInvalidMode, error.Status);
        Assert.Contains("7 is not a remote/local mode", error.Message);
    }

    [Fact]
    public async Task Device_clear_drops_an_unread_reply_and_resets_message_ids()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        client.WriteText("ECHO? stale");
        await HislipRobustnessTests.WaitUntil(() => (client.ReadStatusByte() & 0x10) != 0);

        client.Clear();

        Assert.Equal(1, fixture.Instrument.Clears);
        Assert.Equal("fresh\n", client.Query("ECHO? fresh"));
        await client.ClearAsync();
        Assert.Equal(2, fixture.Instrument.Clears);
        Assert.Equal("again\n", client.Query("ECHO? again"));
    }

    [Fact]
    public async Task Device_clear_during_a_pending_read_abandons_the_read_and_the_instrument_call()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect(new HislipClientOptions { TimeoutMilliseconds = 10_000 });
        client.WriteText("SLOW? 20000");
        var read = Task.Run(() => client.ReadText());
        await HislipRobustnessTests.WaitUntil(() => fixture.Instrument.Commands.Contains("SLOW? 20000"));
        await Task.Delay(100); // let the read block in its receive

        var started = DateTime.UtcNow;
        client.Clear();

        var error = await Assert.ThrowsAsync<VisaException>(() => read.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(StatusCode.ErrorAbort, error.Status);
        Assert.Contains("abandoned because the device was cleared", error.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.Equal(1, fixture.Instrument.CancelledCalls);
        Assert.Equal("next\n", client.Query("ECHO? next"));
    }

    [Fact]
    public async Task Async_device_clear_during_a_pending_async_read_abandons_the_read()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect(new HislipClientOptions { TimeoutMilliseconds = 10_000 });
        await client.WriteAsync("SLOW? 20000"u8.ToArray());
        var read = client.ReadAsync(new byte[100]).AsTask();
        await HislipRobustnessTests.WaitUntil(() => fixture.Instrument.Commands.Contains("SLOW? 20000"));

        await client.ClearAsync();

        var error = await Assert.ThrowsAsync<VisaException>(() => read.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(StatusCode.ErrorAbort, error.Status);
        Assert.Equal("next\n", client.Query("ECHO? next"));
    }

    [Fact]
    public async Task Service_requests_reach_every_client_of_the_instrument()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var first = fixture.Connect();
        using var second = fixture.Connect();
        using var other = fixture.Connect(new HislipClientOptions { SubAddress = "hislip1" });
        var received = new ConcurrentQueue<(HislipClient, byte)>();
        first.ServiceRequested += (sender, stb) => received.Enqueue(((HislipClient)sender!, stb));
        second.ServiceRequested += (sender, stb) => received.Enqueue(((HislipClient)sender!, stb));
        other.ServiceRequested += (sender, stb) => received.Enqueue(((HislipClient)sender!, stb));
        fixture.Instrument.StatusByte = 0x04;

        first.WriteText("SRQ");

        await HislipRobustnessTests.WaitUntil(() => received.Count == 2);
        Assert.Equal([0x44, 0x44], received.Select(r => r.Item2));
        Assert.Equal(2, received.Select(r => r.Item1).Distinct().Count());
        await Task.Delay(100);
        Assert.DoesNotContain(received, r => r.Item1 == other);
    }

    [Fact]
    public async Task A_handler_that_queries_during_a_service_request_does_not_deadlock()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        var statusInHandler = new TaskCompletionSource<byte>();
        client.ServiceRequested += (_, _) => statusInHandler.TrySetResult(client.ReadStatusByte());
        fixture.Instrument.StatusByte = 0x01;

        client.WriteText("SRQ");

        Assert.Equal(0x01, await statusInHandler.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Descriptors_are_an_empty_list()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();

        Assert.Empty(client.GetDescriptors());
    }

    [Fact]
    public async Task A_HiSLIP_1_client_gets_a_1_0_session_without_2_0_features()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { Certificate = HislipCertificates.Localhost });
        using var client = fixture.Connect(new HislipClientOptions { Version = HislipVersion.V1_1 });

        Assert.Equal(HislipVersion.V1_1, client.Version);
        Assert.False(client.SecureConnectionSupported);
        var descriptors = Assert.Throws<VisaException>(() => client.GetDescriptors());
        Assert.Contains("Descriptors need HiSLIP 2.0; this session speaks 1.1", descriptors.Message);
        var tls = Assert.Throws<VisaException>(() => client.StartTls());
        Assert.Equal(StatusCode.ErrorNonsupportedOperation, tls.Status);
        Assert.Contains("TLS needs HiSLIP 2.0", tls.Message);
        Assert.Equal("old\n", client.Query("ECHO? old"));
    }

    [Fact]
    public async Task A_1_0_server_gets_a_1_0_session()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { Version = HislipVersion.V1_0 });
        using var client = fixture.Connect();

        Assert.Equal(HislipVersion.V1_0, client.Version);
        Assert.Equal(0x00100000u, client.Version.ToVisaVersion());
        Assert.Equal("ok\n", client.Query("ECHO? ok"));
    }
}
