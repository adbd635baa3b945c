using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Managed.Tests.Vxi11;

public sealed class Vxi11AbortAndSrqTests
{
    [Fact]
    public async Task Abort_ends_a_read_blocked_on_another_thread()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "SLOW? 20000");
        var started = DateTime.UtcNow;
        var reading = Task.Run(() => client.Read(new byte[64], 15000, false, 0, false));
        await Task.Delay(200);
        Assert.False(reading.IsCompleted);
        client.Abort(TimeSpan.FromSeconds(2));
        var e = await Assert.ThrowsAsync<VisaException>(() => reading.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(StatusCode.ErrorAbort, e.Status);
        Assert.Contains("error 23 (abort)", e.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        // The link stays usable after a clear.
        client.Clear(2000);
        Assert.Equal("next\n", Vxi11Bench.Query(client, "ECHO next"));
    }

    [Fact]
    public async Task Abort_ends_a_wait_for_another_clients_lock()
    {
        await using var bench = Vxi11Bench.Start();
        var owner = bench.Open();
        var waiter = bench.Open();
        owner.Lock(TimeSpan.FromSeconds(1));
        var waiting = Task.Run(() => waiter.Lock(TimeSpan.FromSeconds(20)));
        await Task.Delay(200);
        waiter.Abort(TimeSpan.FromSeconds(2));
        var e = await Assert.ThrowsAsync<VisaException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(StatusCode.ErrorAbort, e.Status);
    }

    [Fact]
    public async Task Abort_with_nothing_in_progress_is_harmless()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        client.Abort(TimeSpan.FromSeconds(2));
        client.Abort(TimeSpan.FromSeconds(2));
        Assert.Equal("fine\n", Vxi11Bench.Query(client, "ECHO fine"));
    }

    [Fact]
    public async Task A_service_request_arrives_over_the_interrupt_channel()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        var requests = 0;
        var arrived = new SemaphoreSlim(0);
        client.EnableServiceRequests(() =>
        {
            Interlocked.Increment(ref requests);
            arrived.Release();
        }, 2000);
        Assert.True(client.ServiceRequestsEnabled);
        Vxi11Bench.Write(client, "SRQ");
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(5)), "No service request arrived within 5 s.");
        bench.Device.RequestService();
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(5)), "The second service request did not arrive.");
        Assert.Equal(2, requests);
        client.DisableServiceRequests(2000);
        Assert.False(client.ServiceRequestsEnabled);
        bench.Device.RequestService();
        Assert.False(await arrived.WaitAsync(TimeSpan.FromMilliseconds(300)), "A service request arrived after they were disabled.");
    }

    [Fact]
    public async Task Service_requests_go_only_to_links_that_enabled_them()
    {
        await using var bench = Vxi11Bench.Start();
        var listening = bench.Open();
        var quiet = bench.Open();
        var arrived = new SemaphoreSlim(0);
        var quietArrived = 0;
        listening.EnableServiceRequests(() => arrived.Release(), 2000);
        quiet.EnableServiceRequests(() => Interlocked.Increment(ref quietArrived), 2000);
        quiet.DisableServiceRequests(2000);
        bench.Device.RequestService();
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(5)));
        await Task.Delay(100);
        Assert.Equal(0, quietArrived);
    }

    [Fact]
    public async Task Enabling_twice_replaces_the_handler_and_closing_stops_the_listener()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        var first = 0;
        var second = new SemaphoreSlim(0);
        client.EnableServiceRequests(() => Interlocked.Increment(ref first), 2000);
        client.EnableServiceRequests(() => second.Release(), 2000);
        bench.Device.RequestService();
        Assert.True(await second.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, first);
        client.Dispose();
        await Vxi11Bench.Eventually(() => bench.Server.LinkCount == 0, "the link is gone");
        bench.Device.RequestService(); // nobody listens: must not disturb the server
        Assert.Equal("ok\n", Vxi11Bench.Query(bench.Open(), "ECHO ok"));
    }
}
