using System.Text;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Managed.Tests.Vxi11;

/// <summary>VXI-11 through the @managed backend and the resource classes, as users reach it.</summary>
public sealed class Vxi11SessionTests
{
    [Fact]
    public async Task A_TCPIP_INSTR_resource_queries_over_VXI11()
    {
        await using var bench = Vxi11Bench.Start();
        using var library = new ManagedLibrary("");
        using var rm = new ResourceManager(library);
        using var inst = rm.Open<TcpipInstrResource>(Name(bench));
        Assert.Equal(Vxi11TestDevice.Identity, inst.Query("*IDN?").TrimEnd('\n'));
        Assert.Equal("inst0", inst.DeviceName);
        Assert.Equal("127.0.0.1", inst.Address);
        Assert.False(inst.IsHislip);
        inst.ReadTermination = "\n";
        Assert.Equal("terminated", inst.Query("ECHO terminated"));
        Assert.Contains($"TCPIP0::127.0.0.1,{bench.Port}::inst0::INSTR", rm.ListResources("?*::INSTR"));
    }

    [Fact]
    public async Task Binary_blocks_come_back_whole_through_the_resource()
    {
        await using var bench = Vxi11Bench.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<MessageBasedResource>(Name(bench));
        inst.Write("DATA? 100000");
        var raw = inst.ReadRaw();
        Assert.Equal(2 + 6 + 100_000 + 1, raw.Length);
        Assert.True(raw.AsSpan(8, 100_000).SequenceEqual(Vxi11TestDevice.Payload(100_000)));
    }

    [Fact]
    public async Task Async_queries_work()
    {
        await using var bench = Vxi11Bench.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<MessageBasedResource>(Name(bench));
        inst.ReadTermination = "\n";
        Assert.Equal("async", await inst.QueryAsync("ECHO async"));
        Assert.Equal(0x04, await inst.ReadStbAsync());
        await inst.ClearAsync();
        Assert.Equal(1, bench.Device.Clears);
    }

    [Fact]
    public async Task ReadStb_Clear_Trigger_and_remote_local_reach_the_device()
    {
        await using var bench = Vxi11Bench.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<TcpipInstrResource>(Name(bench));
        Assert.Equal(0x04, inst.ReadStb());
        inst.AssertTrigger();
        Assert.Equal(1, bench.Device.Triggers);
        inst.Clear();
        Assert.Equal(1, bench.Device.Clears);
        inst.ControlRen(RenMode.AssertAddress);
        inst.ControlRen(RenMode.AddressGoToLocal);
        var e = Assert.Throws<VisaException>(() => inst.AssertTrigger(TriggerProtocol.Sync));
        Assert.Equal(StatusCode.ErrorInvalidProtocol, e.Status);
        inst.Library.Flush(inst.Session, BufferOperation.DiscardReadBuffer);
    }

    [Fact]
    public async Task Exclusive_locks_exclude_other_sessions_and_nest()
    {
        await using var bench = Vxi11Bench.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var owner = rm.Open<MessageBasedResource>(Name(bench));
        using var other = rm.Open<MessageBasedResource>(Name(bench));
        owner.LockExclusive(TimeSpan.FromSeconds(1));
        owner.LockExclusive(TimeSpan.FromSeconds(1));
        var e = Assert.Throws<VisaException>(() => other.Write("ECHO x"));
        Assert.Equal(StatusCode.ErrorResourceLocked, e.Status);
        owner.Unlock();
        Assert.Equal(StatusCode.SuccessNestedExclusive, owner.Library.LastStatus);
        Assert.Throws<VisaException>(() => other.Write("ECHO x"));
        owner.Unlock();
        other.Write("ECHO now");
        Assert.Equal("now\n", other.Read());
        var none = Assert.Throws<VisaException>(owner.Unlock);
        Assert.Equal(StatusCode.ErrorSessionNotLocked, none.Status);
        var shared = Assert.Throws<VisaException>(() => owner.Lock(TimeSpan.FromSeconds(1)));
        Assert.Equal(StatusCode.ErrorInvalidLockType, shared.Status);
        Assert.Contains("only exclusive locks", shared.Message);
    }

    [Fact]
    public async Task Opening_with_an_exclusive_lock_locks_the_link()
    {
        await using var bench = Vxi11Bench.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var owner = rm.Open<MessageBasedResource>(Name(bench), AccessMode.ExclusiveLock);
        var e = Assert.Throws<VisaException>(() => rm.Open(Name(bench), AccessMode.ExclusiveLock, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(StatusCode.ErrorResourceLocked, e.Status);
        owner.Unlock();
        using var next = rm.Open<MessageBasedResource>(Name(bench), AccessMode.ExclusiveLock, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task WaitForSrq_returns_the_status_byte_after_a_service_request()
    {
        await using var bench = Vxi11Bench.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<MessageBasedResource>(Name(bench));
        inst.Write("STB 80"); // 0x50: RQS and MAV style bits
        var waiting = Task.Run(() => inst.WaitForSrq(TimeSpan.FromSeconds(5)));
        await Task.Delay(300);
        bench.Device.RequestService();
        Assert.Equal(80, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_ServiceRequested_event_fires_for_each_request()
    {
        await using var bench = Vxi11Bench.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<MessageBasedResource>(Name(bench));
        var arrived = new SemaphoreSlim(0);
        EventHandler<ServiceRequestEventArgs> handler = (_, _) => arrived.Release();
        inst.ServiceRequested += handler;
        inst.Write("SRQ");
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(5)));
        bench.Device.RequestService();
        Assert.True(await arrived.WaitAsync(TimeSpan.FromSeconds(5)));
        inst.ServiceRequested -= handler;
        bench.Device.RequestService();
        Assert.False(await arrived.WaitAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Waiting_for_an_event_that_is_not_enabled_or_not_a_VXI11_event_says_so()
    {
        await using var bench = Vxi11Bench.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<MessageBasedResource>(Name(bench));
        var e = Assert.Throws<VisaException>(() => inst.WaitOnEvent(EventType.ServiceRequest, TimeSpan.FromMilliseconds(10)));
        Assert.Equal(StatusCode.ErrorNotEnabled, e.Status);
        Assert.Contains("EnableEvent(ServiceRequest, Queue)", e.Message);
        var other = Assert.Throws<VisaException>(() => inst.EnableEvent(EventType.Clear));
        Assert.Equal(StatusCode.ErrorInvalidEvent, other.Status);
        inst.EnableEvent(EventType.ServiceRequest);
        var timeout = Assert.Throws<VisaException>(() => inst.WaitOnEvent(EventType.ServiceRequest, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(StatusCode.ErrorTimeout, timeout.Status);
        inst.DisableEvent(EventType.ServiceRequest);
    }

    [Fact]
    public async Task Terminate_aborts_a_read_blocked_on_another_thread()
    {
        await using var bench = Vxi11Bench.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<MessageBasedResource>(Name(bench));
        inst.Timeout = TimeSpan.FromSeconds(20);
        inst.Write("SLOW? 30000");
        var reading = Task.Run(inst.Read);
        await Task.Delay(300);
        inst.Library.Terminate(inst.Session, 0, 0);
        var e = await Assert.ThrowsAsync<VisaException>(() => reading.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(StatusCode.ErrorAbort, e.Status);
    }

    [Fact]
    public async Task Cancelling_an_async_read_aborts_it_on_the_instrument_so_the_next_call_is_prompt()
    {
        await using var bench = Vxi11Bench.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<MessageBasedResource>(Name(bench));
        inst.Timeout = TimeSpan.FromSeconds(20);
        using var cancel = new CancellationTokenSource(200);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await inst.ReadAsync(cancel.Token));
        var started = DateTime.UtcNow;
        Assert.Equal("prompt\n", inst.Query("ECHO prompt"));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3), "The next call waited for the abandoned read.");
    }

    [Fact]
    public async Task Keep_alive_and_no_delay_apply_to_the_core_connection()
    {
        await using var bench = Vxi11Bench.Start();
        using var library = new ManagedLibrary("");
        using var rm = new ResourceManager(library);
        using var inst = rm.Open<TcpipInstrResource>(Name(bench));
        inst.SetAttribute(VisaAttribute.TcpipKeepAlive, true);
        Assert.True((bool)inst.GetAttribute(VisaAttribute.TcpipKeepAlive));
        var session = (Vxi11Session)library.GetSession(inst.Session);
        Assert.Equal(1, (int)session.Client.CoreSocket.GetSocketOption(System.Net.Sockets.SocketOptionLevel.Socket, System.Net.Sockets.SocketOptionName.KeepAlive)!);
    }

    [Fact]
    public async Task Closing_the_resource_destroys_the_link()
    {
        await using var bench = Vxi11Bench.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        var inst = rm.Open<MessageBasedResource>(Name(bench));
        Assert.Equal(1, bench.Server.LinkCount);
        inst.Close();
        await Vxi11Bench.Eventually(() => bench.Server.LinkCount == 0, "the link is destroyed");
    }

    [Fact]
    public async Task WaitForSrq_ends_soon_with_connection_lost_when_the_server_goes_away()
    {
        // Issue 18, item 5: the wait used to last its whole timeout.
        var bench = Vxi11Bench.Start();
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var inst = rm.Open<TcpipInstrResource>(Name(bench));
        var waiting = inst.WaitForSrqAsync(TimeSpan.FromSeconds(60)).AsTask();
        var syncWaiting = Task.Run(() => inst.WaitForSrq(TimeSpan.FromSeconds(60)));
        await Task.Delay(300);

        await bench.DisposeAsync();

        var e = await Assert.ThrowsAsync<VisaException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Contains("the instrument closed the VXI-11 core channel", e.Message);
        var sync = await Assert.ThrowsAsync<VisaException>(() => syncWaiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.ErrorConnectionLost, sync.Status);
    }

    private static string Name(Vxi11Bench bench) => $"TCPIP::127.0.0.1,{bench.Port}::inst0::INSTR";
}
