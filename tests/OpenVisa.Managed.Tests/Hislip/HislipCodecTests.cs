using OpenVisa.Managed.Tcpip.Hislip;
using Rules = OpenVisa.Managed.Tcpip.Hislip.HislipMessageRules;

namespace OpenVisa.Managed.Tests.Hislip;

public sealed class HislipCodecTests
{
    private static readonly HislipVersion V2 = HislipVersion.V2_0;

    [Fact]
    public void A_header_is_HS_type_control_parameter_and_length_in_network_order()
    {
        var bytes = new byte[16];
        new HislipHeader(HislipMessageType.DataEnd, 1, 0xFFFFFF02, 0x0102030405060708).WriteTo(bytes);

        Assert.Equal(new byte[] { (byte)'H', (byte)'S', 7, 1, 0xFF, 0xFF, 0xFF, 0x02, 1, 2, 3, 4, 5, 6, 7, 8 }, bytes);
        Assert.Equal(new HislipHeader(HislipMessageType.DataEnd, 1, 0xFFFFFF02, 0x0102030405060708), HislipHeader.Read(bytes));
        Assert.Equal("DataEnd(control 1, parameter 0xFFFFFF02, 72623859790382856 bytes)", HislipHeader.Read(bytes).ToString());
    }

    [Fact]
    public void Unknown_types_survive_reading_so_they_can_be_reported()
    {
        var bytes = new byte[16];
        new HislipHeader((HislipMessageType)200, 0, 0, 0).WriteTo(bytes);

        Assert.Equal("VendorSpecific(200)(control 0, parameter 0x00000000, 0 bytes)", HislipHeader.Read(bytes).ToString());
    }

    [Theory]
    [InlineData("XS", "'X' 'S'")]
    [InlineData("hs", "'h' 's'")]
    public void A_wrong_prefix_is_fatal_error_1_quoting_what_came(string prefix, string quoted)
    {
        var bytes = new byte[16];
        bytes[0] = (byte)prefix[0];
        bytes[1] = (byte)prefix[1];

        var error = Assert.Throws<HislipProtocolException>(() => HislipHeader.Read(bytes));

        Assert.True(error.IsFatal);
        Assert.Equal((byte)HislipFatalErrorCode.PoorlyFormedMessageHeader, error.Code);
        Assert.Equal(HislipMessageType.FatalError, error.ReplyType);
        Assert.Contains($"starts with {quoted}", error.Message);
    }

    [Fact]
    public void A_short_header_is_fatal_error_1()
    {
        var error = Assert.Throws<HislipProtocolException>(() => HislipHeader.Read("HS\0"u8));

        Assert.True(error.IsFatal);
        Assert.Contains("16 bytes, but only 3 arrived", error.Message);
        Assert.Throws<ArgumentException>(() => new HislipHeader(HislipMessageType.Data, 0, 0, 0).WriteTo(new byte[15]));
    }

    public static TheoryData<HislipMessageType, HislipChannelKind?, Rules.Sender, string> MessageTable => new()
    {
        { HislipMessageType.Initialize, HislipChannelKind.Synchronous, Rules.Sender.Client, "1.0" },
        { HislipMessageType.InitializeResponse, HislipChannelKind.Synchronous, Rules.Sender.Server, "1.0" },
        { HislipMessageType.FatalError, null, Rules.Sender.Either, "1.0" },
        { HislipMessageType.Error, null, Rules.Sender.Either, "1.0" },
        { HislipMessageType.AsyncLock, HislipChannelKind.Asynchronous, Rules.Sender.Client, "1.0" },
        { HislipMessageType.AsyncLockResponse, HislipChannelKind.Asynchronous, Rules.Sender.Server, "1.0" },
        { HislipMessageType.Data, HislipChannelKind.Synchronous, Rules.Sender.Either, "1.0" },
        { HislipMessageType.DataEnd, HislipChannelKind.Synchronous, Rules.Sender.Either, "1.0" },
        { HislipMessageType.DeviceClearComplete, HislipChannelKind.Synchronous, Rules.Sender.Client, "1.0" },
        { HislipMessageType.DeviceClearAcknowledge, HislipChannelKind.Synchronous, Rules.Sender.Server, "1.0" },
        { HislipMessageType.AsyncRemoteLocalControl, HislipChannelKind.Asynchronous, Rules.Sender.Client, "1.0" },
        { HislipMessageType.AsyncRemoteLocalResponse, HislipChannelKind.Asynchronous, Rules.Sender.Server, "1.0" },
        { HislipMessageType.Trigger, HislipChannelKind.Synchronous, Rules.Sender.Client, "1.0" },
        { HislipMessageType.Interrupted, HislipChannelKind.Synchronous, Rules.Sender.Server, "1.0" },
        { HislipMessageType.AsyncInterrupted, HislipChannelKind.Asynchronous, Rules.Sender.Server, "1.0" },
        { HislipMessageType.AsyncMaximumMessageSize, HislipChannelKind.Asynchronous, Rules.Sender.Client, "1.0" },
        { HislipMessageType.AsyncMaximumMessageSizeResponse, HislipChannelKind.Asynchronous, Rules.Sender.Server, "1.0" },
        { HislipMessageType.AsyncInitialize, HislipChannelKind.Asynchronous, Rules.Sender.Client, "1.0" },
        { HislipMessageType.AsyncInitializeResponse, HislipChannelKind.Asynchronous, Rules.Sender.Server, "1.0" },
        { HislipMessageType.AsyncDeviceClear, HislipChannelKind.Asynchronous, Rules.Sender.Client, "1.0" },
        { HislipMessageType.AsyncServiceRequest, HislipChannelKind.Asynchronous, Rules.Sender.Server, "1.0" },
        { HislipMessageType.AsyncStatusQuery, HislipChannelKind.Asynchronous, Rules.Sender.Client, "1.0" },
        { HislipMessageType.AsyncStatusResponse, HislipChannelKind.Asynchronous, Rules.Sender.Server, "1.0" },
        { HislipMessageType.AsyncDeviceClearAcknowledge, HislipChannelKind.Asynchronous, Rules.Sender.Server, "1.0" },
        { HislipMessageType.AsyncLockInfo, HislipChannelKind.Asynchronous, Rules.Sender.Client, "1.0" },
        { HislipMessageType.AsyncLockInfoResponse, HislipChannelKind.Asynchronous, Rules.Sender.Server, "1.0" },
        { HislipMessageType.GetDescriptors, null, Rules.Sender.Client, "2.0" },
        { HislipMessageType.GetDescriptorsResponse, null, Rules.Sender.Server, "2.0" },
        { HislipMessageType.StartTLS, HislipChannelKind.Synchronous, Rules.Sender.Client, "2.0" },
        { HislipMessageType.AsyncStartTLS, HislipChannelKind.Asynchronous, Rules.Sender.Client, "2.0" },
        { HislipMessageType.AsyncStartTLSResponse, HislipChannelKind.Asynchronous, Rules.Sender.Server, "2.0" },
        { HislipMessageType.EndTLS, HislipChannelKind.Synchronous, Rules.Sender.Client, "2.0" },
        { HislipMessageType.AsyncEndTLS, HislipChannelKind.Asynchronous, Rules.Sender.Client, "2.0" },
        { HislipMessageType.AsyncEndTLSResponse, HislipChannelKind.Asynchronous, Rules.Sender.Server, "2.0" },
        { HislipMessageType.GetSaslMechanismList, HislipChannelKind.Synchronous, Rules.Sender.Client, "2.0" },
        { HislipMessageType.GetSaslMechanismListResponse, HislipChannelKind.Synchronous, Rules.Sender.Server, "2.0" },
        { HislipMessageType.AuthenticationStart, HislipChannelKind.Synchronous, Rules.Sender.Client, "2.0" },
        { HislipMessageType.AuthenticationExchange, HislipChannelKind.Synchronous, Rules.Sender.Either, "2.0" },
        { HislipMessageType.AuthenticationResult, HislipChannelKind.Synchronous, Rules.Sender.Server, "2.0" },
    };

    [Theory]
    [MemberData(nameof(MessageTable))]
    public void Every_message_type_has_its_channel_sender_and_version(HislipMessageType type, HislipChannelKind? channel, Rules.Sender sender, string since)
    {
        Assert.True(Rules.IsDefined(type));
        Assert.Equal(channel, Rules.ChannelOf(type));
        Assert.Equal(sender, Rules.SenderOf(type));
        Assert.Equal(since, Rules.SinceVersion(type).ToString());
        Assert.Equal(type.ToString(), Rules.NameOf(type));
        Assert.Equal((byte)type >= 28, Rules.NeedsSecureConnection(type));
    }

    [Fact]
    public void The_table_covers_types_0_to_38_and_nothing_else()
    {
        Assert.Equal(39, Enum.GetValues<HislipMessageType>().Length);
        Assert.Equal(39, MessageTable.Count());
        Assert.False(Rules.IsDefined((HislipMessageType)39));
        Assert.Equal("Reserved(100)", Rules.NameOf((HislipMessageType)100));
        Assert.True(Rules.IsVendorSpecific((HislipMessageType)128));
        Assert.False(Rules.IsVendorSpecific((HislipMessageType)127));
    }

    [Fact]
    public void Valid_messages_pass_on_their_channel()
    {
        Rules.Validate(new HislipHeader(HislipMessageType.DataEnd, 1, 0, 100), HislipChannelKind.Synchronous, Rules.Sender.Server, V2, 100);
        Rules.Validate(new HislipHeader(HislipMessageType.AsyncMaximumMessageSize, 0, 0, 8), HislipChannelKind.Asynchronous, Rules.Sender.Server, V2, 0);
        Rules.Validate(new HislipHeader(HislipMessageType.GetDescriptors, 0, 0, 0), HislipChannelKind.Synchronous, Rules.Sender.Server, V2, 0);
        Rules.Validate(new HislipHeader(HislipMessageType.GetDescriptors, 0, 0, 0), HislipChannelKind.Asynchronous, Rules.Sender.Server, V2, 0);
        Rules.Validate(new HislipHeader(HislipMessageType.Error, 200, 0, 10), HislipChannelKind.Asynchronous, Rules.Sender.Client, V2, 0);
    }

    public static TheoryData<HislipHeader, HislipChannelKind, Rules.Sender, string, bool, byte, string> Violations => new()
    {
        { new((HislipMessageType)39, 0, 0, 0), HislipChannelKind.Synchronous, Rules.Sender.Server, "2.0", false, 1, "Message type 39 is reserved" },
        { new((HislipMessageType)255, 0, 0, 0), HislipChannelKind.Synchronous, Rules.Sender.Server, "2.0", false, 3, "Vendor-specific message type 255" },
        { new(HislipMessageType.StartTLS, 0, 0, 0), HislipChannelKind.Synchronous, Rules.Sender.Server, "1.1", false, 1, "StartTLS needs HiSLIP 2.0, but this session speaks HiSLIP 1.1" },
        { new(HislipMessageType.InitializeResponse, 0, 0, 0), HislipChannelKind.Synchronous, Rules.Sender.Server, "2.0", false, 1, "InitializeResponse is sent by the server, so a server does not accept it" },
        { new(HislipMessageType.AsyncLock, 1, 0, 0), HislipChannelKind.Synchronous, Rules.Sender.Server, "2.0", false, 1, "AsyncLock belongs on the asynchronous channel, but arrived on the synchronous channel" },
        { new(HislipMessageType.AsyncLock, 2, 0, 0), HislipChannelKind.Asynchronous, Rules.Sender.Server, "2.0", false, 2, "AsyncLock defines control codes 0 to 1; 2 is not one of them" },
        { new(HislipMessageType.Data, 2, 0, 0), HislipChannelKind.Synchronous, Rules.Sender.Server, "2.0", false, 2, "Data defines control codes 0 to 1" },
        { new(HislipMessageType.AsyncRemoteLocalControl, 7, 0, 0), HislipChannelKind.Asynchronous, Rules.Sender.Server, "2.0", false, 2, "0 to 6; 7 is not" },
        { new(HislipMessageType.DataEnd, 0, 0, 101), HislipChannelKind.Synchronous, Rules.Sender.Server, "2.0", false, 4, "DataEnd with 101 payload bytes is larger than the 100 bytes this server accepts" },
        { new(HislipMessageType.AsyncLock, 1, 0, 5000), HislipChannelKind.Asynchronous, Rules.Sender.Server, "2.0", false, 4, "larger than the 4096 bytes" },
        { new(HislipMessageType.AsyncMaximumMessageSize, 0, 0, 7), HislipChannelKind.Asynchronous, Rules.Sender.Server, "2.0", true, 1, "exactly 8 payload bytes; this header says 7" },
        { new(HislipMessageType.AsyncStartTLS, 0, 0, 8), HislipChannelKind.Asynchronous, Rules.Sender.Server, "2.0", true, 1, "exactly 4 payload bytes; this header says 8" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Broken_rules_name_the_reply_and_say_what_is_wrong(HislipHeader header, HislipChannelKind channel, Rules.Sender receiver, string version, bool fatal, byte code, string message)
    {
        var parsed = version.Split('.');
        var negotiated = new HislipVersion(byte.Parse(parsed[0]), byte.Parse(parsed[1]));
        var error = Assert.Throws<HislipProtocolException>(() => Rules.Validate(header, channel, receiver, negotiated, 100));

        Assert.Equal(fatal, error.IsFatal);
        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Text_payloads_must_be_printable_ASCII()
    {
        Rules.ValidateText(HislipMessageType.Initialize, "hislip0"u8);

        var error = Assert.Throws<HislipProtocolException>(() => Rules.ValidateText(HislipMessageType.AsyncLock, "ke\u0001y"u8));

        Assert.False(error.IsFatal);
        Assert.Contains("AsyncLock must be printable ASCII, but byte 2 is 0x01", error.Message);
    }

    [Fact]
    public void Versions_compare_negotiate_and_convert_to_VISA()
    {
        Assert.Equal(0x0200, HislipVersion.V2_0.Value);
        Assert.Equal(HislipVersion.V1_1, HislipVersion.FromValue(0x0101));
        Assert.Equal(HislipVersion.V1_0, HislipVersion.Min(HislipVersion.V2_0, HislipVersion.V1_0));
        Assert.True(HislipVersion.V1_1 < HislipVersion.V2_0);
        Assert.Equal(0x00100000u, HislipVersion.V1_0.ToVisaVersion());
        Assert.Equal(0x00200000u, HislipVersion.V2_0.ToVisaVersion());
        Assert.Equal(0x00100100u, HislipVersion.V1_1.ToVisaVersion());
    }

    [Fact]
    public void Message_ids_start_below_the_top_and_wrap_in_steps_of_two()
    {
        Assert.Equal(0xFFFFFF02u, HislipMessageIds.Next(HislipMessageIds.Initial));
        Assert.Equal(0u, HislipMessageIds.Next(0xFFFFFFFE));
        Assert.Equal(HislipMessageIds.Initial, HislipMessageIds.Next(HislipMessageIds.BeforeFirst));
    }

    [Fact]
    public void SASL_PLAIN_encodes_and_decodes_user_and_password()
    {
        var message = HislipSasl.EncodePlain("alice", "p\u00e4ss");

        Assert.Equal("\0alice\0p\u00c3\u00a4ss", string.Concat(message.Select(b => (char)b)));
        Assert.True(HislipSasl.TryDecodePlain(message, out var user, out var password, out _));
        Assert.Equal(("alice", "p\u00e4ss"), (user, password));
        Assert.True(HislipSasl.TryDecodePlain("admin\0bob\0pw"u8, out user, out _, out _));
        Assert.Equal("bob", user);
    }

    [Theory]
    [InlineData(new byte[] { 0x61 }, "fewer than two NUL separators")]
    [InlineData(new byte[] { 0, 0, 0x70 }, "user name is empty")]
    [InlineData(new byte[] { 0, 0xFF, 0, 0x70 }, "not valid UTF-8")]
    public void Malformed_SASL_PLAIN_is_refused_with_its_reason(byte[] message, string reason)
    {
        Assert.False(HislipSasl.TryDecodePlain(message, out _, out _, out var error));
        Assert.Contains(reason, error);
        Assert.Throws<ArgumentException>(() => HislipSasl.EncodePlain("a\0b", "x"));
    }

    [Fact]
    public void Mechanism_lists_split_on_spaces_and_passwords_compare_exactly()
    {
        Assert.Equal(["PLAIN", "ANONYMOUS"], HislipSasl.ParseMechanismList(" PLAIN  ANONYMOUS "u8));
        Assert.True(HislipSasl.PasswordMatches("s3cret", "s3cret"));
        Assert.False(HislipSasl.PasswordMatches("s3cret", "s3cres"));
        Assert.False(HislipSasl.PasswordMatches("s3cret", "s3cret "));
    }

    [Theory]
    [InlineData(HislipErrorCode.Unidentified, StatusCode.ErrorIO, "error 0 (unidentified)")]
    [InlineData(HislipErrorCode.UnrecognizedMessageType, StatusCode.ErrorNonsupportedOperation, "error 1 (unrecognized message type)")]
    [InlineData(HislipErrorCode.UnrecognizedControlCode, StatusCode.ErrorNonsupportedOperation, "error 2 (unrecognized control code)")]
    [InlineData(HislipErrorCode.UnrecognizedVendorDefinedMessage, StatusCode.ErrorNonsupportedOperation, "error 3 (unrecognized vendor-defined message)")]
    [InlineData(HislipErrorCode.MessageTooLarge, StatusCode.ErrorInvalidSize, "error 4 (message too large)")]
    [InlineData(HislipErrorCode.AuthenticationFailed, StatusCode.ErrorNoPermission, "error 5 (authentication failed)")]
    [InlineData((HislipErrorCode)200, StatusCode.ErrorIO, "device-defined error 200")]
    public void Error_codes_map_to_VISA_statuses(HislipErrorCode code, StatusCode status, string description)
    {
        Assert.Equal(status, HislipErrorMapping.ToStatus(code));
        Assert.Equal(description, HislipErrorMapping.Describe(code));
    }

    [Theory]
    [InlineData(HislipFatalErrorCode.Unidentified, StatusCode.ErrorConnectionLost, "fatal error 0 (unidentified)")]
    [InlineData(HislipFatalErrorCode.PoorlyFormedMessageHeader, StatusCode.ErrorConnectionLost, "fatal error 1 (poorly formed message header)")]
    [InlineData(HislipFatalErrorCode.AttemptToUseConnectionWithoutBothChannels, StatusCode.ErrorConnectionLost, "fatal error 2 (connection used without both channels)")]
    [InlineData(HislipFatalErrorCode.InvalidInitializationSequence, StatusCode.ErrorResourceNotFound, "fatal error 3 (invalid initialization sequence)")]
    [InlineData(HislipFatalErrorCode.ServerRefusedConnectionMaximumClients, StatusCode.ErrorResourceBusy, "fatal error 4 (maximum number of clients exceeded)")]
    [InlineData(HislipFatalErrorCode.SecureConnectionFailed, StatusCode.ErrorNoPermission, "fatal error 5 (secure connection failed)")]
    [InlineData((HislipFatalErrorCode)130, StatusCode.ErrorConnectionLost, "device-defined fatal error 130")]
    public void Fatal_error_codes_map_to_VISA_statuses(HislipFatalErrorCode code, StatusCode status, string description)
    {
        Assert.Equal(status, HislipErrorMapping.ToStatus(code));
        Assert.Equal(description, HislipErrorMapping.Describe(code));
    }
}
