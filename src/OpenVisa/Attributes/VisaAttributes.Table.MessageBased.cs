using T = OpenVisa.AttributeValueType;
using N = OpenVisa.AttributeValueNames;
using R = OpenVisa.AttributeResources;

namespace OpenVisa;

// The attribute table, part: Message-based sessions.
// Ids, types, access and defaults follow visa.h and the VISA specification (as NI-VISA and PyVISA record them).
public static partial class VisaAttributes
{
    private static AttributeInfo[] MessageBasedAttributes() =>
    [
        For(VisaAttribute.SendEndEnabled, "SEND_END_EN", T.Boolean, ReadWrite, Local, true, R.MessageBased,
            "Assert END (EOI, EOM, the end-of-message flag) with the last byte of each write."),
        For(VisaAttribute.TerminationCharacter, "TERMCHAR", T.Byte, ReadWrite, Local, 0xA, R.MessageBased,
            "The termination character that ends a read when VI_ATTR_TERMCHAR_EN is on.")
            with { ShowAsHex = true },
        For(VisaAttribute.IOProtocol, "IO_PROT", T.UInt16, ReadWrite, Local, 1, R.MessageBased,
            "The transfer protocol: normal, VXI fast data channel, GPIB HS488, IEEE 488.2 strings (serial, TCPIP, USB RAW) or USBTMC vendor-specific.")
            with { ValueNames = N.IoProtocol, NamedValuesOnly = true },
        For(VisaAttribute.DmaAllowEnabled, "DMA_ALLOW_EN", T.Boolean, ReadWrite, Local, null, R.Dma,
            "Let transfers use DMA rather than programmed I/O when the hardware can."),
        For(VisaAttribute.ReadBufferOperationMode, "RD_BUF_OPER_MODE", T.UInt16, ReadWrite, Local, 3, R.MessageBased,
            "When the formatted-I/O read buffer is flushed: on every access, or only on an explicit flush.")
            with { ValueNames = N.ReadBufferMode, NamedValuesOnly = true },
        For(VisaAttribute.ReadBufferSize, "RD_BUF_SIZE", T.UInt32, ReadOnly, Local, null, R.MessageBased,
            "The size of the formatted-I/O read buffer (set with viSetBuf).")
            with { Unit = "bytes" },
        For(VisaAttribute.WriteBufferOperationMode, "WR_BUF_OPER_MODE", T.UInt16, ReadWrite, Local, 2, R.MessageBased,
            "When the formatted-I/O write buffer is flushed: on every access, or when END is written or the buffer fills.")
            with { ValueNames = N.WriteBufferMode, NamedValuesOnly = true },
        For(VisaAttribute.WriteBufferSize, "WR_BUF_SIZE", T.UInt32, ReadOnly, Local, null, R.MessageBased,
            "The size of the formatted-I/O write buffer (set with viSetBuf).")
            with { Unit = "bytes" },
        For(VisaAttribute.SuppressEndEnabled, "SUPPRESS_END_EN", T.Boolean, ReadWrite, Local, false, R.MessageReads,
            "Do not end a read on END; the read then ends only on the termination character, the count or the timeout."),
        For(VisaAttribute.TerminationCharacterEnabled, "TERMCHAR_EN", T.Boolean, ReadWrite, Local, false, R.MessageBased,
            "End a read when the termination character (VI_ATTR_TERMCHAR) arrives."),
        For(VisaAttribute.DeviceStatusByte, "DEV_STATUS_BYTE", T.Byte, ReadWrite, Global, null, R.LocalStatusByte,
            "The IEEE 488 status byte this controller or servant presents when serial-polled.")
            with { ShowAsHex = true },
        For(VisaAttribute.FileAppendEnabled, "FILE_APPEND_EN", T.Boolean, ReadWrite, Local, false, R.MessageBased,
            "ViReadToFile appends to the file instead of replacing it."),
        For(VisaAttribute.Is4882Compliant, "4882_COMPLIANT", T.Boolean, ReadOnly, Global, null, R.Ieee4882,
            "Whether the device follows IEEE 488.2."),
    ];
}
