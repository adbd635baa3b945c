using System.Diagnostics;

namespace OpenVisa.Lamb.Tests;

/// <summary>@lamb against OpenVisa's HTTP server over real HTTP on 127.0.0.1.</summary>
public sealed class LambBackendTests
{
    [Fact]
    public async Task The_backend_is_found_by_name_with_the_server_URL()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = new ResourceManager(server.Url + "@lamb");
        var library = Assert.IsType<LambLibrary>(rm.Library);
        Assert.Equal("lamb", library.BackendName);
        Assert.Equal(new Uri(server.Url), library.ServerUrl);
        Assert.True(library.IsOpenVisaServer);
        Assert.Contains(library.GetDebugInfo(), kv => kv.Key == "server" && kv.Value.StartsWith("OpenVisa", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_resources_asks_the_server_and_applies_the_pattern()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = server.NewClient();
        Assert.Equal(["DEMO0::INSTR", "TCPIP0::10.0.0.9::inst0::INSTR"], rm.ListResources());
        Assert.Equal(["TCPIP0::10.0.0.9::inst0::INSTR"], rm.ListResources("TCPIP?*"));
    }

    [Fact]
    public async Task Query_write_read_and_binary_blocks_work_as_on_any_backend()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = server.NewClient();
        using var inst = rm.Open<MessageBasedResource>("DEMO0::INSTR");
        inst.Timeout = TimeSpan.FromSeconds(30);
        Assert.Equal(server.Demo.Identity, inst.Query("*IDN?"));
        inst.Write("ECHO? one two");
        Assert.Equal("one two", inst.Read());
        inst.Write("*TRG");
        Assert.Equal("1", await inst.QueryAsync("TRIG:COUN?"));
        var block = inst.QueryBinaryValues<byte>("DATA? 3000000");
        Assert.Equal(3_000_000, block.Length);
        for (var i = 0; i < block.Length; i++)
        {
            if (block[i] != (byte)i)
                Assert.Fail($"element {i} is {block[i]}");
        }
        var asyncBlock = await inst.QueryBinaryValuesAsync<byte>("DATA? 1000");
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (byte)i), asyncBlock);
    }

    [Fact]
    public async Task Large_replies_of_one_length_in_a_row_each_arrive_whole_also_after_one_left_half_read()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = server.NewClient();
        using var inst = rm.Open<MessageBasedResource>("DEMO0::INSTR");
        inst.Timeout = TimeSpan.FromSeconds(30);
        // The array of a reply read to its end (or replaced unread) receives the next body of its length.
        inst.Write("DATA? 2000000");
        var start = inst.ReadBytes(1000);
        Assert.Equal("#72000000"u8.ToArray(), start[..9]);
        for (var round = 0; round < 3; round++)
        {
            var destination = new byte[2_000_000];
            inst.QueryBinaryValues<byte>("DATA? 2000000", destination);
            for (var i = 0; i < destination.Length; i++)
            {
                if (destination[i] != (byte)i)
                    Assert.Fail($"round {round}: element {i} is {destination[i]}");
            }
        }
        Assert.Equal(server.Demo.Identity, inst.Query("*IDN?"));
    }

    [Fact]
    public async Task The_HttpClient_path_kept_for_https_and_proxies_does_the_same_over_plain_HTTP()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = new ResourceManager(new LambLibrary(server.Url, keepAliveSockets: false));
        Assert.False(((LambLibrary)rm.Library).UsesKeepAliveSockets);
        using var inst = rm.Open<MessageBasedResource>("DEMO0::INSTR");
        inst.Timeout = TimeSpan.FromSeconds(30);
        Assert.Equal(server.Demo.Identity, inst.Query("*IDN?"));
        Assert.Equal("async", await inst.QueryAsync("ECHO? async"));
        Assert.Equal(Enumerable.Range(0, 100_000).Select(i => (byte)i), inst.QueryBinaryValues<byte>("DATA? 100000"));
        using var slow = rm.Open<MessageBasedResource>("TCPIP0::10.0.0.9::inst0::INSTR");
        slow.Timeout = TimeSpan.FromMilliseconds(300);
        var e = Assert.Throws<VisaException>(() => slow.Query("SLOW? 30000"));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("did not answer POST /instrument/query_raw within the 300 ms timeout", e.Message);
        var missing = Assert.Throws<VisaException>(() => rm.Open("LAMB::DSOX1204G::CN1::INSTR"));
        Assert.Contains("answered 404 Not Found to POST /add", missing.Message);
    }

    [Fact]
    public async Task An_upload_over_64_KiB_goes_through_HttpClient_beside_the_kept_alive_sockets()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = server.NewClient();
        Assert.True(((LambLibrary)rm.Library).UsesKeepAliveSockets);
        using var inst = rm.Open<MessageBasedResource>("DEMO0::INSTR");
        inst.Timeout = TimeSpan.FromSeconds(30);
        var text = new string('x', 100_000);
        Assert.Equal(text, inst.Query("ECHO? " + text));
        Assert.Equal(text, await inst.QueryAsync("ECHO? " + text));
        Assert.Equal(server.Demo.Identity, inst.Query("*IDN?"));
    }

    [Fact]
    public async Task A_server_resource_string_that_is_a_VISA_name_keeps_its_interface_type()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = server.NewClient();
        using var inst = rm.Open("TCPIP0::10.0.0.9::inst0::INSTR");
        Assert.IsType<TcpipInstrResource>(inst);
        using var demo = rm.Open("DEMO0::INSTR");
        Assert.IsType<TcpipInstrResource>(demo);
        Assert.Equal("DEMO0::INSTR", demo.ResourceName);
    }

    [Fact]
    public async Task A_LAMB_name_is_resolved_through_add_by_model_and_serial()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = server.NewClient();
        using var byModel = rm.Open<MessageBasedResource>("LAMB::Slow Scope::INSTR");
        byModel.Timeout = TimeSpan.FromSeconds(30);
        Assert.Equal("done", byModel.Query("SLOW? 1"));
        using var bySerial = rm.Open<MessageBasedResource>("LAMB::Demo Instrument::SN42::INSTR");
        Assert.Equal(server.Demo.Identity, bySerial.Query("*IDN?"));
        var e = Assert.Throws<VisaException>(() => rm.Open("LAMB::DSOX1204G::CN1::INSTR"));
        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.True(e.Message.Contains("answered 404 Not Found to POST /add", StringComparison.Ordinal), e.Message);
        Assert.Contains("No served instrument has model 'DSOX1204G' and serial 'CN1'", e.Message);
    }

    [Fact]
    public async Task An_unknown_resource_is_not_found_on_open_naming_what_is_served()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = server.NewClient();
        var e = Assert.Throws<VisaException>(() => rm.Open("USB0::0x2A8D::0x9007::MY1::INSTR"));
        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains("serves no USB0::0x2A8D::0x9007::MY1::INSTR. It serves: DEMO0::INSTR, TCPIP0::10.0.0.9::inst0::INSTR", e.Message);
        Assert.Equal("USB0::0x2A8D::0x9007::MY1::INSTR", e.ResourceName);
    }

    [Fact]
    public async Task A_read_with_no_query_before_it_fails_at_once_saying_why()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = server.NewClient();
        using var inst = rm.Open<MessageBasedResource>("DEMO0::INSTR");
        var e = Assert.Throws<VisaException>(() => inst.Read());
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("the Lamb API has no read of its own", e.Message);
        Assert.Equal("Read", e.Operation);
    }

    [Fact]
    public async Task Clear_status_byte_and_trigger_go_through_api_v1()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = server.NewClient();
        using var inst = rm.Open<MessageBasedResource>("DEMO0::INSTR");
        inst.Write("SRQ");
        Assert.Equal(0x40, inst.ReadStb());
        inst.AssertTrigger();
        Assert.Equal("1", inst.Query("TRIG:COUN?"));
        inst.Write("ECHO? left over");
        inst.Clear();
        Assert.Equal(StatusCode.ErrorTimeout, Assert.Throws<VisaException>(() => inst.Read()).Status);
    }

    [Fact]
    public async Task An_exclusive_lock_keeps_other_clients_out_until_unlocked()
    {
        await using var server = await LambTestServer.StartAsync();
        using var mine = server.NewClient();
        using var theirs = server.NewClient();
        using var a = mine.Open<MessageBasedResource>("DEMO0::INSTR");
        using var b = theirs.Open<MessageBasedResource>("DEMO0::INSTR");
        a.LockExclusive();
        Assert.Equal(server.Demo.Identity, a.Query("*IDN?"));
        var e = Assert.Throws<VisaException>(() => b.Query("*IDN?"));
        Assert.Equal(StatusCode.ErrorResourceLocked, e.Status);
        Assert.Contains("DEMO0::INSTR is reserved by another client", e.Message);
        var wait = Stopwatch.StartNew();
        var locked = Assert.Throws<VisaException>(() => b.LockExclusive(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(StatusCode.ErrorResourceLocked, locked.Status);
        Assert.True(wait.Elapsed < TimeSpan.FromSeconds(10), "the lock wait ran far past its timeout");
        a.Unlock();
        Assert.Equal(server.Demo.Identity, b.Query("*IDN?"));
        Assert.Equal(StatusCode.ErrorSessionNotLocked, Assert.Throws<VisaException>(a.Unlock).Status);
    }

    [Fact]
    public async Task A_slow_instrument_times_out_at_the_clients_timeout()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = server.NewClient();
        using var inst = rm.Open<MessageBasedResource>("TCPIP0::10.0.0.9::inst0::INSTR");
        inst.Timeout = TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<VisaException>(() => inst.Query("SLOW? 30000"));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.3), $"the query ended after {watch.Elapsed}, long past its 300 ms timeout");
        Assert.Contains("300 ms", e.Message);
        inst.Timeout = TimeSpan.FromSeconds(30);
        Assert.Equal("done", await inst.QueryAsync("SLOW? 10"));
    }

    [Fact]
    public async Task Cancellation_ends_an_async_query()
    {
        await using var server = await LambTestServer.StartAsync();
        using var rm = server.NewClient();
        using var inst = rm.Open<MessageBasedResource>("TCPIP0::10.0.0.9::inst0::INSTR");
        inst.Timeout = TimeSpan.FromSeconds(60);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await inst.QueryAsync("SLOW? 30000", cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task A_server_that_goes_away_is_a_lost_connection()
    {
        var server = await LambTestServer.StartAsync();
        using var rm = server.NewClient();
        using var inst = rm.Open<MessageBasedResource>("DEMO0::INSTR");
        Assert.Equal(server.Demo.Identity, inst.Query("*IDN?"));
        await server.DisposeAsync();
        var e = Assert.Throws<VisaException>(() => inst.Query("*IDN?"));
        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Contains($"Could not talk to the Lamb server at {server.Url}/", e.Message);
        Assert.Contains("Is it running", e.Message);
    }

    [Fact]
    public async Task Concurrent_clients_on_one_instrument_each_get_their_own_replies()
    {
        await using var server = await LambTestServer.StartAsync();
        var clients = Enumerable.Range(0, 8).Select(c => Task.Run(() =>
        {
            using var rm = server.NewClient();
            using var inst = rm.Open<MessageBasedResource>("DEMO0::INSTR");
            inst.Timeout = TimeSpan.FromSeconds(60);
            for (var i = 0; i < 20; i++)
                Assert.Equal($"client {c} query {i}", inst.Query($"ECHO? client {c} query {i}"));
        }));
        await Task.WhenAll(clients);
    }

    [Fact]
    public async Task A_bearer_token_comes_from_the_environment()
    {
        await using var server = await LambTestServer.StartAsync(new() { BearerToken = "t0ken" });
        using (var without = server.NewClient())
        {
            var e = Assert.Throws<VisaException>(() => without.ListResources());
            Assert.Equal(StatusCode.ErrorInvalidAccessKey, e.Status);
            Assert.Contains("needs a bearer token", e.Message);
        }
        Environment.SetEnvironmentVariable("OPENVISA_LAMB_TOKEN", "t0ken");
        try
        {
            using var with = server.NewClient();
            Assert.Equal(2, with.ListResources().Count);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENVISA_LAMB_TOKEN", null);
        }
    }
}
