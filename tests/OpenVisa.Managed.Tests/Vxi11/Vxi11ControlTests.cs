using System.Text;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Managed.Tests.Vxi11;

public sealed class Vxi11ControlTests
{
    [Fact]
    public async Task ReadStb_returns_the_device_status_byte_with_MAV_while_a_reply_waits()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "STB 66");
        Assert.Equal(66, client.ReadStatusByte(2000));
        Vxi11Bench.Write(client, "ECHO pending");
        Assert.Equal(66 | 0x10, client.ReadStatusByte(2000));
        Assert.Equal(66 | 0x10, await client.ReadStatusByteAsync(2000, CancellationToken.None));
        Vxi11Bench.Read(client);
        Assert.Equal(66, client.ReadStatusByte(2000));
    }

    [Fact]
    public async Task Trigger_reaches_the_device()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        client.Trigger(2000);
        client.Trigger(2000);
        Assert.Equal(2, bench.Device.Triggers);
    }

    [Fact]
    public async Task Clear_drops_pending_replies_and_clears_the_device()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "ECHO stale");
        client.Clear(2000);
        Assert.Equal(1, bench.Device.Clears);
        Assert.Equal(StatusCode.ErrorTimeout, Assert.Throws<VisaException>(() => client.Read(new byte[10], 100, false, 0, false)).Status);
        await client.ClearAsync(2000, CancellationToken.None);
        Assert.Equal(2, bench.Device.Clears);
        Assert.Equal("fresh\n", Vxi11Bench.Query(client, "ECHO fresh"));
    }

    [Fact]
    public async Task Clear_cancels_a_slow_device_call_in_progress()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "SLOW? 10000");
        var started = DateTime.UtcNow;
        client.Clear(2000);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3), "Clear waited for the slow call instead of cancelling it.");
        Assert.Equal("after\n", Vxi11Bench.Query(client, "ECHO after"));
    }

    [Fact]
    public async Task Remote_and_local_reach_a_device_with_a_front_panel()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        client.Remote(2000);
        client.Local(2000);
        Assert.Equal([RenMode.AssertAddress, RenMode.AddressGoToLocal], bench.Device.RemoteLocal);
    }

    [Fact]
    public async Task A_lock_keeps_other_clients_out_until_unlocked()
    {
        await using var bench = Vxi11Bench.Start();
        var owner = bench.Open();
        var other = bench.Open("gpib0,5"); // another name for the same device shares its lock
        owner.Lock(TimeSpan.FromSeconds(1));
        Assert.Equal("mine\n", Vxi11Bench.Query(owner, "ECHO mine"));
        var e = Assert.Throws<VisaException>(() => Vxi11Bench.Write(other, "ECHO theirs"));
        Assert.Equal(StatusCode.ErrorResourceLocked, e.Status);
        Assert.Contains("error 11 (device locked by another link)", e.Message);
        Assert.Contains("another client holds the device's lock", e.Message);
        var locked = Assert.Throws<VisaException>(() => other.Lock(TimeSpan.FromMilliseconds(100)));
        Assert.Equal(StatusCode.ErrorResourceLocked, locked.Status);
        Assert.Contains("did not release it within 100 ms", locked.Message);
        Assert.Equal(StatusCode.ErrorResourceLocked, Assert.Throws<VisaException>(() => other.ReadStatusByte(1000)).Status);
        owner.Unlock();
        Assert.Equal("theirs\n", Vxi11Bench.Query(other, "ECHO theirs"));
    }

    [Fact]
    public async Task A_lock_request_waits_for_the_other_lock_to_go()
    {
        await using var bench = Vxi11Bench.Start();
        var owner = bench.Open();
        var waiter = bench.Open();
        owner.Lock(TimeSpan.FromSeconds(1));
        var waiting = Task.Run(() => waiter.Lock(TimeSpan.FromSeconds(5)));
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        owner.Unlock();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(StatusCode.ErrorResourceLocked, Assert.Throws<VisaException>(() => Vxi11Bench.Write(owner, "ECHO x")).Status);
    }

    [Fact]
    public async Task Unlock_without_a_lock_says_so()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        var e = Assert.Throws<VisaException>(client.Unlock);
        Assert.Equal(StatusCode.ErrorSessionNotLocked, e.Status);
        Assert.Contains("holds no lock", e.Message);
    }

    [Fact]
    public async Task Create_link_with_lock_locks_and_closing_the_link_releases_it()
    {
        await using var bench = Vxi11Bench.Start();
        var first = bench.Open(lockDevice: true);
        var e = Assert.Throws<VisaException>(() => bench.Open(lockDevice: true, lockTimeout: TimeSpan.FromMilliseconds(100)));
        Assert.Equal(StatusCode.ErrorResourceLocked, e.Status);
        Assert.Contains("locked by another client", e.Message);
        first.Dispose();
        var second = bench.Open(lockDevice: true, lockTimeout: TimeSpan.FromSeconds(2));
        Assert.Equal("ok\n", Vxi11Bench.Query(second, "ECHO ok"));
    }

    [Fact]
    public async Task Closing_a_client_destroys_its_link()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Assert.Equal(1, bench.Server.LinkCount);
        client.Dispose();
        await Vxi11Bench.Eventually(() => bench.Server.LinkCount == 0, "the link is destroyed");
        var e = Assert.Throws<VisaException>(() => Vxi11Bench.Write(client, "ECHO x"));
        Assert.Equal(StatusCode.ErrorInvalidObject, e.Status);
    }

    [Fact]
    public async Task DoCommand_on_a_device_that_is_no_gateway_is_not_supported()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        var e = Assert.Throws<VisaException>(() => client.DoCommand(0x020001, true, 2, [0, 1], 1000));
        Assert.Equal(StatusCode.ErrorNonsupportedOperation, e.Status);
        Assert.Contains("0x020001", e.Message);
        Assert.Contains("GPIB gateways", e.Message);
    }

    [Fact]
    public async Task Gateway_device_names_pass_through_to_the_server()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open("GPIB0,5");
        Assert.Equal(Vxi11TestDevice.Identity + "\n", Vxi11Bench.Query(client, "*IDN?"));
    }

    [Fact]
    public async Task An_unknown_device_name_is_refused_with_what_to_check()
    {
        await using var bench = Vxi11Bench.Start();
        var e = Assert.Throws<VisaException>(() => bench.Open("inst7"));
        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains("\"inst7\"", e.Message);
        Assert.Contains("error 3 (device not accessible)", e.Message);
        Assert.Contains("inst0", e.Message);
    }

    [Fact]
    public void Opening_a_port_where_nothing_listens_says_connection_refused()
    {
        var port = FreePort();
        var e = Assert.Throws<VisaException>(() => Vxi11Client.Open(new Vxi11Target("127.0.0.1", port, "inst0"), TimeSpan.FromSeconds(2), false, TimeSpan.Zero,
            System.Net.Dns.GetHostAddresses, "TCPIP::127.0.0.1::inst0::INSTR"));
        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Contains("Connection refused", e.Message);
    }

    [Fact]
    public void Opening_without_a_portmapper_says_none_answers()
    {
        var port = FreePort();
        var e = Assert.Throws<VisaException>(() => Vxi11Client.Open(new Vxi11Target("127.0.0.1", null, "inst0"), TimeSpan.FromSeconds(2), false, TimeSpan.Zero,
            System.Net.Dns.GetHostAddresses, "TCPIP::127.0.0.1::inst0::INSTR", portmapperPort: port));
        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains("No portmapper answers", e.Message);
        Assert.Contains("hislip0", e.Message);
        Assert.Contains("TCPIP::host,port::inst0::INSTR", e.Message);
    }

    [Fact]
    public async Task The_client_finds_the_core_port_through_our_portmapper()
    {
        await using var bench = Vxi11Bench.Start(portmapper: Vxi11PortmapperMode.Own, portmapperPort: 0);
        var portmapper = bench.Server.PortmapperEndPoint!;
        Assert.StartsWith("own portmapper on 127.0.0.1:", bench.Server.PortmapperDescription);
        using var client = Vxi11Client.Open(new Vxi11Target("127.0.0.1", null, "inst0"), TimeSpan.FromSeconds(2), false, TimeSpan.Zero,
            System.Net.Dns.GetHostAddresses, "TCPIP::127.0.0.1::inst0::INSTR", portmapperPort: portmapper.Port);
        Assert.Equal(bench.Port, client.CoreEndPoint.Port);
        Assert.Equal("found\n", Vxi11Bench.Query(client, "ECHO found"));
    }

    [Fact]
    public async Task A_portmapper_without_the_core_program_says_it_is_not_registered()
    {
        await using var portmapper = new Tcpip.Vxi11.Portmap.PortmapperServer(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        portmapper.Start();
        var e = Assert.Throws<VisaException>(() => Vxi11Client.Open(new Vxi11Target("127.0.0.1", null, "inst0"), TimeSpan.FromSeconds(2), false, TimeSpan.Zero,
            System.Net.Dns.GetHostAddresses, "TCPIP::127.0.0.1::inst0::INSTR", portmapperPort: portmapper.LocalEndPoint.Port));
        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains("has no VXI-11 core service (program 0x607AF) registered", e.Message);
    }

    [Fact]
    public void The_target_comes_from_the_resource_name_with_port_and_gateway_name()
    {
        var target = Vxi11Target.From(ResourceName.Parse("TCPIP0::10.0.0.5,1234::gpib0,7::INSTR"));
        Assert.Equal(new Vxi11Target("10.0.0.5", 1234, "gpib0,7"), target);
        Assert.Equal(new Vxi11Target("host.example", null, "inst0"), Vxi11Target.From(ResourceName.Parse("TCPIP::host.example::INSTR")));
        var e = Assert.Throws<VisaException>(() => Vxi11Target.From(ResourceName.Parse("TCPIP::1.2.3.4::hislip0::INSTR")));
        Assert.Contains("HiSLIP", e.Message);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
