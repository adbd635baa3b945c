using System.Net;
using System.Security.Cryptography.X509Certificates;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>HiSLIP 2.0 secure connection: TLS on both channels with a certificate made in the test, and SASL authentication.</summary>
public sealed class HislipTlsTests
{
    private static HislipServerOptions Secure(bool require = false, IReadOnlyDictionary<string, string>? credentials = null, bool anonymous = true) => new()
    {
        Certificate = HislipCertificates.Localhost,
        RequireEncryption = require,
        Credentials = credentials,
        AllowAnonymous = anonymous,
    };

    private static HislipClientOptions Trusting(HislipEncryptionMode mode = HislipEncryptionMode.Required, NetworkCredential? credential = null) => new()
    {
        Encryption = mode,
        TargetHost = "localhost",
        TrustedCertificates = HislipCertificates.TrustLocalhost,
        Credential = credential,
        TimeoutMilliseconds = 10_000,
        OpenTimeout = TimeSpan.FromSeconds(20), // the first TLS handshake of a process is slow (crypto start-up) on a busy machine
    };

    [Fact]
    public async Task A_session_encrypted_from_the_start_serves_queries_and_blocks()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure());
        using var client = fixture.Connect(Trusting());

        Assert.True(client.SecureConnectionSupported);
        Assert.True(client.IsEncrypted);
        Assert.NotNull(client.CipherSuite);
        Assert.Contains("CN=localhost", client.ServerCertificate!.Subject);
        Assert.Equal(HislipSasl.Anonymous, client.AuthenticationMechanism);
        Assert.Equal("secret\n", client.Query("ECHO? secret"));
        client.WriteText("BLOCK? 2000000");
        Assert.Equal([.. HislipTestInstrument.Pattern(2_000_000), (byte)'\n'], client.ReadAll());
        Assert.Equal(0, client.ReadStatusByte());
    }

    [Fact]
    public async Task A_read_that_times_out_under_TLS_leaves_the_session_usable()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure());
        using var client = fixture.Connect(Trusting());
        client.TimeoutMilliseconds = 200;

        Assert.Equal(StatusCode.ErrorTimeout, Assert.Throws<VisaException>(() => client.ReadText()).Status);
        Assert.Equal(StatusCode.ErrorTimeout, (await Assert.ThrowsAsync<VisaException>(async () => await client.ReadAsync(new byte[10]))).Status);

        client.TimeoutMilliseconds = 5000;
        Assert.Equal("after\n", client.Query("ECHO? after"));
        await client.WriteAsync("ECHO? async"u8.ToArray());
        var buffer = new byte[64];
        var result = await client.ReadAsync(buffer);
        Assert.Equal("async\n", System.Text.Encoding.ASCII.GetString(buffer, 0, result.Count));
    }

    [Fact]
    public async Task TLS_can_start_on_an_open_session_and_end_again()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure());
        using var client = fixture.Connect(Trusting(HislipEncryptionMode.WhenRequired));
        Assert.False(client.IsEncrypted);
        Assert.Equal("clear\n", client.Query("ECHO? clear"));

        client.StartTls();
        Assert.True(client.IsEncrypted);
        Assert.Equal("hidden\n", client.Query("ECHO? hidden"));

        await client.EndTlsAsync();
        Assert.False(client.IsEncrypted);
        Assert.Equal("clear again\n", client.Query("ECHO? clear again"));
        Assert.Equal(0, client.ReadStatusByte());
    }

    [Fact]
    public async Task Service_requests_arrive_over_TLS()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure());
        using var client = fixture.Connect(Trusting());
        var received = new TaskCompletionSource<byte>();
        client.ServiceRequested += (_, stb) => received.TrySetResult(stb);

        client.WriteText("SRQ");

        Assert.Equal(0x40, await received.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_with_the_certificate_status()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure());

        var error = Assert.Throws<VisaException>(() => fixture.Connect(new HislipClientOptions { Encryption = HislipEncryptionMode.Required, TargetHost = "localhost" }));

        Assert.Equal(StatusCode.ErrorServerCertificateUntrusted, error.Status);
        Assert.Contains("not trusted", error.Message);
        Assert.Contains("add it, or the CA that issued it", error.Message);
    }

    [Fact]
    public async Task A_certificate_for_another_name_fails_with_invalid_subject()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure());
        var options = Trusting();

        var error = Assert.Throws<VisaException>(() => fixture.Connect(new HislipClientOptions
        {
            Encryption = HislipEncryptionMode.Required,
            TargetHost = "instrument.example",
            TrustedCertificates = options.TrustedCertificates,
        }));

        Assert.Equal(StatusCode.ErrorServerCertificateInvalidSubject, error.Status);
        Assert.Contains("not issued to \"instrument.example\"", error.Message);
    }

    [Fact]
    public async Task An_expired_certificate_fails_with_expired()
    {
        var expired = HislipCertificates.Create("localhost", DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1));
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { Certificate = expired });

        var error = Assert.Throws<VisaException>(() => fixture.Connect(new HislipClientOptions
        {
            Encryption = HislipEncryptionMode.Required,
            TargetHost = "localhost",
            TrustedCertificates = [X509CertificateLoader.LoadCertificate(expired.RawData)],
        }));

        Assert.Equal(StatusCode.ErrorServerCertificateExpired, error.Status);
    }

    [Fact]
    public async Task Requiring_encryption_from_a_server_without_a_certificate_fails_at_open()
    {
        await using var fixture = await HislipFixture.StartAsync();

        var error = Assert.Throws<VisaException>(() => fixture.Connect(Trusting()));

        Assert.Equal(StatusCode.ErrorNoPermission, error.Status);
        Assert.Contains("offers no secure connection", error.Message);
    }

    [Fact]
    public async Task A_server_that_requires_encryption_gets_it_from_a_default_client()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure(require: true));
        using var client = fixture.Connect(Trusting(HislipEncryptionMode.WhenRequired));

        Assert.True(client.EncryptionMandatory);
        Assert.True(client.IsEncrypted);
        Assert.Equal("ok\n", client.Query("ECHO? ok"));
        var end = await Assert.ThrowsAsync<VisaException>(() => client.EndTlsAsync());
        Assert.Contains("refused to end TLS", end.Message);
        Assert.Equal("still\n", client.Query("ECHO? still"));
    }

    [Fact]
    public async Task A_server_that_requires_encryption_refuses_a_client_that_will_not()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure(require: true));

        var error = Assert.Throws<VisaException>(() => fixture.Connect(new HislipClientOptions { Encryption = HislipEncryptionMode.Off }));

        Assert.Equal(StatusCode.ErrorNoPermission, error.Status);
        Assert.Contains("serves data only over TLS, but encryption is turned off", error.Message);
    }

    [Fact]
    public async Task Data_in_clear_text_to_a_server_that_requires_encryption_gets_fatal_error_5()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure(require: true));
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            sync.Send(HislipMessageType.DataEnd, 0, HislipMessageIds.Initial, "*IDN?"u8);

            var text = sync.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.SecureConnectionFailed);
            Assert.Contains("arrived before a secure connection", text);
        }
        Assert.Empty(fixture.Instrument.Commands);
    }

    [Fact]
    public async Task PLAIN_authentication_with_the_right_password_succeeds()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure(credentials: new Dictionary<string, string> { ["alice"] = "s3cret" }, anonymous: false));
        using var client = fixture.Connect(Trusting(credential: new NetworkCredential("alice", "s3cret")));

        Assert.Equal(HislipSasl.Plain, client.AuthenticationMechanism);
        Assert.Equal("in\n", client.Query("ECHO? in"));
    }

    [Fact]
    public async Task PLAIN_authentication_with_a_wrong_password_fails_with_no_permission()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure(credentials: new Dictionary<string, string> { ["alice"] = "s3cret" }, anonymous: false));

        var error = Assert.Throws<VisaException>(() => fixture.Connect(Trusting(credential: new NetworkCredential("alice", "guess"))));

        Assert.Equal(StatusCode.ErrorNoPermission, error.Status);
        Assert.Contains("Authentication with SASL PLAIN failed: User \"alice\" and the password given are not accepted", error.Message);
    }

    [Fact]
    public async Task Without_authentication_a_server_with_credentials_serves_no_data()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure(credentials: new Dictionary<string, string> { ["alice"] = "s3cret" }, anonymous: false));
        using var client = fixture.Connect(Trusting());
        Assert.Null(client.AuthenticationMechanism);

        client.WriteText("*IDN?");
        var error = Assert.Throws<VisaException>(() => client.ReadText());

        Assert.Equal(StatusCode.ErrorNoPermission, error.Status);
        Assert.Contains("authentication (SASL PLAIN)", error.Message);
    }

    [Fact]
    public async Task A_credential_for_a_server_that_offers_no_PLAIN_is_refused()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure());

        var error = Assert.Throws<VisaException>(() => fixture.Connect(Trusting(credential: new NetworkCredential("bob", "x"))));

        Assert.Equal(StatusCode.ErrorNoPermission, error.Status);
        Assert.Contains("offers ANONYMOUS, not PLAIN", error.Message);
    }

    [Fact]
    public async Task Authentication_messages_in_clear_text_get_error_5()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure());
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            sync.Send(HislipMessageType.GetSaslMechanismList, 0, 0);
            Assert.Contains("needs the secure connection first", sync.ReceiveError(HislipMessageType.Error, (byte)HislipErrorCode.AuthenticationFailed));
        }
    }

    [Fact]
    public async Task StartTLS_without_AsyncStartTLS_gets_fatal_error_5()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure());
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            sync.Send(HislipMessageType.StartTLS, 0, 0);
            Assert.Contains("without a successful AsyncStartTLS", sync.ReceiveError(HislipMessageType.FatalError, (byte)HislipFatalErrorCode.SecureConnectionFailed));
        }
    }

    [Fact]
    public async Task AsyncStartTLS_while_a_reply_is_unread_is_answered_busy()
    {
        await using var fixture = await HislipFixture.StartAsync(Secure());
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            sync.Send(HislipMessageType.DataEnd, 0, HislipMessageIds.Initial, "ECHO? x"u8);
            Assert.Equal(HislipMessageType.DataEnd, sync.Receive().Header.Type);

            async.Send(HislipMessageType.AsyncStartTLS, 0, HislipMessageIds.Initial, new byte[4]);
            Assert.Equal((byte)HislipTlsResponse.Busy, async.Receive().Header.ControlCode);
        }
    }

    [Fact]
    public async Task A_server_without_a_certificate_answers_AsyncStartTLS_with_error()
    {
        await using var fixture = await HislipFixture.StartAsync();
        var (sync, async, _) = RawHislipPeer.OpenSession(fixture.Port);
        using (sync)
        using (async)
        {
            async.Send(HislipMessageType.AsyncStartTLS, 0, HislipMessageIds.BeforeFirst, new byte[4]);
            Assert.Equal((byte)HislipTlsResponse.Error, async.Receive().Header.ControlCode);
        }
    }

    [Fact]
    public void A_PEM_certificate_file_loads_with_its_key_and_one_without_a_key_is_refused()
    {
        var directory = Directory.CreateTempSubdirectory("hislip-cert");
        try
        {
            var certificate = HislipCertificates.Localhost;
            var both = Path.Combine(directory.FullName, "server.pem");
            File.WriteAllText(both, certificate.ExportCertificatePem() + "\n" + certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            var pfx = Path.Combine(directory.FullName, "server.pfx");
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "pw"));
            var publicOnly = Path.Combine(directory.FullName, "public.cer");
            File.WriteAllBytes(publicOnly, certificate.Export(X509ContentType.Cert));

            Assert.True(HislipServerOptions.LoadCertificate(both).HasPrivateKey);
            Assert.True(HislipServerOptions.LoadCertificate(pfx, "pw").HasPrivateKey);
            var missing = Assert.Throws<ArgumentException>(() => HislipServerOptions.LoadCertificate(publicOnly));
            Assert.Contains("public.cer\" is not a PKCS#12 (.pfx) file with a certificate and key", missing.Message);
            var keyless = Path.Combine(directory.FullName, "keyless.pem");
            File.WriteAllText(keyless, certificate.ExportCertificatePem());
            var noKey = Assert.Throws<ArgumentException>(() => HislipServerOptions.LoadCertificate(keyless));
            Assert.Contains("keyless.pem\" does not hold a certificate and its private key", noKey.Message);
            var absent = Assert.Throws<FileNotFoundException>(() => HislipServerOptions.LoadCertificate(Path.Combine(directory.FullName, "nope.pem")));
            Assert.Contains("nope.pem\" does not exist", absent.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
