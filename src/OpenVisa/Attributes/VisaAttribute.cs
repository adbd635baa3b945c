namespace OpenVisa;

#pragma warning disable CA1027 // Attribute identifiers are not flags.
/// <summary>VISA attribute identifiers (<c>VI_ATTR_*</c>) with their numeric values, as in <c>visa.h</c> (VISA 5.x–7.x).</summary>
/// <remarks><see cref="VisaAttributes"/> gives each one's VISA name, value type, access, scope, default and where it applies.</remarks>
public enum VisaAttribute
{
    // Resource template: every session
    /// <summary><c>VI_ATTR_RSRC_CLASS</c>: the resource class of the session (INSTR, INTFC, SOCKET, RAW, MEMACC, BACKPLANE …).</summary>
    ResourceClass = unchecked((int)0xBFFF0001),
    /// <summary><c>VI_ATTR_RSRC_NAME</c>: the canonical name of the resource the session is open to.</summary>
    ResourceName = unchecked((int)0xBFFF0002),
    /// <summary><c>VI_ATTR_RSRC_IMPL_VERSION</c>: the version of the implementation serving the resource, set by its vendor.</summary>
    ResourceImplementationVersion = 0x3FFF0003,
    /// <summary><c>VI_ATTR_RSRC_LOCK_STATE</c>: whether the resource is unlocked or held by an exclusive or shared lock.</summary>
    ResourceLockState = 0x3FFF0004,
    /// <summary><c>VI_ATTR_MAX_QUEUE_LENGTH</c>: how many events the session queues; events arriving while the queue is full are lost.</summary>
    MaxQueueLength = 0x3FFF0005,
    /// <summary><c>VI_ATTR_USER_DATA_32</c>: a 32-bit value the application keeps with the session; VISA never uses it.</summary>
    UserData32 = 0x3FFF0007,
    /// <summary><c>VI_ATTR_USER_DATA_64</c>: a 64-bit value the application keeps with the session; VISA never uses it.</summary>
    UserData64 = 0x3FFF000A,
    /// <summary><c>VI_ATTR_TMO_VALUE</c>: the I/O timeout in milliseconds; 0 (immediate) does not wait, 0xFFFFFFFF (infinite) waits forever.</summary>
    TimeoutValue = 0x3FFF001A,
    /// <summary><c>VI_ATTR_RM_SESSION</c>: the resource manager session that opened this session.</summary>
    ResourceManagerSession = 0x3FFF00C4,
    /// <summary><c>VI_ATTR_INTF_INST_NAME</c>: a human-readable description of the interface (board) the session uses.</summary>
    InterfaceInstrumentName = unchecked((int)0xBFFF00E9),
    /// <summary><c>VI_ATTR_RSRC_SPEC_VERSION</c>: the version of the VISA specification the implementation follows (OpenVisa's attribute set is VISA 7.0's).</summary>
    ResourceSpecVersion = 0x3FFF0170,
    /// <summary><c>VI_ATTR_INTF_TYPE</c>: the interface type of the session (VI_INTF_GPIB, VI_INTF_TCPIP …).</summary>
    InterfaceType = 0x3FFF0171,
    /// <summary><c>VI_ATTR_RSRC_MANF_NAME</c>: the name of the vendor of the VISA implementation, for display only (not the instrument's maker).</summary>
    ResourceManufacturerName = unchecked((int)0xBFFF0174),
    /// <summary><c>VI_ATTR_RSRC_MANF_ID</c>: the VXI manufacturer ID of the vendor of the VISA implementation.</summary>
    ResourceManufacturerId = 0x3FFF0175,
    /// <summary><c>VI_ATTR_INTF_NUM</c>: the board number of the interface the session uses.</summary>
    InterfaceNumber = 0x3FFF0176,
    /// <summary><c>VI_ATTR_TRIG_ID</c>: the trigger line viAssertTrigger uses: software (-1), a TTL, ECL or star line.</summary>
    TriggerId = 0x3FFF0177,
    // Message-based sessions
    /// <summary><c>VI_ATTR_SEND_END_EN</c>: assert END (EOI, EOM, the end-of-message flag) with the last byte of each write.</summary>
    SendEndEnabled = 0x3FFF0016,
    /// <summary><c>VI_ATTR_TERMCHAR</c>: the termination character that ends a read when VI_ATTR_TERMCHAR_EN is on.</summary>
    TerminationCharacter = 0x3FFF0018,
    /// <summary><c>VI_ATTR_IO_PROT</c>: the transfer protocol: normal, VXI fast data channel, GPIB HS488, IEEE 488.2 strings (serial, TCPIP, USB RAW) or USBTMC vendor-specific.</summary>
    IOProtocol = 0x3FFF001C,
    /// <summary><c>VI_ATTR_DMA_ALLOW_EN</c>: let transfers use DMA rather than programmed I/O when the hardware can.</summary>
    DmaAllowEnabled = 0x3FFF001E,
    /// <summary><c>VI_ATTR_RD_BUF_OPER_MODE</c>: when the formatted-I/O read buffer is flushed: on every access, or only on an explicit flush.</summary>
    ReadBufferOperationMode = 0x3FFF002A,
    /// <summary><c>VI_ATTR_RD_BUF_SIZE</c>: the size of the formatted-I/O read buffer (set with viSetBuf).</summary>
    ReadBufferSize = 0x3FFF002B,
    /// <summary><c>VI_ATTR_WR_BUF_OPER_MODE</c>: when the formatted-I/O write buffer is flushed: on every access, or when END is written or the buffer fills.</summary>
    WriteBufferOperationMode = 0x3FFF002D,
    /// <summary><c>VI_ATTR_WR_BUF_SIZE</c>: the size of the formatted-I/O write buffer (set with viSetBuf).</summary>
    WriteBufferSize = 0x3FFF002E,
    /// <summary><c>VI_ATTR_SUPPRESS_END_EN</c>: do not end a read on END; the read then ends only on the termination character, the count or the timeout.</summary>
    SuppressEndEnabled = 0x3FFF0036,
    /// <summary><c>VI_ATTR_TERMCHAR_EN</c>: end a read when the termination character (VI_ATTR_TERMCHAR) arrives.</summary>
    TerminationCharacterEnabled = 0x3FFF0038,
    /// <summary><c>VI_ATTR_DEV_STATUS_BYTE</c>: the IEEE 488 status byte this controller or servant presents when serial-polled.</summary>
    DeviceStatusByte = 0x3FFF0189,
    /// <summary><c>VI_ATTR_FILE_APPEND_EN</c>: viReadToFile appends to the file instead of replacing it.</summary>
    FileAppendEnabled = 0x3FFF0192,
    /// <summary><c>VI_ATTR_4882_COMPLIANT</c>: whether the device follows IEEE 488.2.</summary>
    Is4882Compliant = 0x3FFF019F,
    // Device identity (USB, VXI, PXI)
    /// <summary><c>VI_ATTR_MANF_NAME</c>: the name of the device's manufacturer.</summary>
    ManufacturerName = unchecked((int)0xBFFF0072),
    /// <summary><c>VI_ATTR_MODEL_NAME</c>: the model name of the device.</summary>
    ModelName = unchecked((int)0xBFFF0077),
    /// <summary><c>VI_ATTR_MANF_ID</c>: the manufacturer ID of the device (USB vendor ID, VXI or PCI manufacturer ID).</summary>
    ManufacturerId = 0x3FFF00D9,
    /// <summary><c>VI_ATTR_MODEL_CODE</c>: the model code of the device (USB product ID, VXI or PCI model code).</summary>
    ModelCode = 0x3FFF00DF,
    // TCPIP, HiSLIP and secure (TLS/SASL) connections
    /// <summary><c>VI_ATTR_TCPIP_ADDR</c>: the IP address of the device, in dotted (or IPv6) notation.</summary>
    TcpipAddress = unchecked((int)0xBFFF0195),
    /// <summary><c>VI_ATTR_TCPIP_HOSTNAME</c>: the host name of the device, or an empty string when it has none.</summary>
    TcpipHostname = unchecked((int)0xBFFF0196),
    /// <summary><c>VI_ATTR_TCPIP_PORT</c>: the TCP port of the connection (SOCKET port, HiSLIP port, VICP 1861).</summary>
    TcpipPort = 0x3FFF0197,
    /// <summary><c>VI_ATTR_TCPIP_DEVICE_NAME</c>: the LAN device name of a TCPIP INSTR session (inst0, hislip0 …).</summary>
    TcpipDeviceName = unchecked((int)0xBFFF0199),
    /// <summary><c>VI_ATTR_TCPIP_NODELAY</c>: disable the Nagle algorithm so each write is sent at once.</summary>
    TcpipNoDelay = 0x3FFF019A,
    /// <summary><c>VI_ATTR_TCPIP_KEEPALIVE</c>: send TCP keep-alive packets so a dead connection is noticed (later I/O then fails with VI_ERROR_CONN_LOST).</summary>
    TcpipKeepAlive = 0x3FFF019B,
    /// <summary><c>VI_ATTR_TCPIP_SERVER_CERT_ISSUER_NAME</c>: the authority that issued the certificate the instrument presented over TLS.</summary>
    TcpipServerCertIssuerName = unchecked((int)0xBFFF0270),
    /// <summary><c>VI_ATTR_TCPIP_SERVER_CERT_SUBJECT_NAME</c>: the subject (the device) of the certificate the instrument presented over TLS.</summary>
    TcpipServerCertSubjectName = unchecked((int)0xBFFF0271),
    /// <summary><c>VI_ATTR_TCPIP_SERVER_CERT_EXPIRATION_DATE</c>: the expiration date of the instrument's TLS certificate.</summary>
    TcpipServerCertExpirationDate = unchecked((int)0xBFFF0272),
    /// <summary><c>VI_ATTR_TCPIP_SERVER_CERT_IS_PERPETUAL</c>: whether the instrument's TLS certificate never expires.</summary>
    TcpipServerCertIsPerpetual = 0x3FFF0273,
    /// <summary><c>VI_ATTR_TCPIP_SASL_MECHANISM</c>: the SASL mechanism that authenticated this client to a HiSLIP 2.0 server.</summary>
    TcpipSaslMechanism = unchecked((int)0xBFFF0274),
    /// <summary><c>VI_ATTR_TCPIP_TLS_CIPHER_SUITE</c>: the TLS cipher suite protecting the connection.</summary>
    TcpipTlsCipherSuite = unchecked((int)0xBFFF0275),
    /// <summary><c>VI_ATTR_TCPIP_SERVER_CERT</c>: the certificate the instrument presented over TLS, as encoded bytes.</summary>
    TcpipServerCert = unchecked((int)0xBFFF0276),
    /// <summary><c>VI_ATTR_TCPIP_SERVER_CERT_SIZE</c>: the size in bytes of the instrument's TLS certificate.</summary>
    TcpipServerCertSize = 0x3FFF0277,
    /// <summary><c>VI_ATTR_TCPIP_HISLIP_OVERLAP_EN</c>: use HiSLIP overlapped mode instead of synchronized mode; the default is the mode the instrument prefers.</summary>
    TcpipHislipOverlapEnabled = 0x3FFF0300,
    /// <summary><c>VI_ATTR_TCPIP_HISLIP_VERSION</c>: the HiSLIP protocol version negotiated with the instrument (0x00100000 is 1.0).</summary>
    TcpipHislipVersion = 0x3FFF0301,
    /// <summary><c>VI_ATTR_TCPIP_HISLIP_MAX_MESSAGE_KB</c>: the largest HiSLIP message, in kilobytes, the client accepts from the instrument.</summary>
    TcpipHislipMaxMessageKB = 0x3FFF0302,
    /// <summary><c>VI_ATTR_TCPIP_IS_HISLIP</c>: whether the TCPIP INSTR session uses HiSLIP (otherwise VXI-11).</summary>
    TcpipIsHislip = 0x3FFF0303,
    /// <summary><c>VI_ATTR_TCPIP_HISLIP_ENCRYPTION_EN</c>: whether the HiSLIP connection is encrypted with TLS; turning it off speeds up transfers on a trusted network.</summary>
    TcpipHislipEncryptionEnabled = 0x3FFF0304,
    // GPIB
    /// <summary><c>VI_ATTR_GPIB_READDR_EN</c>: address the device before every read and write, even when it is already addressed.</summary>
    GpibReaddressEnabled = 0x3FFF001B,
    /// <summary><c>VI_ATTR_GPIB_ATN_STATE</c>: the state of the GPIB ATN (attention) line.</summary>
    GpibAtnState = 0x3FFF0057,
    /// <summary><c>VI_ATTR_GPIB_ADDR_STATE</c>: whether the GPIB interface is addressed to talk, to listen, or not at all.</summary>
    GpibAddressState = 0x3FFF005C,
    /// <summary><c>VI_ATTR_GPIB_CIC_STATE</c>: whether the GPIB interface is controller-in-charge.</summary>
    GpibControllerInChargeState = 0x3FFF005E,
    /// <summary><c>VI_ATTR_GPIB_NDAC_STATE</c>: the state of the GPIB NDAC (not data accepted) line.</summary>
    GpibNdacState = 0x3FFF0062,
    /// <summary><c>VI_ATTR_GPIB_SRQ_STATE</c>: the state of the GPIB SRQ (service request) line.</summary>
    GpibSrqState = 0x3FFF0067,
    /// <summary><c>VI_ATTR_GPIB_SYS_CNTRL_STATE</c>: whether the GPIB interface is the system controller.</summary>
    GpibSystemControllerState = 0x3FFF0068,
    /// <summary><c>VI_ATTR_GPIB_HS488_CBL_LEN</c>: the total GPIB cable length in metres for HS488 timing; disabled (0) turns HS488 off.</summary>
    GpibHs488CableLength = 0x3FFF0069,
    /// <summary><c>VI_ATTR_GPIB_PRIMARY_ADDR</c>: the GPIB primary address of the device (or, on an INTFC session, of the board, where it can be set).</summary>
    GpibPrimaryAddress = 0x3FFF0172,
    /// <summary><c>VI_ATTR_GPIB_SECONDARY_ADDR</c>: the GPIB secondary address of the device (or board), or none (0xFFFF).</summary>
    GpibSecondaryAddress = 0x3FFF0173,
    /// <summary><c>VI_ATTR_GPIB_REN_STATE</c>: the state of the GPIB REN (remote enable) line.</summary>
    GpibRenState = 0x3FFF0181,
    /// <summary><c>VI_ATTR_GPIB_UNADDR_EN</c>: send UNT and UNL (unaddress) after each read and write.</summary>
    GpibUnaddressEnabled = 0x3FFF0184,
    // Serial (ASRL), including NI extensions
    /// <summary><c>VI_ATTR_ASRL_BAUD</c>: the baud rate of the serial port (any rate the hardware supports, commonly 9600 or 115200).</summary>
    AsrlBaudRate = 0x3FFF0021,
    /// <summary><c>VI_ATTR_ASRL_DATA_BITS</c>: the number of data bits in each frame, 5 to 8.</summary>
    AsrlDataBits = 0x3FFF0022,
    /// <summary><c>VI_ATTR_ASRL_PARITY</c>: the parity of each frame: none, odd, even, mark or space.</summary>
    AsrlParity = 0x3FFF0023,
    /// <summary><c>VI_ATTR_ASRL_STOP_BITS</c>: the stop bits of each frame, in tenths: one (10), one and a half (15) or two (20).</summary>
    AsrlStopBits = 0x3FFF0024,
    /// <summary><c>VI_ATTR_ASRL_FLOW_CNTRL</c>: the flow control: none, or any combination of XON/XOFF, RTS/CTS and DTR/DSR.</summary>
    AsrlFlowControl = 0x3FFF0025,
    /// <summary><c>VI_ATTR_ASRL_AVAIL_NUM</c>: the number of bytes waiting in the serial receive buffer.</summary>
    AsrlAvailableBytes = 0x3FFF00AC,
    /// <summary><c>VI_ATTR_ASRL_CTS_STATE</c>: the state of the CTS (clear to send) input line.</summary>
    AsrlCtsState = 0x3FFF00AE,
    /// <summary><c>VI_ATTR_ASRL_DCD_STATE</c>: the state of the DCD (data carrier detect) line; settable only when the port acts as DCE.</summary>
    AsrlDcdState = 0x3FFF00AF,
    /// <summary><c>VI_ATTR_ASRL_DISCARD_NULL</c>: drop received NUL characters instead of passing them on (keep it off for binary data).</summary>
    AsrlDiscardNull = 0x3FFF00B0,
    /// <summary><c>VI_ATTR_ASRL_DSR_STATE</c>: the state of the DSR (data set ready) input line.</summary>
    AsrlDsrState = 0x3FFF00B1,
    /// <summary><c>VI_ATTR_ASRL_DTR_STATE</c>: the state of the DTR (data terminal ready) output line.</summary>
    AsrlDtrState = 0x3FFF00B2,
    /// <summary><c>VI_ATTR_ASRL_END_IN</c>: how a serial read ends: not at all (none), on a byte with the top bit set (last_bit), or on the termination character (termchar, regardless of VI_ATTR_TERMCHAR_EN).</summary>
    AsrlEndIn = 0x3FFF00B3,
    /// <summary><c>VI_ATTR_ASRL_END_OUT</c>: how a serial write marks its end when VI_ATTR_SEND_END_EN is on: nothing (none), the top bit of the last byte (last_bit), an appended termination character (termchar) or a break.</summary>
    AsrlEndOut = 0x3FFF00B4,
    /// <summary><c>VI_ATTR_ASRL_REPLACE_CHAR</c>: the character that replaces received characters with errors (parity, framing).</summary>
    AsrlReplaceCharacter = 0x3FFF00BE,
    /// <summary><c>VI_ATTR_ASRL_RI_STATE</c>: the state of the RI (ring indicator) line; settable only when the port acts as DCE.</summary>
    AsrlRiState = 0x3FFF00BF,
    /// <summary><c>VI_ATTR_ASRL_RTS_STATE</c>: the state of the RTS (request to send) output line.</summary>
    AsrlRtsState = 0x3FFF00C0,
    /// <summary><c>VI_ATTR_ASRL_XON_CHAR</c>: the XON character of XON/XOFF flow control.</summary>
    AsrlXonCharacter = 0x3FFF00C1,
    /// <summary><c>VI_ATTR_ASRL_XOFF_CHAR</c>: the XOFF character of XON/XOFF flow control.</summary>
    AsrlXoffCharacter = 0x3FFF00C2,
    /// <summary><c>VI_ATTR_ASRL_CONNECTED</c>: whether the port is connected to another port or device (only drivers that can detect it report it).</summary>
    AsrlConnected = 0x3FFF01BB,
    /// <summary><c>VI_ATTR_ASRL_BREAK_STATE</c>: assert (asserted) or release (unasserted) a break on the transmit line by hand.</summary>
    AsrlBreakState = 0x3FFF01BC,
    /// <summary><c>VI_ATTR_ASRL_BREAK_LEN</c>: the length in milliseconds of the break sent when VI_ATTR_ASRL_END_OUT is break.</summary>
    AsrlBreakLength = 0x3FFF01BD,
    /// <summary><c>VI_ATTR_ASRL_ALLOW_TRANSMIT</c>: allow transmission; turning it off suspends sending as if XOFF had been received.</summary>
    AsrlAllowTransmit = 0x3FFF01BE,
    /// <summary><c>VI_ATTR_ASRL_WIRE_MODE</c>: the transceiver mode: RS-485 four-wire or two-wire variants, or RS-232 DTE, DCE or automatic.</summary>
    AsrlWireMode = 0x3FFF01BF,
    // USB INSTR and RAW
    /// <summary><c>VI_ATTR_USB_SERIAL_NUM</c>: the USB serial number of the device.</summary>
    UsbSerialNumber = unchecked((int)0xBFFF01A0),
    /// <summary><c>VI_ATTR_USB_INTFC_NUM</c>: the USB interface number the session uses.</summary>
    UsbInterfaceNumber = 0x3FFF01A1,
    /// <summary><c>VI_ATTR_USB_BULK_OUT_PIPE</c>: the endpoint address of the bulk-out (or interrupt-out) pipe writes use, or none (-1).</summary>
    UsbBulkOutPipe = 0x3FFF01A2,
    /// <summary><c>VI_ATTR_USB_BULK_IN_PIPE</c>: the endpoint address of the bulk-in pipe reads use, or none (-1).</summary>
    UsbBulkInPipe = 0x3FFF01A3,
    /// <summary><c>VI_ATTR_USB_INTR_IN_PIPE</c>: the endpoint address of the interrupt-in pipe USB interrupt events come from, or none (-1).</summary>
    UsbInterruptInPipe = 0x3FFF01A4,
    /// <summary><c>VI_ATTR_USB_CLASS</c>: the USB class code of the interface.</summary>
    UsbClass = 0x3FFF01A5,
    /// <summary><c>VI_ATTR_USB_SUBCLASS</c>: the USB subclass code of the interface.</summary>
    UsbSubclass = 0x3FFF01A6,
    /// <summary><c>VI_ATTR_USB_PROTOCOL</c>: the USB protocol code of the interface (USBTMC: 0 plain, 1 USB488).</summary>
    UsbProtocol = 0x3FFF01A7,
    /// <summary><c>VI_ATTR_USB_ALT_SETTING</c>: the USB alternate setting of the interface.</summary>
    UsbAlternateSetting = 0x3FFF01A8,
    /// <summary><c>VI_ATTR_USB_END_IN</c>: how a USB RAW read ends: only on the count (none), on a short packet (short), or on a short packet or the count (short_or_count).</summary>
    UsbEndIn = 0x3FFF01A9,
    /// <summary><c>VI_ATTR_USB_NUM_INTFCS</c>: the number of interfaces the USB device has.</summary>
    UsbInterfaceCount = 0x3FFF01AA,
    /// <summary><c>VI_ATTR_USB_NUM_PIPES</c>: the number of pipes of the interface, besides the default control pipe.</summary>
    UsbPipeCount = 0x3FFF01AB,
    /// <summary><c>VI_ATTR_USB_BULK_OUT_STATUS</c>: whether the bulk-out pipe is ready or stalled; set it to ready to clear a stall.</summary>
    UsbBulkOutStatus = 0x3FFF01AC,
    /// <summary><c>VI_ATTR_USB_BULK_IN_STATUS</c>: whether the bulk-in pipe is ready or stalled; set it to ready to clear a stall.</summary>
    UsbBulkInStatus = 0x3FFF01AD,
    /// <summary><c>VI_ATTR_USB_INTR_IN_STATUS</c>: whether the interrupt-in pipe is ready or stalled; set it to ready to clear a stall.</summary>
    UsbInterruptInStatus = 0x3FFF01AE,
    /// <summary><c>VI_ATTR_USB_MAX_INTR_SIZE</c>: the most data one USB interrupt event keeps; bytes beyond it are lost.</summary>
    UsbMaxInterruptSize = 0x3FFF01AF,
    /// <summary><c>VI_ATTR_USB_CTRL_PIPE</c>: the endpoint of the control pipe viUsbControlIn/Out use; 0 is the default control pipe.</summary>
    UsbControlPipe = 0x3FFF01B0,
    // VXI, GPIB-VXI and memory access
    /// <summary><c>VI_ATTR_FDC_CHNL</c>: the VXI fast data channel (0 to 7) transfers use.</summary>
    FdcChannel = 0x3FFF000D,
    /// <summary><c>VI_ATTR_FDC_MODE</c>: the fast data channel mode: normal or stream.</summary>
    FdcMode = 0x3FFF000F,
    /// <summary><c>VI_ATTR_FDC_GEN_SIGNAL_EN</c>: have fast data channel transfers generate the VXI signal.</summary>
    FdcGenerateSignalEnabled = 0x3FFF0011,
    /// <summary><c>VI_ATTR_FDC_USE_PAIR</c>: transfer over a pair of fast data channels instead of one.</summary>
    FdcUsePair = 0x3FFF0013,
    /// <summary><c>VI_ATTR_DEST_ACCESS_PRIV</c>: the VXI address modifier high-level writes (viOutXX, viMoveOutXX) use.</summary>
    DestinationAccessPrivilege = 0x3FFF0039,
    /// <summary><c>VI_ATTR_DEST_BYTE_ORDER</c>: the byte order high-level writes (viOutXX, viMoveOutXX) use.</summary>
    DestinationByteOrder = 0x3FFF003A,
    /// <summary><c>VI_ATTR_SRC_ACCESS_PRIV</c>: the VXI address modifier high-level reads (viInXX, viMoveInXX) use.</summary>
    SourceAccessPrivilege = 0x3FFF003C,
    /// <summary><c>VI_ATTR_SRC_BYTE_ORDER</c>: the byte order high-level reads (viInXX, viMoveInXX) use.</summary>
    SourceByteOrder = 0x3FFF003D,
    /// <summary><c>VI_ATTR_SRC_INCREMENT</c>: how many elements viMoveInXX advances the source offset after each transfer: 1, or 0 to read one register (a FIFO) repeatedly.</summary>
    SourceIncrement = 0x3FFF0040,
    /// <summary><c>VI_ATTR_DEST_INCREMENT</c>: how many elements viMoveOutXX advances the destination offset after each transfer: 1, or 0 to write one register (a FIFO) repeatedly.</summary>
    DestinationIncrement = 0x3FFF0041,
    /// <summary><c>VI_ATTR_WIN_ACCESS_PRIV</c>: the VXI address modifier of the mapped window (viMapAddress, viPeekXX, viPokeXX); read-only while mapped.</summary>
    WindowAccessPrivilege = 0x3FFF0045,
    /// <summary><c>VI_ATTR_WIN_BYTE_ORDER</c>: the byte order of the mapped window (viPeekXX, viPokeXX); read-only while mapped.</summary>
    WindowByteOrder = 0x3FFF0047,
    /// <summary><c>VI_ATTR_CMDR_LA</c>: the logical address of the device's commander, or unknown (-1).</summary>
    CommanderLogicalAddress = 0x3FFF006B,
    /// <summary><c>VI_ATTR_VXI_DEV_CLASS</c>: the VXI device class: memory, extended, message-based, register-based or other.</summary>
    VxiDeviceClass = 0x3FFF006C,
    /// <summary><c>VI_ATTR_MAINFRAME_LA</c>: the lowest logical address in the device's mainframe, or unknown (-1).</summary>
    MainframeLogicalAddress = 0x3FFF0070,
    /// <summary><c>VI_ATTR_VXI_VME_INTR_STATUS</c>: the VXI/VME interrupt lines asserted, bits 0–6 for lines 1–7.</summary>
    VxiVmeInterruptStatus = 0x3FFF008B,
    /// <summary><c>VI_ATTR_VXI_TRIG_STATUS</c>: the VXI trigger lines asserted, one bit per line from TTL0.</summary>
    VxiTriggerStatus = 0x3FFF008D,
    /// <summary><c>VI_ATTR_VXI_VME_SYSFAIL_STATE</c>: the state of the VXI/VME SYSFAIL backplane line.</summary>
    VxiVmeSysfailState = 0x3FFF0094,
    /// <summary><c>VI_ATTR_WIN_BASE_ADDR_32</c>: the bus address the window is mapped to (32-bit).</summary>
    WindowBaseAddress32 = 0x3FFF0098,
    /// <summary><c>VI_ATTR_WIN_SIZE_32</c>: the size of the mapped window (32-bit).</summary>
    WindowSize32 = 0x3FFF009A,
    /// <summary><c>VI_ATTR_WIN_BASE_ADDR_64</c>: the bus address the window is mapped to (64-bit).</summary>
    WindowBaseAddress64 = 0x3FFF009B,
    /// <summary><c>VI_ATTR_WIN_SIZE_64</c>: the size of the mapped window (64-bit).</summary>
    WindowSize64 = 0x3FFF009C,
    /// <summary><c>VI_ATTR_MEM_BASE_32</c>: the base address of the device's memory in its address space (32-bit).</summary>
    MemoryBase32 = 0x3FFF00AD,
    /// <summary><c>VI_ATTR_WIN_ACCESS</c>: how the window may be accessed: not mapped, through viPeek/viPoke (use_operations) or by dereferencing the address.</summary>
    WindowAccess = 0x3FFF00C3,
    /// <summary><c>VI_ATTR_MEM_BASE_64</c>: the base address of the device's memory in its address space (64-bit).</summary>
    MemoryBase64 = 0x3FFF00D0,
    /// <summary><c>VI_ATTR_MEM_SIZE_64</c>: the size of the device's memory (64-bit).</summary>
    MemorySize64 = 0x3FFF00D1,
    /// <summary><c>VI_ATTR_VXI_LA</c>: the VXI logical address of the device (of the local controller for MEMACC and SERVANT sessions).</summary>
    VxiLogicalAddress = 0x3FFF00D5,
    /// <summary><c>VI_ATTR_MEM_SIZE_32</c>: the size of the device's memory (32-bit).</summary>
    MemorySize32 = 0x3FFF00DD,
    /// <summary><c>VI_ATTR_MEM_SPACE</c>: the VXIbus address space of the device's memory: A16, A24, A32 or A64.</summary>
    MemorySpace = 0x3FFF00DE,
    /// <summary><c>VI_ATTR_SLOT</c>: the physical slot of the device, or unknown (-1).</summary>
    Slot = 0x3FFF00E8,
    /// <summary><c>VI_ATTR_IMMEDIATE_SERV</c>: whether the device is an immediate servant of the controller running VISA.</summary>
    ImmediateServant = 0x3FFF0100,
    /// <summary><c>VI_ATTR_INTF_PARENT_NUM</c>: the board number of the parent interface of a VXI backplane.</summary>
    InterfaceParentNumber = 0x3FFF0101,
    /// <summary><c>VI_ATTR_VXI_TRIG_SUPPORT</c>: the trigger lines the implementation supports, one bit per VI_TRIG_* line (TTL0–7 in bits 0–7, ECL0–5 in 8–13 …).</summary>
    VxiTriggerSupport = 0x3FFF0194,
    /// <summary><c>VI_ATTR_VXI_TRIG_LINES_EN</c>: which TTL trigger lines are mapped, bits 0–7 for TTL0–7.</summary>
    VxiTriggerLinesEnabled = 0x3FFF4043,
    /// <summary><c>VI_ATTR_VXI_TRIG_DIR</c>: the direction of each mapped TTL trigger line, bits 0–7 for TTL0–7: 1 into the frame, 0 out of it.</summary>
    VxiTriggerDirection = 0x3FFF4044,
    // PXI
    /// <summary><c>VI_ATTR_PXI_DEV_NUM</c>: the PCI device number of the PXI device.</summary>
    PxiDeviceNumber = 0x3FFF0201,
    /// <summary><c>VI_ATTR_PXI_FUNC_NUM</c>: the PCI function number of the PXI device (0 except for multifunction devices).</summary>
    PxiFunctionNumber = 0x3FFF0202,
    /// <summary><c>VI_ATTR_PXI_BUS_NUM</c>: the PCI bus number of the PXI device.</summary>
    PxiBusNumber = 0x3FFF0205,
    /// <summary><c>VI_ATTR_PXI_CHASSIS</c>: the PXI chassis number, or unknown (-1).</summary>
    PxiChassis = 0x3FFF0206,
    /// <summary><c>VI_ATTR_PXI_SLOTPATH</c>: the slot path of the PXI device (the PCI bridge path to it).</summary>
    PxiSlotPath = unchecked((int)0xBFFF0207),
    /// <summary><c>VI_ATTR_PXI_SLOT_LBUS_LEFT</c>: the slot or feature wired to the device's left local bus lines.</summary>
    PxiSlotLocalBusLeft = 0x3FFF0208,
    /// <summary><c>VI_ATTR_PXI_SLOT_LBUS_RIGHT</c>: the slot or feature wired to the device's right local bus lines.</summary>
    PxiSlotLocalBusRight = 0x3FFF0209,
    /// <summary><c>VI_ATTR_PXI_TRIG_BUS</c>: the trigger bus segment of the device, or unknown (-1).</summary>
    PxiTriggerBus = 0x3FFF020A,
    /// <summary><c>VI_ATTR_PXI_STAR_TRIG_BUS</c>: the star trigger bus of the device, or unknown (-1).</summary>
    PxiStarTriggerBus = 0x3FFF020B,
    /// <summary><c>VI_ATTR_PXI_STAR_TRIG_LINE</c>: the PXI_STAR line wired to the device.</summary>
    PxiStarTriggerLine = 0x3FFF020C,
    /// <summary><c>VI_ATTR_PXI_SRC_TRIG_BUS</c>: the trigger bus segment that qualifies the source line in viMapTrigger, or unknown (-1).</summary>
    PxiSourceTriggerBus = 0x3FFF020D,
    /// <summary><c>VI_ATTR_PXI_DEST_TRIG_BUS</c>: the trigger bus segment that qualifies the destination line in viMapTrigger, or unknown (-1).</summary>
    PxiDestinationTriggerBus = 0x3FFF020E,
    /// <summary><c>VI_ATTR_PXI_MEM_TYPE_BAR0</c>: the kind of space PCI BAR0 of the device decodes: none, memory, I/O or configuration.</summary>
    PxiMemoryTypeBar0 = 0x3FFF0211,
    /// <summary><c>VI_ATTR_PXI_MEM_TYPE_BAR1</c>: the kind of space PCI BAR1 of the device decodes: none, memory, I/O or configuration.</summary>
    PxiMemoryTypeBar1 = 0x3FFF0212,
    /// <summary><c>VI_ATTR_PXI_MEM_TYPE_BAR2</c>: the kind of space PCI BAR2 of the device decodes: none, memory, I/O or configuration.</summary>
    PxiMemoryTypeBar2 = 0x3FFF0213,
    /// <summary><c>VI_ATTR_PXI_MEM_TYPE_BAR3</c>: the kind of space PCI BAR3 of the device decodes: none, memory, I/O or configuration.</summary>
    PxiMemoryTypeBar3 = 0x3FFF0214,
    /// <summary><c>VI_ATTR_PXI_MEM_TYPE_BAR4</c>: the kind of space PCI BAR4 of the device decodes: none, memory, I/O or configuration.</summary>
    PxiMemoryTypeBar4 = 0x3FFF0215,
    /// <summary><c>VI_ATTR_PXI_MEM_TYPE_BAR5</c>: the kind of space PCI BAR5 of the device decodes: none, memory, I/O or configuration.</summary>
    PxiMemoryTypeBar5 = 0x3FFF0216,
    /// <summary><c>VI_ATTR_PXI_MEM_BASE_BAR0_32</c>: the base address assigned to PCI BAR0 (32-bit).</summary>
    PxiMemoryBase32Bar0 = 0x3FFF0221,
    /// <summary><c>VI_ATTR_PXI_MEM_BASE_BAR1_32</c>: the base address assigned to PCI BAR1 (32-bit).</summary>
    PxiMemoryBase32Bar1 = 0x3FFF0222,
    /// <summary><c>VI_ATTR_PXI_MEM_BASE_BAR2_32</c>: the base address assigned to PCI BAR2 (32-bit).</summary>
    PxiMemoryBase32Bar2 = 0x3FFF0223,
    /// <summary><c>VI_ATTR_PXI_MEM_BASE_BAR3_32</c>: the base address assigned to PCI BAR3 (32-bit).</summary>
    PxiMemoryBase32Bar3 = 0x3FFF0224,
    /// <summary><c>VI_ATTR_PXI_MEM_BASE_BAR4_32</c>: the base address assigned to PCI BAR4 (32-bit).</summary>
    PxiMemoryBase32Bar4 = 0x3FFF0225,
    /// <summary><c>VI_ATTR_PXI_MEM_BASE_BAR5_32</c>: the base address assigned to PCI BAR5 (32-bit).</summary>
    PxiMemoryBase32Bar5 = 0x3FFF0226,
    /// <summary><c>VI_ATTR_PXI_MEM_BASE_BAR0_64</c>: the base address assigned to PCI BAR0 (64-bit).</summary>
    PxiMemoryBase64Bar0 = 0x3FFF0228,
    /// <summary><c>VI_ATTR_PXI_MEM_BASE_BAR1_64</c>: the base address assigned to PCI BAR1 (64-bit).</summary>
    PxiMemoryBase64Bar1 = 0x3FFF0229,
    /// <summary><c>VI_ATTR_PXI_MEM_BASE_BAR2_64</c>: the base address assigned to PCI BAR2 (64-bit).</summary>
    PxiMemoryBase64Bar2 = 0x3FFF022A,
    /// <summary><c>VI_ATTR_PXI_MEM_BASE_BAR3_64</c>: the base address assigned to PCI BAR3 (64-bit).</summary>
    PxiMemoryBase64Bar3 = 0x3FFF022B,
    /// <summary><c>VI_ATTR_PXI_MEM_BASE_BAR4_64</c>: the base address assigned to PCI BAR4 (64-bit).</summary>
    PxiMemoryBase64Bar4 = 0x3FFF022C,
    /// <summary><c>VI_ATTR_PXI_MEM_BASE_BAR5_64</c>: the base address assigned to PCI BAR5 (64-bit).</summary>
    PxiMemoryBase64Bar5 = 0x3FFF022D,
    /// <summary><c>VI_ATTR_PXI_MEM_SIZE_BAR0_32</c>: the size of the space PCI BAR0 decodes (32-bit).</summary>
    PxiMemorySize32Bar0 = 0x3FFF0231,
    /// <summary><c>VI_ATTR_PXI_MEM_SIZE_BAR1_32</c>: the size of the space PCI BAR1 decodes (32-bit).</summary>
    PxiMemorySize32Bar1 = 0x3FFF0232,
    /// <summary><c>VI_ATTR_PXI_MEM_SIZE_BAR2_32</c>: the size of the space PCI BAR2 decodes (32-bit).</summary>
    PxiMemorySize32Bar2 = 0x3FFF0233,
    /// <summary><c>VI_ATTR_PXI_MEM_SIZE_BAR3_32</c>: the size of the space PCI BAR3 decodes (32-bit).</summary>
    PxiMemorySize32Bar3 = 0x3FFF0234,
    /// <summary><c>VI_ATTR_PXI_MEM_SIZE_BAR4_32</c>: the size of the space PCI BAR4 decodes (32-bit).</summary>
    PxiMemorySize32Bar4 = 0x3FFF0235,
    /// <summary><c>VI_ATTR_PXI_MEM_SIZE_BAR5_32</c>: the size of the space PCI BAR5 decodes (32-bit).</summary>
    PxiMemorySize32Bar5 = 0x3FFF0236,
    /// <summary><c>VI_ATTR_PXI_MEM_SIZE_BAR0_64</c>: the size of the space PCI BAR0 decodes (64-bit).</summary>
    PxiMemorySize64Bar0 = 0x3FFF0238,
    /// <summary><c>VI_ATTR_PXI_MEM_SIZE_BAR1_64</c>: the size of the space PCI BAR1 decodes (64-bit).</summary>
    PxiMemorySize64Bar1 = 0x3FFF0239,
    /// <summary><c>VI_ATTR_PXI_MEM_SIZE_BAR2_64</c>: the size of the space PCI BAR2 decodes (64-bit).</summary>
    PxiMemorySize64Bar2 = 0x3FFF023A,
    /// <summary><c>VI_ATTR_PXI_MEM_SIZE_BAR3_64</c>: the size of the space PCI BAR3 decodes (64-bit).</summary>
    PxiMemorySize64Bar3 = 0x3FFF023B,
    /// <summary><c>VI_ATTR_PXI_MEM_SIZE_BAR4_64</c>: the size of the space PCI BAR4 decodes (64-bit).</summary>
    PxiMemorySize64Bar4 = 0x3FFF023C,
    /// <summary><c>VI_ATTR_PXI_MEM_SIZE_BAR5_64</c>: the size of the space PCI BAR5 decodes (64-bit).</summary>
    PxiMemorySize64Bar5 = 0x3FFF023D,
    /// <summary><c>VI_ATTR_PXI_IS_EXPRESS</c>: whether the device is PXI Express rather than PXI.</summary>
    PxiIsExpress = 0x3FFF0240,
    /// <summary><c>VI_ATTR_PXI_SLOT_LWIDTH</c>: the PCI Express link width of the device's slot, or not_express (-1).</summary>
    PxiSlotLinkWidth = 0x3FFF0241,
    /// <summary><c>VI_ATTR_PXI_MAX_LWIDTH</c>: the widest PCI Express link the device supports, or not_express (-1).</summary>
    PxiMaxLinkWidth = 0x3FFF0242,
    /// <summary><c>VI_ATTR_PXI_ACTUAL_LWIDTH</c>: the PCI Express link width negotiated with the device, or not_express (-1).</summary>
    PxiActualLinkWidth = 0x3FFF0243,
    /// <summary><c>VI_ATTR_PXI_DSTAR_BUS</c>: the differential star (PXI_DSTAR) bus of the device, or unknown (-1).</summary>
    PxiDstarBus = 0x3FFF0244,
    /// <summary><c>VI_ATTR_PXI_DSTAR_SET</c>: the set of PXI_DSTAR lines wired to the device, or unknown (-1).</summary>
    PxiDstarSet = 0x3FFF0245,
    /// <summary><c>VI_ATTR_PXI_ALLOW_WRITE_COMBINE</c>: let the host combine writes to the device's prefetchable memory for speed.</summary>
    PxiAllowWriteCombine = 0x3FFF0246,
    // Event attributes
    /// <summary><c>VI_ATTR_JOB_ID</c>: the job ID of the asynchronous operation that completed.</summary>
    JobId = 0x3FFF4006,
    /// <summary><c>VI_ATTR_EVENT_TYPE</c>: the type of the event (VI_EVENT_*).</summary>
    EventType = 0x3FFF4010,
    /// <summary><c>VI_ATTR_SIGP_STATUS_ID</c>: the 16-bit status/ID read from the VXI signal register or IACK cycle.</summary>
    SignalStatusId = 0x3FFF4011,
    /// <summary><c>VI_ATTR_RECV_TRIG_ID</c>: the trigger line that fired the trigger event.</summary>
    ReceivedTriggerId = 0x3FFF4012,
    /// <summary><c>VI_ATTR_INTR_STATUS_ID</c>: the 32-bit status/ID read during the VXI/VME interrupt acknowledge cycle.</summary>
    InterruptStatusId = 0x3FFF4023,
    /// <summary><c>VI_ATTR_STATUS</c>: the completion status of the operation that raised the event.</summary>
    Status = 0x3FFF4025,
    /// <summary><c>VI_ATTR_RET_COUNT_32</c>: how many elements the asynchronous operation transferred (32-bit).</summary>
    ReturnCount32 = 0x3FFF4026,
    /// <summary><c>VI_ATTR_BUFFER</c>: the data buffer of the asynchronous operation that completed.</summary>
    Buffer = 0x3FFF4027,
    /// <summary><c>VI_ATTR_RET_COUNT_64</c>: how many elements the asynchronous operation transferred (64-bit).</summary>
    ReturnCount64 = 0x3FFF4028,
    /// <summary><c>VI_ATTR_RECV_INTR_LEVEL</c>: the VXI/VME interrupt level (1 to 7) the interrupt arrived on, or unknown (-1).</summary>
    ReceivedInterruptLevel = 0x3FFF4041,
    /// <summary><c>VI_ATTR_OPER_NAME</c>: the name of the operation that raised the event, e.g. viRead.</summary>
    OperationName = unchecked((int)0xBFFF4042),
    /// <summary><c>VI_ATTR_GPIB_RECV_CIC_STATE</c>: whether the interface became (true) or stopped being (false) controller-in-charge.</summary>
    GpibReceivedCicState = 0x3FFF4193,
    /// <summary><c>VI_ATTR_RECV_TCPIP_ADDR</c>: the address of the peer whose connection the server session accepted.</summary>
    ReceivedTcpipAddress = unchecked((int)0xBFFF4198),
    /// <summary><c>VI_ATTR_USB_RECV_INTR_SIZE</c>: how many bytes the USB interrupt-in transfer carried.</summary>
    UsbReceivedInterruptSize = 0x3FFF41B0,
    /// <summary><c>VI_ATTR_USB_RECV_INTR_DATA</c>: the data of the USB interrupt-in transfer.</summary>
    UsbReceivedInterruptData = unchecked((int)0xBFFF41B1),
    /// <summary><c>VI_ATTR_PXI_RECV_INTR_SEQ</c>: the index of the interrupt-detection sequence that caught the PXI interrupt.</summary>
    PxiReceivedInterruptSequence = 0x3FFF4240,
    /// <summary><c>VI_ATTR_PXI_RECV_INTR_DATA</c>: the first register value read by the interrupt-detection sequence that caught the PXI interrupt.</summary>
    PxiReceivedInterruptData = 0x3FFF4241,
}
