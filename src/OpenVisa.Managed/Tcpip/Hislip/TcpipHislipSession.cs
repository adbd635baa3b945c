using System.Net;
using OpenVisa.Managed.Sessions;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// A <c>TCPIP::host::hislip0[,port]::INSTR</c> session of the <c>@managed</c> backend: VISA operations on a
/// <see cref="HislipClient"/>.
/// </summary>
/// <remarks>
/// <para>Reads end at END (HiSLIP DataEnd), so unlike SOCKET sessions <c>VI_ATTR_SUPPRESS_END_EN</c> is off by default.
/// The mode follows the instrument's preference; <c>VI_ATTR_TCPIP_HISLIP_OVERLAP_EN</c> switches it (a device clear
/// carries the request). <c>VI_ATTR_TCPIP_HISLIP_MAX_MESSAGE_KB</c> tells the instrument again how large its messages
/// may be. <c>VI_ATTR_TCPIP_HISLIP_ENCRYPTION_EN</c> set to true starts TLS on an open session.</para>
/// <para>Secure connections are configured by environment, since a resource name has no room for them:
/// <c>OPENVISA_HISLIP_ENCRYPTION</c> (<c>required</c>, <c>off</c>, or the default <c>when-required</c>),
/// <c>OPENVISA_HISLIP_CA</c> (a certificate file to trust besides the system's roots: the instrument's self-signed
/// certificate or its CA, PEM or DER), <c>OPENVISA_HISLIP_USER</c> and <c>OPENVISA_HISLIP_PASSWORD</c> (SASL PLAIN;
/// without them the session authenticates with ANONYMOUS when the instrument offers it).</para>
/// </remarks>
internal sealed class TcpipHislipSession : ManagedSession
{
    private readonly HislipClient _client;
    private readonly SessionEventQueue _events;

    private TcpipHislipSession(SessionOpening opening, HislipClient client, string subAddress, string address)
        : base(opening, InitialAttributes(client, subAddress, address))
    {
        _client = client;
        // AsyncServiceRequest carries the status byte, so the VISA event does too.
        _events = new SessionEventQueue(() => Handle, opening.ResourceName, [EventType.ServiceRequest], EventHandlerDispatch.Inline);
        _client.ServiceRequested += (_, statusByte) => _events.Raise(new VisaEvent(EventType.ServiceRequest, statusByte));
        _client.ConnectionLost += (_, reason) => _events.ConnectionLost(reason);
    }

    /// <inheritdoc/>
    protected override SessionEventQueue Events => _events;

    /// <inheritdoc/>
    public override string InterfaceDescription => "TCPIP INSTR (HiSLIP)";

    /// <summary>In synchronized mode a reply carries its query's message id and the client drops older ones.</summary>
    public override bool MayDeliverLateReply => _client.IsOverlapped;

    /// <summary>The protocol client, for tests.</summary>
    internal HislipClient Client => _client;

    /// <summary>Connects both channels to the host, port and sub-address of the resource name.</summary>
    public static TcpipHislipSession Open(SessionOpening opening)
    {
        var name = opening.Name;
        var host = name.HostAddress is { Length: > 0 } h ? h : throw new VisaException(StatusCode.ErrorInvalidResourceName,
            $"\"{name.Canonical}\" names no host to connect to.", "Open", name.Canonical);
        var device = name.LanDeviceName!;
        var comma = device.IndexOf(',', StringComparison.Ordinal);
        var subAddress = comma < 0 ? device : device[..comma];
        var port = name.HislipPort ?? name.Port ?? OpenVisa.ResourceName.DefaultHislipPort;
        var options = HislipEnvironment.Apply(new HislipClientOptions
        {
            SubAddress = subAddress,
            OpenTimeout = opening.OpenTimeout,
            TimeoutMilliseconds = VisaTimeout.ToAttribute(VisaTimeout.Default),
        });
        var client = HislipClient.Connect(host, port, options, name.Canonical, opening.Library.HostResolver);
        try
        {
            return new TcpipHislipSession(opening, client, subAddress, client.RemoteAddress);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    // ---- message-based operations ----------------------------------------------------------------------------

    /// <inheritdoc/>
    public override ReadResult Read(Span<byte> buffer)
    {
        Sync();
        return _client.Read(buffer);
    }

    /// <inheritdoc/>
    public override bool TryReadCancellable(Span<byte> buffer, CancellationToken cancellationToken, out ReadResult result)
    {
        Sync();
        result = _client.Read(buffer, cancellationToken);
        return true;
    }

    /// <inheritdoc/>
    public override ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        Sync();
        return _client.ReadAsync(buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public override int Write(ReadOnlySpan<byte> data)
    {
        Sync();
        return _client.Write(data);
    }

    /// <inheritdoc/>
    public override ValueTask<int> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        Sync();
        return _client.WriteAsync(data, cancellationToken);
    }

    /// <inheritdoc/>
    public override void Clear()
    {
        Sync();
        _client.Clear();
    }

    /// <inheritdoc/>
    public override ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        Sync();
        return _client.ClearAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override byte ReadStb()
    {
        Sync();
        return _client.ReadStatusByte();
    }

    /// <inheritdoc/>
    public override ValueTask<byte> ReadStbAsync(CancellationToken cancellationToken)
    {
        Sync();
        return _client.ReadStatusByteAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override void AssertTrigger(TriggerProtocol protocol)
    {
        if (protocol != TriggerProtocol.Default)
            throw new VisaException(StatusCode.ErrorInvalidProtocol, $"HiSLIP sessions trigger only with TriggerProtocol.Default (the Trigger message), not {protocol}.", "AssertTrigger", ResourceName);
        Sync();
        _client.Trigger();
    }

    /// <inheritdoc/>
    public override string? Lock(AccessMode lockType, TimeSpan timeout, string? requestedKey, out StatusCode status)
    {
        Sync();
        var result = _client.Lock(lockType, timeout, requestedKey);
        status = result.Status;
        return result.AccessKey;
    }

    /// <inheritdoc/>
    public override async ValueTask<string?> LockAsync(AccessMode lockType, TimeSpan timeout, string? requestedKey, CancellationToken cancellationToken)
    {
        Sync();
        return (await _client.LockAsync(lockType, timeout, requestedKey, cancellationToken).ConfigureAwait(false)).AccessKey;
    }

    /// <inheritdoc/>
    public override StatusCode Unlock()
    {
        Sync();
        return _client.Unlock();
    }

    /// <inheritdoc/>
    public override void GpibControlRen(RenMode mode)
    {
        Sync();
        _client.RemoteLocal(mode);
    }

    /// <summary>Hands the attributes the I/O path consults to the client (plain field copies).</summary>
    private void Sync()
    {
        _client.TimeoutMilliseconds = TimeoutMilliseconds;
        _client.TerminationCharacter = TerminationCharacter;
        _client.TerminationCharacterEnabled = TerminationCharacterEnabled;
        _client.SuppressEndEnabled = SuppressEndEnabled;
        _client.SendEndEnabled = SendEndEnabled;
    }

    // ---- attributes ------------------------------------------------------------------------------------------

    private static KeyValuePair<VisaAttribute, object>[] InitialAttributes(HislipClient client, string subAddress, string address)
    {
        List<KeyValuePair<VisaAttribute, object>> values =
        [
            new(VisaAttribute.TcpipAddress, address),
            new(VisaAttribute.TcpipHostname, client.Host),
            new(VisaAttribute.TcpipPort, (ushort)client.Port),
            new(VisaAttribute.TcpipDeviceName, subAddress),
            new(VisaAttribute.TcpipNoDelay, true),
            new(VisaAttribute.TcpipIsHislip, true),
            new(VisaAttribute.TcpipHislipVersion, client.Version.ToVisaVersion()),
            new(VisaAttribute.TcpipHislipOverlapEnabled, client.IsOverlapped),
            new(VisaAttribute.TcpipHislipMaxMessageKB, (uint)Math.Min(client.MaxMessageSize / 1024, uint.MaxValue)),
            new(VisaAttribute.TcpipHislipEncryptionEnabled, client.IsEncrypted),
        ];
        values.AddRange(SecurityAttributes(client));
        return [.. values];
    }

    private static IEnumerable<KeyValuePair<VisaAttribute, object>> SecurityAttributes(HislipClient client)
    {
        if (client.AuthenticationMechanism is { } mechanism)
            yield return new(VisaAttribute.TcpipSaslMechanism, mechanism);
        if (client.ServerCertificate is not { } certificate)
            yield break;
        using var full = new System.Security.Cryptography.X509Certificates.X509Certificate2(certificate);
        yield return new(VisaAttribute.TcpipTlsCipherSuite, client.CipherSuite ?? "");
        yield return new(VisaAttribute.TcpipServerCertIssuerName, full.Issuer);
        yield return new(VisaAttribute.TcpipServerCertSubjectName, full.Subject);
        yield return new(VisaAttribute.TcpipServerCertExpirationDate, full.NotAfter.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        yield return new(VisaAttribute.TcpipServerCertIsPerpetual, full.NotAfter >= DateTime.MaxValue.AddDays(-1));
        yield return new(VisaAttribute.TcpipServerCert, full.RawData);
        yield return new(VisaAttribute.TcpipServerCertSize, (uint)full.RawData.Length);
    }

    /// <inheritdoc/>
    protected override StatusCode OnSetAttribute(VisaAttribute attribute, object value)
    {
        switch (attribute)
        {
            case VisaAttribute.TcpipHislipOverlapEnabled:
            {
                var overlapped = (bool)Attributes.Validate(attribute, value);
                Sync();
                _client.SetOverlapped(overlapped);
                Attributes.SetInternal(attribute, _client.IsOverlapped);
                return StatusCode.Success;
            }
            case VisaAttribute.TcpipHislipMaxMessageKB:
            {
                var kilobytes = (uint)Attributes.Validate(attribute, value);
                Sync();
                _client.SetMaxMessageSize(kilobytes * 1024UL);
                Attributes.SetInternal(attribute, kilobytes);
                return StatusCode.Success;
            }
            case VisaAttribute.TcpipHislipEncryptionEnabled:
            {
                var encrypted = (bool)Attributes.Validate(attribute, value);
                if (encrypted == _client.IsEncrypted)
                    return StatusCode.Success;
                if (!encrypted)
                {
                    throw new VisaException(StatusCode.ErrorNonsupportedAttributeState,
                        "Ending TLS on an open HiSLIP session is only available asynchronously (HislipClient.EndTlsAsync); close the session and open it with OPENVISA_HISLIP_ENCRYPTION=off instead.",
                        "SetAttribute", ResourceName);
                }
                Sync();
                _client.StartTls();
                Attributes.SetInternal(attribute, true);
                foreach (var (id, secure) in SecurityAttributes(_client))
                    Attributes.SetInternal(id, secure);
                return StatusCode.Success;
            }
            case VisaAttribute.TcpipNoDelay:
            {
                var noDelay = (bool)Attributes.Validate(attribute, value);
                _client.SetNoDelay(noDelay);
                Attributes.SetInternal(attribute, noDelay);
                return StatusCode.Success;
            }
            case VisaAttribute.TcpipKeepAlive:
            {
                var keepAlive = (bool)Attributes.Validate(attribute, value);
                _client.SetKeepAlive(keepAlive);
                Attributes.SetInternal(attribute, keepAlive);
                return StatusCode.Success;
            }
            default:
                return base.OnSetAttribute(attribute, value);
        }
    }

    /// <inheritdoc/>
    protected override void Close() => _client.Dispose();
}
