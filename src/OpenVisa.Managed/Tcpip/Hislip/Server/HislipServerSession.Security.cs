using System.Net.Security;
using System.Text;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Managed.Tcpip.Hislip;

// HiSLIP 2.0 secure connection, server side. The client asks on the asynchronous channel (AsyncStartTLS); when the
// session is idle the server answers Success and both run the TLS handshake on that channel; the client then sends
// StartTLS on the synchronous channel and the handshake runs there. Authentication (SASL) follows on the synchronous
// channel, under TLS. Ending TLS mirrors it: AsyncEndTLS, close_notify both ways, EndTLS, close_notify both ways.
internal sealed partial class HislipServerSession
{
    private volatile bool _encrypted;
    private volatile bool _authenticated;
    private volatile bool _tlsStartPending;
    private volatile bool _tlsEndPending;
    private string? _mechanism;
    private int _authenticationFailures;

    /// <summary>Waits before answering failed authentications, per client address, across sessions.</summary>
    public required HislipAuthenticationThrottle AuthenticationThrottle { get; init; }

    /// <summary>
    /// True while the server still wants the security handshake first: TLS when it requires encryption, a successful SASL
    /// authentication when it has credentials. Until then only that handshake is served (see <see cref="IsSecurityHandshake"/>).
    /// </summary>
    private bool SecurityPending => (_options.RequireEncryption && !_encrypted) || (AuthenticationRequired && !_authenticated);

    /// <summary>The messages served before the security handshake is done: TLS, SASL, the message size, and error reports.</summary>
    private static bool IsSecurityHandshake(HislipMessageType type) => type is HislipMessageType.AsyncStartTLS or HislipMessageType.StartTLS
        or HislipMessageType.GetSaslMechanismList or HislipMessageType.AuthenticationStart or HislipMessageType.AuthenticationExchange
        or HislipMessageType.AsyncMaximumMessageSize or HislipMessageType.Error or HislipMessageType.FatalError;

    /// <summary>
    /// Refuses a message that is not part of the security handshake while the handshake is pending, with FatalError 5
    /// (secure connection failed), which ends the session; true when the message may be served.
    /// </summary>
    private async Task<bool> AllowedBeforeSecurityAsync(HislipConnection channel, HislipHeader header)
    {
        if (!SecurityPending || IsSecurityHandshake(header.Type))
            return true;
        var missing = _options.RequireEncryption && !_encrypted
            ? "a secure connection (AsyncStartTLS, then StartTLS)"
            : $"authentication (SASL {MechanismList}) over the secure connection";
        await SendFatalAsync(channel, HislipFatalErrorCode.SecureConnectionFailed,
            $"{header.Type} arrived before {missing}; this server serves nothing but the security handshake before it.").ConfigureAwait(false);
        return false;
    }

    /// <summary>The user the client authenticated as (<c>anonymous</c> for SASL ANONYMOUS), or null.</summary>
    public string? User { get; private set; }

    private bool AuthenticationRequired => _options.Credentials is not null;

    private string MechanismList =>
        string.Join(' ', new[] { _options.Credentials is not null ? HislipSasl.Plain : null, _options.AllowAnonymous ? HislipSasl.Anonymous : null }.OfType<string>());

    private async Task<bool> HandleSecuritySyncAsync(HislipHeader header, CancellationToken token)
    {
        switch (header.Type)
        {
            case HislipMessageType.StartTLS:
                if (!_tlsStartPending)
                {
                    await SendFatalAsync(_sync, HislipFatalErrorCode.SecureConnectionFailed, "StartTLS arrived without a successful AsyncStartTLS before it.").ConfigureAwait(false);
                    return false;
                }
                await _sync.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
                Logger.LogTrace("HiSLIP session {Session}: TLS handshake on the synchronous channel", Id);
                await _sync.StartTlsAsServerAsync(ServerTlsOptions(), token).ConfigureAwait(false);
                _tlsStartPending = false;
                _encrypted = true;
                Logger.LogDebug("HiSLIP session {Session}: both channels encrypted ({Cipher})", Id, _sync.Tls?.NegotiatedCipherSuite);
                return true;
            case HislipMessageType.EndTLS:
                if (!_tlsEndPending)
                {
                    await SendFatalAsync(_sync, HislipFatalErrorCode.SecureConnectionFailed, "EndTLS arrived without a successful AsyncEndTLS before it.").ConfigureAwait(false);
                    return false;
                }
                await _sync.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
                await _sync.AwaitTlsCloseAsync(token).ConfigureAwait(false);
                await _sync.EndTlsAsync(awaitPeer: false, token).ConfigureAwait(false);
                _tlsEndPending = false;
                _encrypted = false;
                Logger.LogDebug("HiSLIP session {Session}: back to clear text", Id);
                return true;
            case HislipMessageType.GetSaslMechanismList:
                await _sync.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
                RequireEncryptedForAuthentication(header);
                var list = Encoding.ASCII.GetBytes(MechanismList);
                await _sync.SendAsync(new HislipHeader(HislipMessageType.GetSaslMechanismListResponse, 0, 0, (ulong)list.Length), list, token).ConfigureAwait(false);
                return true;
            case HislipMessageType.AuthenticationStart:
            {
                var mechanism = await ReadTextAsync(_sync, header, token).ConfigureAwait(false);
                RequireEncryptedForAuthentication(header);
                var offered = MechanismList.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (!offered.Contains(mechanism, StringComparer.Ordinal))
                {
                    throw HislipProtocolException.NonFatal(HislipErrorCode.AuthenticationFailed,
                        $"SASL mechanism \"{mechanism}\" is not offered; this server offers {(offered.Length == 0 ? "none" : string.Join(", ", offered))}.");
                }
                _mechanism = mechanism;
                return true;
            }
            case HislipMessageType.AuthenticationExchange:
                await OnAuthenticationExchangeAsync(header, token).ConfigureAwait(false);
                return true;
            default:
                // Validate lets through only client messages of this channel, and each is handled here or by the caller.
                await _sync.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
                throw HislipProtocolException.NonFatal(HislipErrorCode.UnrecognizedMessageType, $"{header.Type} is not served on the synchronous channel.");
        }
    }

    private void RequireEncryptedForAuthentication(HislipHeader header)
    {
        if (!_encrypted)
        {
            throw HislipProtocolException.NonFatal(HislipErrorCode.AuthenticationFailed,
                $"{header.Type} needs the secure connection first: authenticating in clear text would expose the password.");
        }
    }

    private async Task OnAuthenticationExchangeAsync(HislipHeader header, CancellationToken token)
    {
        var payload = new byte[header.PayloadLength];
        await _sync.ReadExactAsync(payload, token).ConfigureAwait(false);
        RequireEncryptedForAuthentication(header);
        var mechanism = _mechanism ?? throw HislipProtocolException.NonFatal(HislipErrorCode.AuthenticationFailed,
            "AuthenticationExchange arrived before AuthenticationStart named a mechanism.");
        _mechanism = null;
        string? user = null;
        string failure = "";
        if (mechanism == HislipSasl.Anonymous)
        {
            user = "anonymous";
        }
        else if (!HislipSasl.TryDecodePlain(payload, out var name, out var password, out var error))
        {
            failure = $"The SASL PLAIN message is malformed: {error}.";
        }
        else if (_options.Credentials!.TryGetValue(name, out var expected) && HislipSasl.PasswordMatches(expected, password))
        {
            user = name;
        }
        else
        {
            failure = $"User \"{name}\" and the password given are not accepted by this server.";
        }
        if (user is not null)
        {
            AuthenticationThrottle.RecordSuccess(Binding.Owner);
            _authenticationFailures = 0;
            _authenticated = true;
            User = user;
            Logger.LogInformation("HiSLIP session {Session}: authenticated as {User} ({Mechanism})", Id, user, mechanism);
            await _sync.SendAsync(new HislipHeader(HislipMessageType.AuthenticationResult, 1, 0, 0), default, token).ConfigureAwait(false);
        }
        else
        {
            Logger.LogWarning("HiSLIP session {Session}: authentication failed: {Reason}", Id, failure);
            // The answer waits, longer with each failure from the address, so guessing passwords takes for ever.
            await Task.Delay(AuthenticationThrottle.RecordFailure(Binding.Owner), token).ConfigureAwait(false);
            var text = Encoding.UTF8.GetBytes(failure);
            await _sync.SendAsync(new HislipHeader(HislipMessageType.AuthenticationResult, 0, 0, (ulong)text.Length), text, token).ConfigureAwait(false);
            if (++_authenticationFailures >= _options.MaxAuthenticationFailures)
            {
                throw HislipProtocolException.Fatal(HislipFatalErrorCode.SecureConnectionFailed,
                    $"{_authenticationFailures} failed authentications in this session, the most this server allows (HislipServerOptions.MaxAuthenticationFailures); closing it.");
            }
        }
    }

    private async Task<bool> OnAsyncStartTlsAsync(HislipConnection channel, HislipHeader header, CancellationToken token)
    {
        await channel.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
        NoteRmtDelivered(header);
        HislipTlsResponse response;
        if (!SecureConnectionOffered || _encrypted)
            response = HislipTlsResponse.Error;
        else if (IsBusy(header))
            response = HislipTlsResponse.Busy;
        else
            response = HislipTlsResponse.Success;
        await channel.SendLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            await channel.SendAsync(new HislipHeader(HislipMessageType.AsyncStartTLSResponse, (byte)response, 0, 0), default, token).ConfigureAwait(false);
            if (response != HislipTlsResponse.Success)
                return true;
            _tlsStartPending = true;
            try
            {
                Logger.LogTrace("HiSLIP session {Session}: TLS handshake on the asynchronous channel", Id);
                await channel.StartTlsAsServerAsync(ServerTlsOptions(), token).ConfigureAwait(false);
                Logger.LogTrace("HiSLIP session {Session}: asynchronous channel encrypted", Id);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
            {
                Logger.LogWarning("HiSLIP session {Session}: TLS handshake on the asynchronous channel failed: {Error}", Id, e.Message);
                return false;
            }
        }
        finally
        {
            channel.SendLock.Release();
        }
        return true;
    }

    private async Task<bool> OnAsyncEndTlsAsync(HislipConnection channel, HislipHeader header, CancellationToken token)
    {
        await channel.SkipAsync(header.PayloadLength, token).ConfigureAwait(false);
        NoteRmtDelivered(header);
        HislipTlsResponse response;
        if (!_encrypted || _options.RequireEncryption)
            response = HislipTlsResponse.Error;
        else if (IsBusy(header))
            response = HislipTlsResponse.Busy;
        else
            response = HislipTlsResponse.Success;
        await channel.SendLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            await channel.SendAsync(new HislipHeader(HislipMessageType.AsyncEndTLSResponse, (byte)response, 0, 0), default, token).ConfigureAwait(false);
            if (response != HislipTlsResponse.Success)
                return true;
            _tlsEndPending = true;
            await channel.AwaitTlsCloseAsync(token).ConfigureAwait(false);
            await channel.EndTlsAsync(awaitPeer: false, token).ConfigureAwait(false);
        }
        finally
        {
            channel.SendLock.Release();
        }
        return true;
    }

    /// <summary>
    /// Whether the synchronous channel still has work in flight, so TLS cannot start or end yet: the client's last
    /// message (the parameter) has not been received, a message is executing or queued, or a clear is running.
    /// </summary>
    private bool IsBusy(HislipHeader header)
    {
        uint lastReceived;
        bool replyUnread;
        lock (_state)
        {
            lastReceived = _lastReceivedId;
            replyUnread = _rmtExpected; // a reply went out and the client has not said it read it to the end
        }
        return replyUnread || _executing || _clearing || _sync.BufferedCount > 0 || _message.WrittenCount > 0 || header.Parameter != lastReceived;
    }

    /// <summary>AsyncStartTLS and AsyncEndTLS carry the RMT-delivered flag as AsyncStatusQuery does.</summary>
    private void NoteRmtDelivered(HislipHeader header)
    {
        if ((header.ControlCode & 1) == 0)
            return;
        lock (_state)
            _rmtExpected = false;
    }

    private SslServerAuthenticationOptions ServerTlsOptions() => new()
    {
        ServerCertificate = _options.Certificate,
        ClientCertificateRequired = false,
    };
}
