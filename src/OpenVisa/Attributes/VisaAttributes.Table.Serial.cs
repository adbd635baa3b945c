using T = OpenVisa.AttributeValueType;
using N = OpenVisa.AttributeValueNames;
using R = OpenVisa.AttributeResources;

namespace OpenVisa;

// The attribute table, part: Serial (ASRL), including NI extensions.
// Ids, types, access and defaults follow visa.h and the VISA specification (as NI-VISA and PyVISA record them).
public static partial class VisaAttributes
{
    private static AttributeInfo[] SerialAttributes() =>
    [
        For(VisaAttribute.AsrlBaudRate, "ASRL_BAUD", T.UInt32, ReadWrite, Global, 9600, R.Serial,
            "The baud rate of the serial port (any rate the hardware supports, commonly 9600 or 115200).")
            with { Minimum = 1, Unit = "baud" },
        For(VisaAttribute.AsrlDataBits, "ASRL_DATA_BITS", T.UInt16, ReadWrite, Global, 8, R.Serial,
            "The number of data bits in each frame, 5 to 8.")
            with { Minimum = 5, Maximum = 8 },
        For(VisaAttribute.AsrlParity, "ASRL_PARITY", T.UInt16, ReadWrite, Global, 0, R.Serial,
            "The parity of each frame: none, odd, even, mark or space.")
            with { ValueNames = N.Parity, NamedValuesOnly = true },
        For(VisaAttribute.AsrlStopBits, "ASRL_STOP_BITS", T.UInt16, ReadWrite, Global, 10, R.Serial,
            "The stop bits of each frame, in tenths: one (10), one and a half (15) or two (20).")
            with { ValueNames = N.StopBits, NamedValuesOnly = true },
        For(VisaAttribute.AsrlFlowControl, "ASRL_FLOW_CNTRL", T.UInt16, ReadWrite, Global, 0, R.Serial,
            "The flow control: none, or any combination of XON/XOFF, RTS/CTS and DTR/DSR.")
            with { ValueNames = N.FlowControl, NamedValuesOnly = true, IsFlags = true },
        For(VisaAttribute.AsrlAvailableBytes, "ASRL_AVAIL_NUM", T.UInt32, ReadOnly, Global, null, R.Serial,
            "The number of bytes waiting in the serial receive buffer.")
            with { Unit = "bytes" },
        For(VisaAttribute.AsrlCtsState, "ASRL_CTS_STATE", T.Int16, ReadOnly, Global, null, R.SerialPort,
            "The state of the CTS (clear to send) input line.")
            with { ValueNames = N.LineState, NamedValuesOnly = true },
        For(VisaAttribute.AsrlDcdState, "ASRL_DCD_STATE", T.Int16, ReadWrite, Global, null, R.SerialPort,
            "The state of the DCD (data carrier detect) line; settable only when the port acts as DCE.")
            with { ValueNames = N.LineState, NamedValuesOnly = true },
        For(VisaAttribute.AsrlDiscardNull, "ASRL_DISCARD_NULL", T.Boolean, ReadWrite, Global, false, R.Serial,
            "Drop received NUL characters instead of passing them on (keep it off for binary data)."),
        For(VisaAttribute.AsrlDsrState, "ASRL_DSR_STATE", T.Int16, ReadOnly, Global, null, R.SerialPort,
            "The state of the DSR (data set ready) input line.")
            with { ValueNames = N.LineState, NamedValuesOnly = true },
        For(VisaAttribute.AsrlDtrState, "ASRL_DTR_STATE", T.Int16, ReadWrite, Global, null, R.SerialPort,
            "The state of the DTR (data terminal ready) output line.")
            with { ValueNames = N.LineState, NamedValuesOnly = true },
        For(VisaAttribute.AsrlEndIn, "ASRL_END_IN", T.UInt16, ReadWrite, Local, 2, R.Serial,
            "How a serial read ends: not at all (none), on a byte with the top bit set (last_bit), or on the termination character (termchar, regardless of VI_ATTR_TERMCHAR_EN).")
            with { ValueNames = N.SerialEndIn, NamedValuesOnly = true },
        For(VisaAttribute.AsrlEndOut, "ASRL_END_OUT", T.UInt16, ReadWrite, Local, 0, R.Serial,
            "How a serial write marks its end when VI_ATTR_SEND_END_EN is on: nothing (none), the top bit of the last byte (last_bit), an appended termination character (termchar) or a break.")
            with { ValueNames = N.SerialEndOut, NamedValuesOnly = true },
        For(VisaAttribute.AsrlReplaceCharacter, "ASRL_REPLACE_CHAR", T.Byte, ReadWrite, Local, 0x0, R.Serial,
            "The character that replaces received characters with errors (parity, framing).")
            with { ShowAsHex = true },
        For(VisaAttribute.AsrlRiState, "ASRL_RI_STATE", T.Int16, ReadWrite, Global, null, R.SerialPort,
            "The state of the RI (ring indicator) line; settable only when the port acts as DCE.")
            with { ValueNames = N.LineState, NamedValuesOnly = true },
        For(VisaAttribute.AsrlRtsState, "ASRL_RTS_STATE", T.Int16, ReadWrite, Global, null, R.SerialPort,
            "The state of the RTS (request to send) output line.")
            with { ValueNames = N.LineState, NamedValuesOnly = true },
        For(VisaAttribute.AsrlXonCharacter, "ASRL_XON_CHAR", T.Byte, ReadWrite, Local, 0x11, R.Serial,
            "The XON character of XON/XOFF flow control.")
            with { ShowAsHex = true },
        For(VisaAttribute.AsrlXoffCharacter, "ASRL_XOFF_CHAR", T.Byte, ReadWrite, Local, 0x13, R.Serial,
            "The XOFF character of XON/XOFF flow control.")
            with { ShowAsHex = true },
        For(VisaAttribute.AsrlConnected, "ASRL_CONNECTED", T.Boolean, ReadOnly, Global, null, R.SerialPort,
            "Whether the port is connected to another port or device (only drivers that can detect it report it)."),
        For(VisaAttribute.AsrlBreakState, "ASRL_BREAK_STATE", T.Int16, ReadWrite, Global, 0, R.Serial,
            "Assert (asserted) or release (unasserted) a break on the transmit line by hand.")
            with { ValueNames = N.LineState, NamedValuesOnly = true },
        For(VisaAttribute.AsrlBreakLength, "ASRL_BREAK_LEN", T.Int16, ReadWrite, Local, 250, R.Serial,
            "The length in milliseconds of the break sent when VI_ATTR_ASRL_END_OUT is break.")
            with { Minimum = 1, Maximum = 500, Unit = "ms" },
        For(VisaAttribute.AsrlAllowTransmit, "ASRL_ALLOW_TRANSMIT", T.Boolean, ReadWrite, Global, true, R.Serial,
            "Allow transmission; turning it off suspends sending as if XOFF had been received."),
        For(VisaAttribute.AsrlWireMode, "ASRL_WIRE_MODE", T.Int16, ReadWrite, Global, null, R.SerialPort,
            "The transceiver mode: RS-485 four-wire or two-wire variants, or RS-232 DTE, DCE or automatic.")
            with { ValueNames = N.WireMode, NamedValuesOnly = true },
    ];
}
