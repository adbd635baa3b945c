namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// The rules of IVI-6.1 table 4 for each message type: which channel carries it, who sends it, since which version,
/// which control codes it defines and what its payload must be. <see cref="Validate"/> applies them to a received
/// header and says which error the receiver must send back when one is broken.
/// </summary>
/// <remarks>
/// DeviceClearAcknowledge is a synchronous-channel message here, as the device clear transaction describes it (the
/// summary table of the specification lists it as asynchronous; implementations follow the transaction).
/// </remarks>
public static class HislipMessageRules
{
    /// <summary>The first reserved message type; 39–127 are reserved for future HiSLIP versions.</summary>
    public const byte FirstReserved = 39;

    /// <summary>The first vendor-specific message type; 128–255 belong to vendors.</summary>
    public const byte FirstVendorSpecific = 128;

    /// <summary>The longest sub-address, lock string, mechanism name or error text accepted (control messages are small).</summary>
    public const int MaxTextLength = 4096;

    private static readonly Rule[] Rules = BuildRules();

    /// <summary>Who sends a message type.</summary>
    [Flags]
    public enum Sender
    {
        /// <summary>Nobody: not a defined type.</summary>
        None = 0,

        /// <summary>The client.</summary>
        Client = 1,

        /// <summary>The server.</summary>
        Server = 2,

        /// <summary>Either side.</summary>
        Either = Client | Server,
    }

    /// <summary>What the payload of a message type must be.</summary>
    public enum PayloadShape
    {
        /// <summary>Nothing is defined; a payload is read and ignored.</summary>
        Empty,

        /// <summary>Bytes of any value (data, descriptors, SASL exchanges).</summary>
        Binary,

        /// <summary>Printable ASCII of at most <see cref="MaxTextLength"/> bytes (sub-address, lock string, mechanism names).</summary>
        Text,

        /// <summary>Exactly four bytes (a MessageID).</summary>
        FourBytes,

        /// <summary>Exactly eight bytes (a message size).</summary>
        EightBytes,
    }

    private readonly record struct Rule(
        string Name, HislipChannelKind? Channel, Sender Sender, HislipVersion Since, bool SecureConnection, byte? MaxControlCode, PayloadShape Payload)
    {
        public bool IsDefined => Sender != Sender.None;
    }

    /// <summary>True when <paramref name="type"/> is a message type IVI-6.1 defines (0–38).</summary>
    public static bool IsDefined(HislipMessageType type) => (byte)type < Rules.Length && Rules[(byte)type].IsDefined;

    /// <summary>True for the vendor-specific range 128–255.</summary>
    public static bool IsVendorSpecific(HislipMessageType type) => (byte)type >= FirstVendorSpecific;

    /// <summary>The channel a defined type travels on; null for types allowed on both (errors, descriptors).</summary>
    public static HislipChannelKind? ChannelOf(HislipMessageType type) => IsDefined(type) ? Rules[(byte)type].Channel : null;

    /// <summary>Who sends a defined type.</summary>
    public static Sender SenderOf(HislipMessageType type) => IsDefined(type) ? Rules[(byte)type].Sender : Sender.None;

    /// <summary>The first protocol version that has <paramref name="type"/>.</summary>
    public static HislipVersion SinceVersion(HislipMessageType type) => IsDefined(type) ? Rules[(byte)type].Since : default;

    /// <summary>True for the 2.0 types that exist only on servers with the secure-connection capability.</summary>
    public static bool NeedsSecureConnection(HislipMessageType type) => IsDefined(type) && Rules[(byte)type].SecureConnection;

    /// <summary>What the payload of a defined type must be.</summary>
    public static PayloadShape PayloadOf(HislipMessageType type) => IsDefined(type) ? Rules[(byte)type].Payload : PayloadShape.Binary;

    /// <summary>The specification's name of a type, or <c>Reserved(40)</c> / <c>VendorSpecific(200)</c>.</summary>
    public static string NameOf(HislipMessageType type) =>
        IsDefined(type) ? Rules[(byte)type].Name
        : IsVendorSpecific(type) ? $"VendorSpecific({(byte)type})"
        : $"Reserved({(byte)type})";

    /// <summary>
    /// Checks a received header against the rules. Throws the error the receiver must send: a non-fatal
    /// <see cref="HislipErrorCode.UnrecognizedMessageType"/> for an unknown or reserved type, a type that belongs to the
    /// other channel, the other sender or a newer version; <see cref="HislipErrorCode.UnrecognizedVendorDefinedMessage"/>
    /// for vendor types; <see cref="HislipErrorCode.UnrecognizedControlCode"/> for an undefined control code;
    /// <see cref="HislipErrorCode.MessageTooLarge"/> when the payload exceeds <paramref name="maxPayload"/>; and a
    /// fatal <see cref="HislipFatalErrorCode.PoorlyFormedMessageHeader"/> when a fixed-size payload has the wrong length.
    /// After a non-fatal error the receiver discards the payload and carries on.
    /// </summary>
    /// <param name="header">The received header.</param>
    /// <param name="channel">The channel it arrived on.</param>
    /// <param name="receiver">Who received it: <see cref="Sender.Client"/> or <see cref="Sender.Server"/>.</param>
    /// <param name="version">The negotiated version (before negotiation, the receiver's own).</param>
    /// <param name="maxPayload">The largest payload the receiver accepts for data messages.</param>
    public static void Validate(HislipHeader header, HislipChannelKind channel, Sender receiver, HislipVersion version, ulong maxPayload)
    {
        var type = header.Type;
        if (IsVendorSpecific(type))
        {
            throw HislipProtocolException.NonFatal(HislipErrorCode.UnrecognizedVendorDefinedMessage,
                $"Vendor-specific message type {(byte)type} is not one this {Describe(receiver)} knows.");
        }
        if (!IsDefined(type))
        {
            throw HislipProtocolException.NonFatal(HislipErrorCode.UnrecognizedMessageType,
                $"Message type {(byte)type} is reserved: HiSLIP {HislipVersion.Latest} defines types 0 to {FirstReserved - 1} and vendor types from {FirstVendorSpecific}.");
        }
        var rule = Rules[(byte)type];
        if (rule.Since > version)
        {
            throw HislipProtocolException.NonFatal(HislipErrorCode.UnrecognizedMessageType,
                $"{rule.Name} needs HiSLIP {rule.Since}, but this session speaks HiSLIP {version}.");
        }
        if ((rule.Sender & OtherSide(receiver)) == 0)
        {
            throw HislipProtocolException.NonFatal(HislipErrorCode.UnrecognizedMessageType,
                $"{rule.Name} is sent by the {Describe(rule.Sender)}, so a {Describe(receiver)} does not accept it.");
        }
        if (rule.Channel is { } expected && expected != channel)
        {
            throw HislipProtocolException.NonFatal(HislipErrorCode.UnrecognizedMessageType,
                $"{rule.Name} belongs on the {Describe(expected)} channel, but arrived on the {Describe(channel)} channel.");
        }
        if (rule.MaxControlCode is { } maxControl && header.ControlCode > maxControl)
        {
            throw HislipProtocolException.NonFatal(HislipErrorCode.UnrecognizedControlCode,
                $"{rule.Name} defines control codes 0 to {maxControl}; {header.ControlCode} is not one of them.");
        }
        var limit = rule.Payload switch
        {
            PayloadShape.Binary => maxPayload,
            PayloadShape.FourBytes => 4UL,
            PayloadShape.EightBytes => 8UL,
            _ => (ulong)MaxTextLength,
        };
        if (rule.Payload is PayloadShape.FourBytes or PayloadShape.EightBytes && header.PayloadLength != limit)
        {
            throw HislipProtocolException.Fatal(HislipFatalErrorCode.PoorlyFormedMessageHeader,
                $"{rule.Name} carries exactly {limit} payload bytes; this header says {header.PayloadLength}.");
        }
        if (header.PayloadLength > limit)
        {
            throw HislipProtocolException.NonFatal(HislipErrorCode.MessageTooLarge,
                $"{rule.Name} with {header.PayloadLength} payload bytes is larger than the {limit} bytes this {Describe(receiver)} accepts.");
        }
    }

    /// <summary>Checks that a text payload (sub-address, lock string, mechanism name) is printable ASCII.</summary>
    /// <exception cref="HislipProtocolException">A byte outside 0x20–0x7E (non-fatal, unidentified).</exception>
    public static void ValidateText(HislipMessageType type, ReadOnlySpan<byte> text)
    {
        var bad = text.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E);
        if (bad >= 0)
        {
            throw HislipProtocolException.NonFatal(HislipErrorCode.Unidentified,
                $"The payload of {NameOf(type)} must be printable ASCII, but byte {bad} is 0x{text[bad]:X2}.");
        }
    }

    private static Sender OtherSide(Sender receiver) => receiver == Sender.Server ? Sender.Client : Sender.Server;

    private static string Describe(Sender sender) => sender switch
    {
        Sender.Client => "client",
        Sender.Server => "server",
        _ => "client or server",
    };

    private static string Describe(HislipChannelKind channel) => channel == HislipChannelKind.Synchronous ? "synchronous" : "asynchronous";

    private static Rule[] BuildRules()
    {
        const HislipChannelKind Sync = HislipChannelKind.Synchronous;
        const HislipChannelKind Async = HislipChannelKind.Asynchronous;
        var v1 = HislipVersion.V1_0;
        var v2 = HislipVersion.V2_0;
        var rules = new Rule[FirstReserved];
        void Add(HislipMessageType type, HislipChannelKind? channel, Sender sender, HislipVersion since, byte? maxControl, PayloadShape payload, bool secure = false) =>
            rules[(byte)type] = new Rule(type.ToString(), channel, sender, since, secure, maxControl, payload);

        // Control codes of 0/1 are the RMT-delivered flag; null means the type gives the control code no meaning to check.
        Add(HislipMessageType.Initialize, Sync, Sender.Client, v1, null, PayloadShape.Text);
        Add(HislipMessageType.InitializeResponse, Sync, Sender.Server, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.FatalError, null, Sender.Either, v1, null, PayloadShape.Text);
        Add(HislipMessageType.Error, null, Sender.Either, v1, null, PayloadShape.Text);
        Add(HislipMessageType.AsyncLock, Async, Sender.Client, v1, 1, PayloadShape.Text);
        Add(HislipMessageType.AsyncLockResponse, Async, Sender.Server, v1, 3, PayloadShape.Empty);
        Add(HislipMessageType.Data, Sync, Sender.Either, v1, 1, PayloadShape.Binary);
        Add(HislipMessageType.DataEnd, Sync, Sender.Either, v1, 1, PayloadShape.Binary);
        Add(HislipMessageType.DeviceClearComplete, Sync, Sender.Client, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.DeviceClearAcknowledge, Sync, Sender.Server, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.AsyncRemoteLocalControl, Async, Sender.Client, v1, 6, PayloadShape.Empty);
        Add(HislipMessageType.AsyncRemoteLocalResponse, Async, Sender.Server, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.Trigger, Sync, Sender.Client, v1, 1, PayloadShape.Empty);
        Add(HislipMessageType.Interrupted, Sync, Sender.Server, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.AsyncInterrupted, Async, Sender.Server, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.AsyncMaximumMessageSize, Async, Sender.Client, v1, null, PayloadShape.EightBytes);
        Add(HislipMessageType.AsyncMaximumMessageSizeResponse, Async, Sender.Server, v1, null, PayloadShape.EightBytes);
        Add(HislipMessageType.AsyncInitialize, Async, Sender.Client, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.AsyncInitializeResponse, Async, Sender.Server, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.AsyncDeviceClear, Async, Sender.Client, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.AsyncServiceRequest, Async, Sender.Server, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.AsyncStatusQuery, Async, Sender.Client, v1, 1, PayloadShape.Empty);
        Add(HislipMessageType.AsyncStatusResponse, Async, Sender.Server, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.AsyncDeviceClearAcknowledge, Async, Sender.Server, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.AsyncLockInfo, Async, Sender.Client, v1, null, PayloadShape.Empty);
        Add(HislipMessageType.AsyncLockInfoResponse, Async, Sender.Server, v1, 1, PayloadShape.Empty);
        Add(HislipMessageType.GetDescriptors, null, Sender.Client, v2, null, PayloadShape.Empty);
        Add(HislipMessageType.GetDescriptorsResponse, null, Sender.Server, v2, null, PayloadShape.Binary);
        Add(HislipMessageType.StartTLS, Sync, Sender.Client, v2, null, PayloadShape.Empty, secure: true);
        Add(HislipMessageType.AsyncStartTLS, Async, Sender.Client, v2, 1, PayloadShape.FourBytes, secure: true);
        Add(HislipMessageType.AsyncStartTLSResponse, Async, Sender.Server, v2, 3, PayloadShape.Empty, secure: true);
        Add(HislipMessageType.EndTLS, Sync, Sender.Client, v2, null, PayloadShape.Empty, secure: true);
        Add(HislipMessageType.AsyncEndTLS, Async, Sender.Client, v2, 1, PayloadShape.FourBytes, secure: true);
        Add(HislipMessageType.AsyncEndTLSResponse, Async, Sender.Server, v2, 3, PayloadShape.Empty, secure: true);
        Add(HislipMessageType.GetSaslMechanismList, Sync, Sender.Client, v2, null, PayloadShape.Empty, secure: true);
        Add(HislipMessageType.GetSaslMechanismListResponse, Sync, Sender.Server, v2, null, PayloadShape.Text, secure: true);
        Add(HislipMessageType.AuthenticationStart, Sync, Sender.Client, v2, null, PayloadShape.Text, secure: true);
        Add(HislipMessageType.AuthenticationExchange, Sync, Sender.Either, v2, null, PayloadShape.Binary, secure: true);
        Add(HislipMessageType.AuthenticationResult, Sync, Sender.Server, v2, 1, PayloadShape.Binary, secure: true);
        return rules;
    }
}
