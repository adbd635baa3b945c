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
}
