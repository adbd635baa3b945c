using System.Buffers.Binary;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Managed.Tcpip.Hislip;

// HiSLIP 2.0 secure connection, client side: AsyncStartTLS until the server is idle and says Success, the TLS handshake
// on the asynchronous channel, StartTLS and the handshake on the synchronous channel, then SASL authentication (PLAIN
// with the options' credential, else ANONYMOUS when offered). EndTLS reverses it.
public sealed partial class HislipClient
{
    private SslPolicyErrors _certificateErrors;
    private X509ChainStatusFlags _chainErrors;

    /// <summary>Encrypts both channels with TLS and authenticates (HiSLIP 2.0 secure connection).</summary>
    /// <exception cref="VisaException">
    /// <see cref="StatusCode.ErrorNonsupportedOperation"/> when the server offers no secure connection; the certificate
    /// statuses when its certificate is not trusted; <see cref="StatusCode.ErrorNoPermission"/> when authentication fails;
    /// <see cref="StatusCode.ErrorTimeout"/> when the server stays busy (a reply not yet read).
    /// </exception>
    public void StartTls() => StartTls(new HislipDeadline(Math.Max(TimeoutMilliseconds, 2000)));

    private void StartTls(in HislipDeadline deadline)
    {
        const string Operation = "StartTLS";
        ThrowIfUnusable(Operation);
        if (IsEncrypted)
            return;
        if (!SecureConnectionSupported)
        {
            throw new VisaException(StatusCode.ErrorNonsupportedOperation,
                Version < HislipVersion.V2_0 ? $"TLS needs HiSLIP 2.0; this session speaks {Version}." : "The instrument offers no secure connection (no TLS certificate configured).",
                Operation, ResourceName);
        }
        RequireIdleForTls(Operation);
        HislipPendingResponse response;
        while (true)
        {
            response = Request(TlsSwitchRequest(HislipMessageType.AsyncStartTLS, out var payload), payload, HislipMessageType.AsyncStartTLSResponse, deadline, Operation, pausesReader: true);
            var answer = (HislipTlsResponse)response.Header.ControlCode;
            if (answer == HislipTlsResponse.Success)
                break;
            if (answer != HislipTlsResponse.Busy)
                throw new VisaException(StatusCode.ErrorNonsupportedOperation, $"The instrument refused to start TLS (it answered {answer}).", Operation, ResourceName);
            if (deadline.HasExpired)
                throw new VisaException(StatusCode.ErrorTimeout, $"The instrument stayed busy for {deadline.TimeoutMs} ms and did not start TLS.", Operation, ResourceName);
            Thread.Sleep(10);
        }
        try
        {
            try
            {
                Logger.LogTrace("HiSLIP {Resource}: TLS handshake on the asynchronous channel", ResourceName);
                _async!.StartTlsAsClient(ClientTlsOptions(), deadline);
                Logger.LogTrace("HiSLIP {Resource}: asynchronous channel encrypted", ResourceName);
            }
            finally
            {
                response.ResumeReader();
            }
            var limit = deadline;
            WithBothGates(deadline, Operation, () =>
            {
                _sync.Send(new HislipHeader(HislipMessageType.StartTLS, 0, 0, 0), default, limit);
                _sync.StartTlsAsClient(ClientTlsOptions(), limit);
                Logger.LogTrace("HiSLIP {Resource}: synchronous channel encrypted", ResourceName);
                Authenticate(limit);
            });
        }
        catch (AuthenticationException e)
        {
            MarkLost("the TLS handshake failed");
            throw CertificateFailure(e, Operation);
        }
        catch (Exception e) when (e is TimeoutException || IsConnectionFailure(e))
        {
            throw ConnectionFailure(e is TimeoutException ? new IOException("the TLS handshake timed out") : e, Operation);
        }
        Logger.LogDebug("HiSLIP {Resource}: TLS on both channels ({Cipher})", ResourceName, CipherSuite);
    }

    /// <summary>Returns both channels to clear text (AsyncEndTLS, EndTLS); only async, because ending TLS is.</summary>
    public async Task EndTlsAsync(CancellationToken cancellationToken = default)
    {
        const string Operation = "EndTLS";
        ThrowIfUnusable(Operation);
        if (!IsEncrypted)
            return;
        RequireIdleForTls(Operation);
        var deadline = new HislipDeadline(Math.Max(TimeoutMilliseconds, 2000));
        HislipPendingResponse response;
        while (true)
        {
            var header = TlsSwitchRequest(HislipMessageType.AsyncEndTLS, out var payload);
            response = await RequestAsync(header, payload, HislipMessageType.AsyncEndTLSResponse, deadline, Operation, cancellationToken, pausesReader: true).ConfigureAwait(false);
            var answer = (HislipTlsResponse)response.Header.ControlCode;
            if (answer == HislipTlsResponse.Success)
                break;
            if (answer != HislipTlsResponse.Busy)
                throw new VisaException(StatusCode.ErrorNonsupportedOperation, $"The instrument refused to end TLS (it answered {answer}; it may require encryption).", Operation, ResourceName);
            if (deadline.HasExpired)
                throw new VisaException(StatusCode.ErrorTimeout, $"The instrument stayed busy for {deadline.TimeoutMs} ms and did not end TLS.", Operation, ResourceName);
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            try
            {
                await _async!.EndTlsAsync(awaitPeer: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                response.ResumeReader();
            }
            await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await _sync.SendAsync(new HislipHeader(HislipMessageType.EndTLS, 0, 0, 0), default, cancellationToken).ConfigureAwait(false);
                    await _sync.EndTlsAsync(awaitPeer: true, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _writeGate.Release();
                }
            }
            finally
            {
                _readGate.Release();
            }
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            throw ConnectionFailure(e, Operation);
        }
        Logger.LogDebug("HiSLIP {Resource}: back to clear text", ResourceName);
    }

    /// <summary>SASL on the synchronous channel: PLAIN with the credential, else ANONYMOUS when the server offers it.</summary>
    private void Authenticate(in HislipDeadline deadline)
    {
        _sync.Send(new HislipHeader(HislipMessageType.GetSaslMechanismList, 0, 0, 0), default, deadline);
        var offered = HislipSasl.ParseMechanismList(ReadSyncReply(HislipMessageType.GetSaslMechanismListResponse, deadline, "StartTLS").Payload);
        string mechanism;
        byte[] initial;
        if (_options.Credential is { } credential)
        {
            if (!offered.Contains(HislipSasl.Plain))
            {
                throw new VisaException(StatusCode.ErrorNoPermission,
                    $"A user name and password were given, but the instrument offers {(offered.Length == 0 ? "no SASL mechanism" : string.Join(", ", offered))}, not PLAIN.", "StartTLS", ResourceName);
            }
            mechanism = HislipSasl.Plain;
            initial = HislipSasl.EncodePlain(credential.UserName, credential.Password);
        }
        else if (offered.Contains(HislipSasl.Anonymous))
        {
            mechanism = HislipSasl.Anonymous;
            initial = "OpenVisa"u8.ToArray();
        }
        else
        {
            Logger.LogDebug("HiSLIP {Resource}: no credential and no ANONYMOUS offered ({Offered}); not authenticating", ResourceName, string.Join(" ", offered));
            return;
        }
        var name = Encoding.ASCII.GetBytes(mechanism);
        _sync.Send(new HislipHeader(HislipMessageType.AuthenticationStart, 0, 0, (ulong)name.Length), name, deadline);
        _sync.Send(new HislipHeader(HislipMessageType.AuthenticationExchange, 0, 0, (ulong)initial.Length), initial, deadline);
        while (true)
        {
            var (header, payload) = ReadSyncReply(null, deadline, "StartTLS");
            if (header.Type == HislipMessageType.AuthenticationResult)
            {
                if (header.ControlCode == 1)
                {
                    AuthenticationMechanism = mechanism;
                    return;
                }
                var reason = Encoding.UTF8.GetString(payload);
                throw new VisaException(StatusCode.ErrorNoPermission,
                    $"Authentication with SASL {mechanism} failed{(reason.Length > 0 ? ": " + reason : ".")}", "StartTLS", ResourceName);
            }
            if (header.Type == HislipMessageType.AuthenticationExchange)
            {
                throw new VisaException(StatusCode.ErrorNoPermission,
                    $"The instrument sent a SASL {mechanism} challenge; PLAIN and ANONYMOUS have none, so the exchange cannot go on.", "StartTLS", ResourceName);
            }
        }
    }

    /// <summary>Reads the next whole message of the synchronous channel outside a data read (TLS and authentication).</summary>
    private (HislipHeader Header, byte[] Payload) ReadSyncReply(HislipMessageType? expected, in HislipDeadline deadline, string operation)
    {
        while (true)
        {
            var header = _sync.ReadHeader(deadline);
            HislipMessageRules.Validate(header, HislipChannelKind.Synchronous, HislipMessageRules.Sender.Client, Version, _options.MaxMessageSize);
            var payload = new byte[header.PayloadLength];
            _sync.ReadExact(payload, deadline);
            if (expected is null || header.Type == expected)
            {
                if (header.Type is not (HislipMessageType.Error or HislipMessageType.FatalError))
                    return (header, payload);
            }
            ThrowIfServerError(header, payload, operation);
        }
    }

    private void WithBothGates(in HislipDeadline deadline, string operation, Action action)
    {
        if (!_readGate.Wait(GateWait(deadline)))
            throw new VisaException(StatusCode.ErrorTimeout, "A read on this session held the channel too long.", operation, ResourceName);
        try
        {
            if (!_writeGate.Wait(GateWait(deadline)))
                throw new VisaException(StatusCode.ErrorTimeout, "A write on this session held the channel too long.", operation, ResourceName);
            try
            {
                action();
            }
            finally
            {
                _writeGate.Release();
            }
        }
        finally
        {
            _readGate.Release();
        }
    }

    /// <summary>TLS can start or end only between messages: nothing of a reply may be left unread.</summary>
    private void RequireIdleForTls(string operation)
    {
        if (_inPayload || _payloadRemaining > 0 || _sync.BufferedCount > 0)
        {
            throw new VisaException(StatusCode.ErrorInvalidSetup,
                "Part of a reply is still unread; read it to the end (or clear the device) before switching TLS on or off.", operation, ResourceName);
        }
    }

    /// <summary>AsyncStartTLS or AsyncEndTLS: RMT-delivered, the last MessageID sent, and in the payload the MessageID of the last reply read.</summary>
    private HislipHeader TlsSwitchRequest(HislipMessageType type, out byte[] payload)
    {
        payload = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, _lastReplyRead);
        return new HislipHeader(type, TakeRmtDelivered(), Volatile.Read(ref _lastSentId), 4);
    }

    private SslClientAuthenticationOptions ClientTlsOptions() => new()
    {
        TargetHost = _options.TargetHost ?? Host.Trim('[', ']'),
        RemoteCertificateValidationCallback = _options.ServerCertificateValidation ?? ValidateServerCertificate,
    };

    /// <summary>The system's verdict, with <see cref="HislipClientOptions.TrustedCertificates"/> as extra roots (or the very certificate).</summary>
    private bool ValidateServerCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        _certificateErrors = errors;
        _chainErrors = chain?.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status) ?? X509ChainStatusFlags.NoError;
        if (errors == SslPolicyErrors.None)
            return true;
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || _options.TrustedCertificates is not { Count: > 0 } trusted)
            return false;
        using var server = new X509Certificate2(certificate);
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(trusted);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
        var valid = custom.Build(server);
        _chainErrors = custom.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        return valid;
    }

    private VisaException CertificateFailure(AuthenticationException e, string operation)
    {
        var (status, detail) = _certificateErrors switch
        {
            _ when _certificateErrors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) =>
                (StatusCode.ErrorServerCertificateInvalidSubject, $"The instrument's certificate is not issued to \"{_options.TargetHost ?? Host}\"."),
            _ when _certificateErrors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) =>
                (StatusCode.ErrorServerCertificate, "The instrument presented no certificate."),
            _ when _chainErrors.HasFlag(X509ChainStatusFlags.NotTimeValid) =>
                (StatusCode.ErrorServerCertificateExpired, "The instrument's certificate has expired or is not yet valid."),
            _ when _chainErrors.HasFlag(X509ChainStatusFlags.Revoked) =>
                (StatusCode.ErrorServerCertificateRevoked, "The instrument's certificate was revoked."),
            _ when _certificateErrors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) =>
                (StatusCode.ErrorServerCertificateUntrusted,
                    $"The instrument's certificate is not trusted ({_chainErrors}); add it, or the CA that issued it, to the trusted certificates."),
            _ => (StatusCode.ErrorServerCertificate, $"The TLS handshake failed: {e.Message}"),
        };
        return new VisaException(status, detail, operation, ResourceName, e);
    }
}
