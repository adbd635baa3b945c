namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>A HiSLIP AsyncServiceRequest reaches the resource's VISA service-request events, status byte included.</summary>
public sealed class HislipSrqEventTests
{
    [Fact]
    public async Task WaitForSrq_returns_when_the_instrument_requests_service()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<TcpipInstrResource>(fixture.Server.ResourceNameOf("hislip0"));
        fixture.Instrument.StatusByte = 0x04;
        var waiting = inst.WaitForSrqAsync(TimeSpan.FromSeconds(10)).AsTask();
        inst.Write("SRQ");
        var stb = await waiting.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.NotEqual(0, stb & MessageBasedResource.RequestServiceBit);
    }

    [Fact]
    public async Task The_ServiceRequested_event_carries_the_status_byte()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<TcpipInstrResource>(fixture.Server.ResourceNameOf("hislip0"));
        var received = new TaskCompletionSource<byte?>(TaskCreationOptions.RunContinuationsAsynchronously);
        inst.ServiceRequested += (_, e) => received.TrySetResult(e.StatusByte);
        fixture.Instrument.StatusByte = 0x04;
        inst.Write("SRQ");
        Assert.Equal((byte)0x44, await received.Task.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Waiting_without_a_request_times_out_with_the_status()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<TcpipInstrResource>(fixture.Server.ResourceNameOf("hislip0"));
        var e = await Assert.ThrowsAsync<VisaException>(async () => await inst.WaitForSrqAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
    }

    [Fact]
    public async Task WaitForSrq_ends_at_once_with_connection_lost_when_the_server_goes_away()
    {
        // Issue 18, item 5: the wait used to last its whole timeout.
        var fixture = await HislipFixture.StartAsync();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<TcpipInstrResource>(fixture.Server.ResourceNameOf("hislip0"));
        var waiting = inst.WaitForSrqAsync(TimeSpan.FromSeconds(60)).AsTask();
        var syncWaiting = Task.Run(() => inst.WaitForSrq(TimeSpan.FromSeconds(60)));
        await Task.Delay(200);

        await fixture.DisposeAsync();

        var e = await Assert.ThrowsAsync<VisaException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Contains("the connection was lost", e.Message);
        var sync = await Assert.ThrowsAsync<VisaException>(() => syncWaiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.ErrorConnectionLost, sync.Status);
        var later = await Assert.ThrowsAsync<VisaException>(async () => await inst.WaitForSrqAsync(TimeSpan.FromSeconds(60)).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.ErrorConnectionLost, later.Status);
    }
}
