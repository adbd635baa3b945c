using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>Only the client that opened a session can attach its asynchronous channel (issue 18, item 10).</summary>
public sealed class HislipSessionOwnershipTests
{
    /// <summary>An address no test socket uses: connections the test marks hostile are taken to come from it.</summary>
    private static readonly IPAddress Elsewhere = IPAddress.Parse("192.0.2.66");

    [Fact]
    public async Task Session_ids_are_not_sequential()
    {
        await using var fixture = await HislipFixture.StartAsync();
        var ids = new List<int>();
        var peers = new List<RawHislipPeer>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var (sync, async, id) = RawHislipPeer.OpenSession(fixture.Port);
                peers.Add(sync);
                peers.Add(async);
                ids.Add(id);
            }
        }
        finally
        {
            peers.ForEach(p => p.Dispose());
        }
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.DoesNotContain(0, ids);
        var steps = ids.Zip(ids.Skip(1), (a, b) => b - a).ToList();
        Assert.False(steps.All(step => step == 1), $"ids {string.Join(", ", ids)} count up one by one: the next session's id can be guessed");
    }

    [Fact]
    public async Task A_second_AsyncInitialize_for_an_attached_session_gets_fatal_error_3_and_the_owner_goes_on()
    {
        await using var fixture = await HislipFixture.StartAsync();
        var (sync, async, id) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        using (var intruder = RawHislipPeer.Connect(fixture.Port))
        {
            intruder.Send(HislipMessageType.AsyncInitialize, 0, id);
            var text = intruder.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.InvalidInitializationSequence);
            Assert.Contains($"session {id}", text);
            Assert.Contains("already has its asynchronous channel", text);
            Assert.True(intruder.IsClosedByPeer());

            sync.Send(HislipMessageType.DataEnd, 0, HislipMessageIds.Initial, "ECHO? mine"u8);
            Assert.Equal("mine\n", Encoding.ASCII.GetString(sync.Receive().Payload));
        }
    }

    [Fact]
    public async Task AsyncInitialize_from_another_address_is_refused_and_the_owner_can_still_attach()
    {
        var hostile = new ConcurrentDictionary<int, byte>();
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { PeerAddressOf = s => AddressOf(s, hostile) });
        using var sync = RawHislipPeer.Connect(fixture.Port);
        var id = Initialize(sync);

        using (var intruder = ConnectMarked(fixture.Port, hostile))
        {
            intruder.Send(HislipMessageType.AsyncInitialize, 0, id);
            var text = intruder.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.InvalidInitializationSequence);
            Assert.Contains("must come from the address of the synchronous one (127.0.0.1), not 192.0.2.66", text);
        }

        using var async = RawHislipPeer.Connect(fixture.Port);
        async.Send(HislipMessageType.AsyncInitialize, 0, id);
        Assert.Equal(HislipMessageType.AsyncInitializeResponse, async.Receive().Header.Type);
        sync.Send(HislipMessageType.DataEnd, 0, HislipMessageIds.Initial, "ECHO? owner"u8);
        Assert.Equal("owner\n", Encoding.ASCII.GetString(sync.Receive().Payload));
    }

    [Fact]
    public async Task AsyncInitialize_after_the_window_is_refused()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { AsyncInitializeWindow = TimeSpan.FromMilliseconds(200) });
        using var sync = RawHislipPeer.Connect(fixture.Port);
        var id = Initialize(sync);
        Thread.Sleep(700);

        using var late = RawHislipPeer.Connect(fixture.Port);
        late.Send(HislipMessageType.AsyncInitialize, 0, id);
        var text = late.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.InvalidInitializationSequence);
        Assert.Contains("must come within 200 ms", text);
        Assert.Contains("AsyncInitializeWindow", text);
    }

    [Fact]
    public async Task A_race_of_attach_attempts_from_another_address_never_wins()
    {
        var hostile = new ConcurrentDictionary<int, byte>();
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { PeerAddressOf = s => AddressOf(s, hostile) });
        for (var round = 0; round < 10; round++)
        {
            using var sync = RawHislipPeer.Connect(fixture.Port);
            var id = Initialize(sync);
            var intruders = Enumerable.Range(0, 6).Select(_ => ConnectMarked(fixture.Port, hostile)).ToList();
            using var owner = RawHislipPeer.Connect(fixture.Port);
            try
            {
                var attempts = intruders.Select(intruder => Task.Run(() =>
                {
                    intruder.Send(HislipMessageType.AsyncInitialize, 0, id);
                    return intruder.Receive().Header;
                })).ToList();
                owner.Send(HislipMessageType.AsyncInitialize, 0, id);
                Assert.Equal(HislipMessageType.AsyncInitializeResponse, owner.Receive().Header.Type);
                foreach (var header in await Task.WhenAll(attempts))
                    Assert.Equal((HislipMessageType.FatalError, (byte)HislipFatalErrorCode.InvalidInitializationSequence), (header.Type, header.ControlCode));
                sync.Send(HislipMessageType.DataEnd, 0, HislipMessageIds.Initial, Encoding.ASCII.GetBytes($"ECHO? round {round}"));
                Assert.Equal($"round {round}\n", Encoding.ASCII.GetString(sync.Receive().Payload));
            }
            finally
            {
                intruders.ForEach(i => i.Dispose());
            }
        }
    }

    [Fact]
    public void The_binding_accepts_the_owner_in_time_and_says_why_it_refuses_others()
    {
        var opened = Stopwatch.GetTimestamp();
        var binding = new HislipAsyncChannelBinding(IPAddress.Parse("10.1.2.3"), TimeSpan.FromSeconds(5), opened);

        Assert.Null(binding.Refusal(IPAddress.Parse("10.1.2.3"), opened + Stopwatch.Frequency));
        Assert.Null(binding.Refusal(IPAddress.Parse("10.1.2.3").MapToIPv6(), opened));
        Assert.Null(new HislipAsyncChannelBinding(IPAddress.Loopback, TimeSpan.FromSeconds(5), opened).Refusal(IPAddress.IPv6Loopback, opened));
        Assert.NotNull(new HislipAsyncChannelBinding(IPAddress.Loopback, TimeSpan.FromSeconds(5), opened).Refusal(IPAddress.Parse("10.1.2.3"), opened));
        Assert.Contains("(10.1.2.3), not 10.1.2.4", binding.Refusal(IPAddress.Parse("10.1.2.4"), opened));
        Assert.Contains("must come within 5000 ms", binding.Refusal(IPAddress.Parse("10.1.2.3"), opened + (6 * Stopwatch.Frequency)));
    }

    private static ushort Initialize(RawHislipPeer sync)
    {
        sync.Send(HislipMessageType.Initialize, 0, (0x0200u << 16) | 0x5858, "hislip0"u8);
        var response = sync.Receive();
        Assert.Equal(HislipMessageType.InitializeResponse, response.Header.Type);
        return (ushort)response.Header.Parameter;
    }

    /// <summary>Connects and marks the connection (by its local port) as coming from <see cref="Elsewhere"/>.</summary>
    private static RawHislipPeer ConnectMarked(int port, ConcurrentDictionary<int, byte> hostile)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        hostile[((IPEndPoint)socket.LocalEndPoint!).Port] = 0;
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return RawHislipPeer.Wrap(socket);
    }

    private static IPAddress AddressOf(Socket socket, ConcurrentDictionary<int, byte> hostile)
    {
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        return hostile.ContainsKey(remote.Port) ? Elsewhere : remote.Address;
    }
}

/// <summary>One client address cannot take every HiSLIP session (issue 18, item 9).</summary>
public sealed class HislipSessionFairnessTests
{
    [Fact]
    public async Task Data_without_DataEnd_past_the_assembled_limit_gets_error_4_and_the_session_goes_on()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { MaxAssembledMessageLength = 4096 });
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            sync.Send(HislipMessageType.Data, 0, HislipMessageIds.Initial, new byte[3000]);
            sync.Send(HislipMessageType.Data, 0, HislipMessageIds.Initial, new byte[3000]);
            var text = sync.ReceiveError(HislipMessageType.Error, (byte)HislipErrorCode.MessageTooLarge);
            Assert.Contains("would be 6000 bytes long; this server assembles messages of at most 4096 bytes", text);

            sync.Send(HislipMessageType.DataEnd, 0, HislipMessageIds.Next(HislipMessageIds.Initial), "ECHO? fine"u8);
            Assert.Equal("fine\n", Encoding.ASCII.GetString(sync.Receive().Payload));
        }
        Assert.Equal(64L * 1024 * 1024, new HislipServerOptions().MaxAssembledMessageLength);
    }

    [Fact]
    public async Task Sessions_beyond_the_per_address_limit_get_fatal_error_4_and_another_address_still_gets_one()
    {
        var others = new ConcurrentDictionary<int, byte>();
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions
        {
            MaxSessionsPerAddress = 2,
            PeerAddressOf = s => others.ContainsKey(((IPEndPoint)s.RemoteEndPoint!).Port) ? IPAddress.Parse("192.0.2.7") : ((IPEndPoint)s.RemoteEndPoint!).Address,
        });
        var first = RawHislipPeer.OpenSession(fixture.Port);
        var second = RawHislipPeer.OpenSession(fixture.Port);
        try
        {
            using var third = RawHislipPeer.Connect(fixture.Port);
            third.Send(HislipMessageType.Initialize, 0, (0x0200u << 16) | 0x5858, "hislip0"u8);
            var text = third.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.ServerRefusedConnectionMaximumClients);
            Assert.Contains("127.0.0.1 already has 2 sessions open here", text);
            Assert.Contains("MaxSessionsPerAddress", text);

            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            others[((IPEndPoint)socket.LocalEndPoint!).Port] = 0;
            socket.Connect(new IPEndPoint(IPAddress.Loopback, fixture.Port));
            using var elsewhere = RawHislipPeer.Wrap(socket);
            elsewhere.Send(HislipMessageType.Initialize, 0, (0x0200u << 16) | 0x5858, "hislip0"u8);
            Assert.Equal(HislipMessageType.InitializeResponse, elsewhere.Receive().Header.Type);
        }
        finally
        {
            foreach (var peer in new[] { first.Sync, first.Async, second.Sync, second.Async })
                peer.Dispose();
        }
    }
}
