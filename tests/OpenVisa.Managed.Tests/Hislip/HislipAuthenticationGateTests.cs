using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>
/// A server with credentials serves nothing but the security handshake before authentication, and slows down and
/// finally cuts off password guessing (issue 18, item 11).
/// </summary>
public sealed class HislipAuthenticationGateTests
{
    private static readonly Dictionary<string, string> Alice = new() { ["alice"] = "s3cret" };

    private static HislipServerOptions WithCredentials(int maxFailures = 5, int delayMs = 250) => new()
    {
        Certificate = HislipCertificates.Localhost,
        Credentials = Alice,
        AllowAnonymous = false,
        MaxAuthenticationFailures = maxFailures,
        AuthenticationFailureDelay = TimeSpan.FromMilliseconds(delayMs),
    };

    public static TheoryData<HislipMessageType, byte, bool> Refused => new()
    {
        { HislipMessageType.AsyncLock, 1, false },             // the exclusive lock, empty key: the reported bypass
        { HislipMessageType.AsyncLockInfo, 0, false },
        { HislipMessageType.AsyncStatusQuery, 0, false },
        { HislipMessageType.AsyncDeviceClear, 0, false },
        { HislipMessageType.AsyncRemoteLocalControl, 1, false },
        { HislipMessageType.DataEnd, 0, true },
        { HislipMessageType.Trigger, 0, true },
        { HislipMessageType.DeviceClearComplete, 0, true },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Before_authentication_every_message_but_the_handshake_gets_fatal_error_5(HislipMessageType type, byte control, bool onSync)
    {
        await using var fixture = await HislipFixture.StartAsync(WithCredentials());
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            var channel = onSync ? sync : async;
            channel.Send(type, control, HislipMessageIds.Initial, type == HislipMessageType.DataEnd ? "*IDN?"u8 : default);

            var text = channel.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.SecureConnectionFailed);
            Assert.Contains($"{type} arrived before authentication (SASL PLAIN)", text);
            Assert.Contains("nothing but the security handshake", text);
            Assert.True(sync.IsClosedByPeer());
            Assert.True(async.IsClosedByPeer());
        }
        Assert.Empty(fixture.Instrument.Commands);
    }

    [Fact]
    public async Task An_unauthenticated_session_cannot_lock_out_the_authenticated_user()
    {
        await using var fixture = await HislipFixture.StartAsync(WithCredentials());
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using var intruderSync = sync;
        using var intruder = async;
        intruder.Send(HislipMessageType.AsyncLock, 1, 0); // exclusive, empty key, while the intruder's channels stay open
        using var client = fixture.Connect(new HislipClientOptions
        {
            Encryption = HislipEncryptionMode.Required,
            TargetHost = "localhost",
            TrustedCertificates = HislipCertificates.TrustLocalhost,
            Credential = new NetworkCredential("alice", "s3cret"),
            TimeoutMilliseconds = 10_000,
            OpenTimeout = TimeSpan.FromSeconds(20),
        });
        Assert.Equal(StatusCode.Success, client.Lock(AccessMode.ExclusiveLock, TimeSpan.FromSeconds(2)).Status);
        Assert.Equal("mine\n", client.Query("ECHO? mine"));
        intruder.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.SecureConnectionFailed);
    }

    [Fact]
    public async Task Failed_authentications_wait_longer_each_time_and_end_the_session_at_the_limit()
    {
        await using var fixture = await HislipFixture.StartAsync(WithCredentials(maxFailures: 3, delayMs: 150));
        await using var session = await SecureSession.OpenAsync(fixture.Port);
        var elapsed = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            var (header, text) = await session.AuthenticateAsync("alice", "guess" + attempt);
            elapsed.Add(Stopwatch.GetElapsedTime(started));
            Assert.Equal((HislipMessageType.AuthenticationResult, (byte)0), (header.Type, header.ControlCode));
            Assert.Contains("User \"alice\" and the password given are not accepted", text);
        }
        // 150, 300, 600 ms at least: lower bounds only, since a loaded machine only makes them longer.
        Assert.True(elapsed[0] >= TimeSpan.FromMilliseconds(140), $"first failure answered after {elapsed[0].TotalMilliseconds} ms");
        Assert.True(elapsed[2] >= TimeSpan.FromMilliseconds(590), $"third failure answered after {elapsed[2].TotalMilliseconds} ms");

        var (fatal, reason) = await session.ReadAsync();
        Assert.Equal((HislipMessageType.FatalError, (byte)HislipFatalErrorCode.SecureConnectionFailed), (fatal.Type, fatal.ControlCode));
        Assert.Contains("3 failed authentications in this session", reason);
        Assert.Contains("MaxAuthenticationFailures", reason);
    }

    [Fact]
    public async Task The_right_password_after_a_wrong_one_authenticates_and_serves_data()
    {
        await using var fixture = await HislipFixture.StartAsync(WithCredentials(delayMs: 50));
        await using var session = await SecureSession.OpenAsync(fixture.Port);

        Assert.Equal(0, (await session.AuthenticateAsync("alice", "wrong")).Header.ControlCode);
        Assert.Equal(1, (await session.AuthenticateAsync("alice", "s3cret")).Header.ControlCode);
        Assert.Equal("ok\n", await session.QueryAsync("ECHO? ok"));
    }

    [Fact]
    public void The_throttle_doubles_per_failure_of_an_address_up_to_its_cap_and_a_success_resets_it()
    {
        var throttle = new HislipAuthenticationThrottle(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));
        var a = IPAddress.Parse("10.0.0.1");
        var b = IPAddress.Parse("10.0.0.2");

        Assert.Equal([100, 200, 400, 500, 500], Enumerable.Range(0, 5).Select(_ => throttle.RecordFailure(a).TotalMilliseconds));
        Assert.Equal(100, throttle.RecordFailure(b).TotalMilliseconds);
        throttle.RecordSuccess(a);
        Assert.Equal(100, throttle.RecordFailure(a).TotalMilliseconds);
    }

    [Fact]
    public void A_server_with_credentials_but_no_certificate_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new HislipServer(new IPEndPoint(IPAddress.Loopback, 0),
            [("hislip0", new HislipTestInstrument())], new HislipServerOptions { Credentials = Alice }));
        Assert.Contains("Credentials need a Certificate", error.Message);
        Assert.Contains("no client could ever authenticate", error.Message);
    }

    /// <summary>A hand-driven session with TLS on both channels, for SASL exchanges the client class makes only once.</summary>
    private sealed class SecureSession : IAsyncDisposable
    {
        private readonly HislipConnection _sync;
        private readonly HislipConnection _async;

        private SecureSession(HislipConnection sync, HislipConnection async)
        {
            _sync = sync;
            _async = async;
        }

        private static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

        public static async Task<SecureSession> OpenAsync(int port)
        {
            var sync = new HislipConnection(Connect(port));
            await sync.SendAsync(new HislipHeader(HislipMessageType.Initialize, 0, (0x0200u << 16) | 0x5858, 7), "hislip0"u8.ToArray(), Timeout);
            var id = (ushort)(await sync.ReadHeaderAsync(Timeout)).Parameter;
            var async = new HislipConnection(Connect(port));
            await async.SendAsync(new HislipHeader(HislipMessageType.AsyncInitialize, 0, id, 0), default, Timeout);
            Assert.Equal(HislipMessageType.AsyncInitializeResponse, (await async.ReadHeaderAsync(Timeout)).Type);
            var lastRead = new byte[4];
            await async.SendAsync(new HislipHeader(HislipMessageType.AsyncStartTLS, 0, HislipMessageIds.BeforeFirst, 4), lastRead, Timeout);
            var answer = await async.ReadHeaderAsync(Timeout);
            Assert.Equal((HislipMessageType.AsyncStartTLSResponse, (byte)HislipTlsResponse.Success), (answer.Type, answer.ControlCode));
            await async.StartTlsAsClientAsync(TlsOptions(), Timeout);
            await sync.SendAsync(new HislipHeader(HislipMessageType.StartTLS, 0, 0, 0), default, Timeout);
            await sync.StartTlsAsClientAsync(TlsOptions(), Timeout);
            return new SecureSession(sync, async);
        }

        public async Task<(HislipHeader Header, string Text)> AuthenticateAsync(string user, string password)
        {
            var mechanism = Encoding.ASCII.GetBytes(HislipSasl.Plain);
            await _sync.SendAsync(new HislipHeader(HislipMessageType.AuthenticationStart, 0, 0, (ulong)mechanism.Length), mechanism, Timeout);
            var plain = HislipSasl.EncodePlain(user, password);
            await _sync.SendAsync(new HislipHeader(HislipMessageType.AuthenticationExchange, 0, 0, (ulong)plain.Length), plain, Timeout);
            return await ReadAsync();
        }

        public async Task<string> QueryAsync(string text)
        {
            var payload = Encoding.ASCII.GetBytes(text);
            await _sync.SendAsync(new HislipHeader(HislipMessageType.DataEnd, 0, HislipMessageIds.Initial, (ulong)payload.Length), payload, Timeout);
            var (header, reply) = await ReadAsync();
            Assert.Equal(HislipMessageType.DataEnd, header.Type);
            return reply;
        }

        public async Task<(HislipHeader Header, string Text)> ReadAsync()
        {
            var header = await _sync.ReadHeaderAsync(Timeout);
            var payload = new byte[header.PayloadLength];
            await _sync.ReadExactAsync(payload, Timeout);
            return (header, Encoding.UTF8.GetString(payload));
        }

        public ValueTask DisposeAsync()
        {
            _sync.Dispose();
            _async.Dispose();
            return ValueTask.CompletedTask;
        }

        private static Socket Connect(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }

        private static SslClientAuthenticationOptions TlsOptions() => new()
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null
                && certificate.GetCertHashString() == HislipCertificates.Localhost.GetCertHashString(),
        };
    }
}
