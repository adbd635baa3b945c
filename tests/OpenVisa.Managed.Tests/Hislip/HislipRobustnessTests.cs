using System.Text;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>Clients that break the protocol get the Error or FatalError the specification names, and nobody else notices.</summary>
public sealed class HislipRobustnessTests
{
    [Fact]
    public async Task A_wrong_prefix_gets_fatal_error_1_and_the_connection_closes()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var good = fixture.Connect();
        using var bad = RawHislipPeer.Connect(fixture.Port);

        bad.SendBytes("XY\0\0\0\0\0\0\0\0\0\0\0\0\0\0"u8);

        var text = bad.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.PoorlyFormedMessageHeader);
        Assert.Contains("starts with \"HS\"", text);
        Assert.Contains("'X' 'Y'", text);
        Assert.True(bad.IsClosedByPeer());
        Assert.Equal("still\n", good.Query("ECHO? still"));
    }

    [Fact]
    public async Task A_wrong_prefix_inside_a_session_ends_that_session_only()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var good = fixture.Connect();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            sync.SendBytes("HX\u0006\0\0\0\0\0\0\0\0\0\0\0\0\0"u8);

            sync.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.PoorlyFormedMessageHeader);
            Assert.True(sync.IsClosedByPeer());
            Assert.True(async.IsClosedByPeer());
        }
        Assert.Equal("still\n", good.Query("ECHO? still"));
        await WaitUntil(() => fixture.Server.SessionCount == 1);
    }

    [Theory]
    [InlineData(39)]
    [InlineData(127)]
    public async Task A_reserved_message_type_gets_error_1_and_the_session_goes_on(byte type)
    {
        await using var fixture = await HislipFixture.StartAsync();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            sync.Send((HislipMessageType)type, 0, 0, "ignored"u8);
            var text = sync.ReceiveError(HislipMessageType.Error, (byte)HislipErrorCode.UnrecognizedMessageType);
            Assert.Contains($"Message type {type} is reserved", text);

            sync.Send(HislipMessageType.DataEnd, 0, HislipMessageIds.Initial, "ECHO? after"u8);
            var reply = sync.Receive();
            Assert.Equal((HislipMessageType.DataEnd, "after\n"), (reply.Header.Type, Encoding.ASCII.GetString(reply.Payload)));
        }
    }

    [Fact]
    public async Task A_vendor_message_type_gets_error_3()
    {
        await using var fixture = await HislipFixture.StartAsync();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            async.Send((HislipMessageType)200, 0, 0);
            var text = async.ReceiveError(HislipMessageType.Error, (byte)HislipErrorCode.UnrecognizedVendorDefinedMessage);
            Assert.Contains("Vendor-specific message type 200", text);
        }
    }

    [Fact]
    public async Task A_message_on_the_wrong_channel_gets_error_1()
    {
        await using var fixture = await HislipFixture.StartAsync();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            sync.Send(HislipMessageType.AsyncStatusQuery, 0, 0);
            var text = sync.ReceiveError(HislipMessageType.Error, (byte)HislipErrorCode.UnrecognizedMessageType);
            Assert.Contains("belongs on the asynchronous channel", text);

            async.Send(HislipMessageType.InitializeResponse, 0, 0);
            Assert.Contains("sent by the server", async.ReceiveError(HislipMessageType.Error, (byte)HislipErrorCode.UnrecognizedMessageType));
        }
    }

    [Fact]
    public async Task An_undefined_control_code_gets_error_2()
    {
        await using var fixture = await HislipFixture.StartAsync();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            async.Send(HislipMessageType.AsyncRemoteLocalControl, 9, 0);
            var text = async.ReceiveError(HislipMessageType.Error, (byte)HislipErrorCode.UnrecognizedControlCode);
            Assert.Contains("control codes 0 to 6; 9 is not one of them", text);
        }
    }

    [Fact]
    public async Task An_oversized_message_gets_error_4_its_payload_is_skipped_and_the_session_goes_on()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { MaxMessageSize = 1024 });
        using var good = fixture.Connect();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            sync.Send(HislipMessageType.DataEnd, 0, HislipMessageIds.Initial, new byte[2048]);
            var text = sync.ReceiveError(HislipMessageType.Error, (byte)HislipErrorCode.MessageTooLarge);
            Assert.Contains("2048 payload bytes is larger than the 1024 bytes", text);

            sync.Send(HislipMessageType.DataEnd, 0, HislipMessageIds.Next(HislipMessageIds.Initial), "ECHO? fine"u8);
            Assert.Equal("fine\n", Encoding.ASCII.GetString(sync.Receive().Payload));
        }
        Assert.Equal("still\n", good.Query("ECHO? still"));
    }

    [Fact]
    public async Task An_absurd_length_gets_error_4_and_other_clients_are_served_meanwhile()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var good = fixture.Connect();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            sync.Send(HislipMessageType.Data, 0, HislipMessageIds.Initial, default, ulong.MaxValue);
            var text = sync.ReceiveError(HislipMessageType.Error, (byte)HislipErrorCode.MessageTooLarge);
            Assert.Contains(ulong.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), text);
            Assert.Equal("still\n", good.Query("ECHO? still"));
        }
    }

    [Fact]
    public async Task A_fixed_size_payload_of_the_wrong_size_gets_fatal_error_1()
    {
        await using var fixture = await HislipFixture.StartAsync();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            async.Send(HislipMessageType.AsyncMaximumMessageSize, 0, 0, new byte[4]);
            var text = async.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.PoorlyFormedMessageHeader);
            Assert.Contains("exactly 8 payload bytes; this header says 4", text);
            Assert.True(async.IsClosedByPeer());
        }
    }

    [Fact]
    public async Task A_truncated_header_gets_fatal_error_1()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var good = fixture.Connect();
        using var bad = RawHislipPeer.Connect(fixture.Port);

        bad.SendBytes("HS\0\0\0\0\0"u8);
        bad.ShutdownSend();

        var text = bad.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.PoorlyFormedMessageHeader);
        Assert.Contains("9 bytes short of a 16-byte header", text);
        Assert.Equal("still\n", good.Query("ECHO? still"));
    }

    [Fact]
    public async Task A_truncated_header_inside_a_session_gets_fatal_error_1()
    {
        await using var fixture = await HislipFixture.StartAsync();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            sync.SendBytes("HS\u0007\0"u8);
            sync.ShutdownSend();
            Assert.Contains("12 bytes short", sync.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.PoorlyFormedMessageHeader));
        }
    }

    [Fact]
    public async Task Data_before_Initialize_gets_fatal_error_3()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var good = fixture.Connect();
        using var bad = RawHislipPeer.Connect(fixture.Port);

        bad.Send(HislipMessageType.DataEnd, 0, HislipMessageIds.Initial, "*IDN?"u8);

        var text = bad.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.InvalidInitializationSequence);
        Assert.Contains("starts with Initialize (synchronous channel) or AsyncInitialize (asynchronous channel), not DataEnd", text);
        Assert.True(bad.IsClosedByPeer());
        Assert.DoesNotContain("*IDN?", fixture.Instrument.Commands);
        Assert.Equal("still\n", good.Query("ECHO? still"));
    }

    [Fact]
    public async Task Data_before_the_asynchronous_channel_gets_fatal_error_2()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var sync = RawHislipPeer.Connect(fixture.Port);
        sync.Send(HislipMessageType.Initialize, 0, 0x02000000, "hislip0"u8);
        var id = (ushort)sync.Receive().Header.Parameter;

        sync.Send(HislipMessageType.DataEnd, 0, HislipMessageIds.Initial, "*IDN?"u8);

        var text = sync.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.AttemptToUseConnectionWithoutBothChannels);
        Assert.Contains($"AsyncInitialize with session id {id}", text);
        Assert.Empty(fixture.Instrument.Commands);
    }

    [Fact]
    public async Task AsyncInitialize_for_an_unknown_session_gets_fatal_error_3()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var peer = RawHislipPeer.Connect(fixture.Port);

        peer.Send(HislipMessageType.AsyncInitialize, 0, 4242);

        Assert.Contains("names session 4242, but no session with that id is open",
            peer.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.InvalidInitializationSequence));
    }

    [Fact]
    public async Task A_second_Initialize_on_a_session_gets_fatal_error_3()
    {
        await using var fixture = await HislipFixture.StartAsync();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            sync.Send(HislipMessageType.Initialize, 0, 0x02000000, "hislip0"u8);
            Assert.Contains("initialized already", sync.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.InvalidInitializationSequence));
        }
    }

    [Fact]
    public async Task An_unknown_sub_address_is_refused_with_the_served_ones_named()
    {
        await using var fixture = await HislipFixture.StartAsync();

        var error = Assert.Throws<VisaException>(() => fixture.Connect(new HislipClientOptions { SubAddress = "hislip7" }));

        Assert.Equal(StatusCode.ErrorResourceNotFound, error.Status);
        Assert.Contains("No instrument is served at sub-address \"hislip7\"; this server serves hislip0, hislip1", error.Message);
    }

    [Fact]
    public async Task The_server_refuses_sessions_beyond_its_maximum()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { MaxSessions = 1 });
        using var first = fixture.Connect();

        var error = Assert.Throws<VisaException>(() => fixture.Connect());

        Assert.Equal(StatusCode.ErrorResourceBusy, error.Status);
        Assert.Contains("already serves 1 sessions, its maximum", error.Message);
        Assert.Equal("first\n", first.Query("ECHO? first"));
    }

    [Fact]
    public async Task A_client_that_vanishes_mid_message_frees_its_session_and_locks()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var good = fixture.Connect();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        async.Send(HislipMessageType.AsyncLock, 1, 0);
        Assert.Equal(HislipMessageType.AsyncLockResponse, async.Receive().Header.Type);
        sync.Send(HislipMessageType.Data, 0, HislipMessageIds.Initial, "ECHO? par"u8, 100);

        sync.Dispose();
        async.Dispose();

        await WaitUntil(() => fixture.Server.SessionCount == 1);
        Assert.Equal(StatusCode.Success, good.Lock(AccessMode.ExclusiveLock, TimeSpan.FromSeconds(1)).Status);
        Assert.Equal("still\n", good.Query("ECHO? still"));
    }

    [Fact]
    public async Task The_server_stopping_shows_as_a_lost_connection()
    {
        var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        await fixture.Server.StopAsync();

        var error = Assert.ThrowsAny<VisaException>(() => client.Query("*IDN?"));

        Assert.Equal(StatusCode.ErrorConnectionLost, error.Status);
        await fixture.DisposeAsync();
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 5 s.");
            await Task.Delay(20);
        }
    }
}
