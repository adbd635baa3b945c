using T = OpenVisa.AttributeValueType;
using N = OpenVisa.AttributeValueNames;
using R = OpenVisa.AttributeResources;

namespace OpenVisa;

// The attribute table, part: TCPIP, HiSLIP and secure (TLS/SASL) connections.
// Ids, types, access and defaults follow visa.h and the VISA specification (as NI-VISA and PyVISA record them).
public static partial class VisaAttributes
{
    private static AttributeInfo[] TcpipAttributes() =>
    [
        For(VisaAttribute.TcpipAddress, "TCPIP_ADDR", T.String, ReadOnly, Global, null, R.Network,
            "The IP address of the device, in dotted (or IPv6) notation."),
        For(VisaAttribute.TcpipHostname, "TCPIP_HOSTNAME", T.String, ReadOnly, Global, null, R.Network,
            "The host name of the device, or an empty string when it has none."),
        For(VisaAttribute.TcpipPort, "TCPIP_PORT", T.UInt16, ReadOnly, Global, null, R.Network,
            "The TCP port of the connection (SOCKET port, HiSLIP port, VICP 1861)."),
        For(VisaAttribute.TcpipDeviceName, "TCPIP_DEVICE_NAME", T.String, ReadOnly, Global, null, R.TcpipInstr,
            "The LAN device name of a TCPIP INSTR session (inst0, hislip0 …)."),
        For(VisaAttribute.TcpipNoDelay, "TCPIP_NODELAY", T.Boolean, ReadWrite, Local, true, R.Network,
            "Disable the Nagle algorithm so each write is sent at once."),
        For(VisaAttribute.TcpipKeepAlive, "TCPIP_KEEPALIVE", T.Boolean, ReadWrite, Local, false, R.Network,
            "Send TCP keep-alive packets so a dead connection is noticed (later I/O then fails with VI_ERROR_CONN_LOST)."),
        For(VisaAttribute.TcpipServerCertIssuerName, "TCPIP_SERVER_CERT_ISSUER_NAME", T.String, ReadOnly, Local, null, R.TcpipSecure,
            "The authority that issued the certificate the instrument presented over TLS."),
        For(VisaAttribute.TcpipServerCertSubjectName, "TCPIP_SERVER_CERT_SUBJECT_NAME", T.String, ReadOnly, Local, null, R.TcpipSecure,
            "The subject (the device) of the certificate the instrument presented over TLS."),
        For(VisaAttribute.TcpipServerCertExpirationDate, "TCPIP_SERVER_CERT_EXPIRATION_DATE", T.String, ReadOnly, Local, null, R.TcpipSecure,
            "The expiration date of the instrument's TLS certificate."),
        For(VisaAttribute.TcpipServerCertIsPerpetual, "TCPIP_SERVER_CERT_IS_PERPETUAL", T.Boolean, ReadOnly, Local, null, R.TcpipSecure,
            "Whether the instrument's TLS certificate never expires."),
        For(VisaAttribute.TcpipSaslMechanism, "TCPIP_SASL_MECHANISM", T.String, ReadOnly, Local, null, R.TcpipInstr,
            "The SASL mechanism that authenticated this client to a HiSLIP 2.0 server."),
        For(VisaAttribute.TcpipTlsCipherSuite, "TCPIP_TLS_CIPHER_SUITE", T.String, ReadOnly, Local, null, R.TcpipSecure,
            "The TLS cipher suite protecting the connection."),
        For(VisaAttribute.TcpipServerCert, "TCPIP_SERVER_CERT", T.Buffer, ReadOnly, Local, null, R.TcpipSecure,
            "The certificate the instrument presented over TLS, as encoded bytes."),
        For(VisaAttribute.TcpipServerCertSize, "TCPIP_SERVER_CERT_SIZE", T.UInt32, ReadOnly, Local, null, R.TcpipSecure,
            "The size in bytes of the instrument's TLS certificate.")
            with { Unit = "bytes" },
        For(VisaAttribute.TcpipHislipOverlapEnabled, "TCPIP_HISLIP_OVERLAP_EN", T.Boolean, ReadWrite, Local, null, R.TcpipInstr,
            "Use HiSLIP overlapped mode instead of synchronized mode; the default is the mode the instrument prefers."),
        For(VisaAttribute.TcpipHislipVersion, "TCPIP_HISLIP_VERSION", T.Version, ReadOnly, Local, null, R.TcpipInstr,
            "The HiSLIP protocol version negotiated with the instrument (0x00100000 is 1.0)."),
        For(VisaAttribute.TcpipHislipMaxMessageKB, "TCPIP_HISLIP_MAX_MESSAGE_KB", T.UInt32, ReadWrite, Local, 1024, R.TcpipInstr,
            "The largest HiSLIP message, in kilobytes, the client accepts from the instrument.")
            with { Minimum = 1, Unit = "KB" },
        For(VisaAttribute.TcpipIsHislip, "TCPIP_IS_HISLIP", T.Boolean, ReadOnly, Global, null, R.TcpipInstr,
            "Whether the TCPIP INSTR session uses HiSLIP (otherwise VXI-11)."),
        For(VisaAttribute.TcpipHislipEncryptionEnabled, "TCPIP_HISLIP_ENCRYPTION_EN", T.Boolean, ReadWrite, Local, null, R.TcpipInstr,
            "Whether the HiSLIP connection is encrypted with TLS; turning it off speeds up transfers on a trusted network."),
    ];
}
