namespace OpenVisa;

/// <summary>Every VISA completion and error code, with its numeric <c>ViStatus</c> value.</summary>
/// <remarks>Negative values are errors; positive values are successes, some of which are warnings.
/// <see cref="StatusCodes"/> gives each code's VISA abbreviation and description.</remarks>
#pragma warning disable CA1707, CA1027
public enum StatusCode
{
    /// <summary><c>VI_SUCCESS</c>: Operation completed successfully.</summary>
    Success = unchecked((int)0x00000000),

    /// <summary><c>VI_SUCCESS_EVENT_EN</c>: Specified event is already enabled for at least one of the specified mechanisms.</summary>
    SuccessEventEnabled = unchecked((int)0x3FFF0002),

    /// <summary><c>VI_SUCCESS_EVENT_DIS</c>: Specified event is already disabled for at least one of the specified mechanisms.</summary>
    SuccessEventDisabled = unchecked((int)0x3FFF0003),

    /// <summary><c>VI_SUCCESS_QUEUE_EMPTY</c>: Operation completed successfully, but queue was already empty.</summary>
    SuccessQueueEmpty = unchecked((int)0x3FFF0004),

    /// <summary><c>VI_SUCCESS_TERM_CHAR</c>: The specified termination character was read.</summary>
    SuccessTerminationCharacterRead = unchecked((int)0x3FFF0005),

    /// <summary><c>VI_SUCCESS_MAX_CNT</c>: The number of bytes transferred is equal to the requested input count. More data might be available.</summary>
    SuccessMaxCountRead = unchecked((int)0x3FFF0006),

    /// <summary><c>VI_WARN_QUEUE_OVERFLOW</c>: The event returned is valid. One or more events that occurred have not been raised because there was no room available on the queue.</summary>
    WarningQueueOverflow = unchecked((int)0x3FFF000C),

    /// <summary><c>VI_WARN_CONFIG_NLOADED</c>: The specified configuration either does not exist or could not be loaded. The VISA-specified defaults are used.</summary>
    WarningConfigurationNotLoaded = unchecked((int)0x3FFF0077),

    /// <summary><c>VI_SUCCESS_DEV_NPRESENT</c>: Session opened successfully, but the device at the specified address is not responding.</summary>
    SuccessDeviceNotPresent = unchecked((int)0x3FFF007D),

    /// <summary><c>VI_SUCCESS_TRIG_MAPPED</c>: The path from the trigger source to the destination is already mapped.</summary>
    SuccessTriggerMapped = unchecked((int)0x3FFF007E),

    /// <summary><c>VI_SUCCESS_QUEUE_NEMPTY</c>: Wait terminated successfully on receipt of an event notification. There is still at least one more event occurrence available for this session.</summary>
    SuccessQueueNotEmpty = unchecked((int)0x3FFF0080),

    /// <summary><c>VI_WARN_NULL_OBJECT</c>: The specified object reference is uninitialized.</summary>
    WarningNullObject = unchecked((int)0x3FFF0082),

    /// <summary><c>VI_WARN_NSUP_ATTR_STATE</c>: Although the specified state of the attribute is valid, it is not supported by this resource implementation.</summary>
    WarningUnsupportedAttributeState = unchecked((int)0x3FFF0084),

    /// <summary><c>VI_WARN_UNKNOWN_STATUS</c>: The status code passed to the operation could not be interpreted.</summary>
    WarningUnknownStatus = unchecked((int)0x3FFF0085),

    /// <summary><c>VI_WARN_NSUP_BUF</c>: The specified buffer is not supported.</summary>
    WarningUnsupportedBuffer = unchecked((int)0x3FFF0088),

    /// <summary><c>VI_SUCCESS_NCHAIN</c>: Event handled successfully. Do not invoke any other handlers on this session for this event.</summary>
    SuccessNoChain = unchecked((int)0x3FFF0098),

    /// <summary><c>VI_SUCCESS_NESTED_SHARED</c>: Operation completed successfully, and this session has nested shared locks.</summary>
    SuccessNestedShared = unchecked((int)0x3FFF0099),

    /// <summary><c>VI_SUCCESS_NESTED_EXCLUSIVE</c>: Operation completed successfully, and this session has nested exclusive locks.</summary>
    SuccessNestedExclusive = unchecked((int)0x3FFF009A),

    /// <summary><c>VI_SUCCESS_SYNC</c>: Asynchronous operation request was actually performed synchronously.</summary>
    SuccessSynchronous = unchecked((int)0x3FFF009B),

    /// <summary><c>VI_WARN_EXT_FUNC_NIMPL</c>: The operation succeeded, but a lower level driver did not implement the extended functionality.</summary>
    WarningExtensionFunctionNotImplemented = unchecked((int)0x3FFF00A9),

    /// <summary><c>VI_ERROR_SYSTEM_ERROR</c>: Unknown system error (miscellaneous error).</summary>
    ErrorSystemError = unchecked((int)0xBFFF0000),

    /// <summary><c>VI_ERROR_INV_OBJECT</c>: The given session or object reference is invalid.</summary>
    ErrorInvalidObject = unchecked((int)0xBFFF000E),

    /// <summary><c>VI_ERROR_RSRC_LOCKED</c>: Specified type of lock cannot be obtained, or specified operation cannot be performed, because the resource is locked.</summary>
    ErrorResourceLocked = unchecked((int)0xBFFF000F),

    /// <summary><c>VI_ERROR_INV_EXPR</c>: Invalid expression specified for search.</summary>
    ErrorInvalidExpression = unchecked((int)0xBFFF0010),

    /// <summary><c>VI_ERROR_RSRC_NFOUND</c>: Insufficient location information or the device or resource is not present in the system.</summary>
    ErrorResourceNotFound = unchecked((int)0xBFFF0011),

    /// <summary><c>VI_ERROR_INV_RSRC_NAME</c>: Invalid resource reference specified. Parsing error.</summary>
    ErrorInvalidResourceName = unchecked((int)0xBFFF0012),

    /// <summary><c>VI_ERROR_INV_ACC_MODE</c>: Invalid access mode.</summary>
    ErrorInvalidAccessMode = unchecked((int)0xBFFF0013),

    /// <summary><c>VI_ERROR_TMO</c>: Timeout expired before operation completed.</summary>
    ErrorTimeout = unchecked((int)0xBFFF0015),

    /// <summary><c>VI_ERROR_CLOSING_FAILED</c>: Unable to deallocate the previously allocated data structures corresponding to this session or object reference.</summary>
    ErrorClosingFailed = unchecked((int)0xBFFF0016),

    /// <summary><c>VI_ERROR_INV_DEGREE</c>: Specified degree is invalid.</summary>
    ErrorInvalidDegree = unchecked((int)0xBFFF001B),

    /// <summary><c>VI_ERROR_INV_JOB_ID</c>: Specified job identifier is invalid.</summary>
    ErrorInvalidJobId = unchecked((int)0xBFFF001C),

    /// <summary><c>VI_ERROR_NSUP_ATTR</c>: The specified attribute is not defined or supported by the referenced session, event, or find list.</summary>
    ErrorNonsupportedAttribute = unchecked((int)0xBFFF001D),

    /// <summary><c>VI_ERROR_NSUP_ATTR_STATE</c>: The specified state of the attribute is not valid, or is not supported as defined by the session, event, or find list.</summary>
    ErrorNonsupportedAttributeState = unchecked((int)0xBFFF001E),

    /// <summary><c>VI_ERROR_ATTR_READONLY</c>: The specified attribute is read-only.</summary>
    ErrorAttributeReadOnly = unchecked((int)0xBFFF001F),

    /// <summary><c>VI_ERROR_INV_LOCK_TYPE</c>: The specified type of lock is not supported by this resource.</summary>
    ErrorInvalidLockType = unchecked((int)0xBFFF0020),

    /// <summary><c>VI_ERROR_INV_ACCESS_KEY</c>: The access key to the resource associated with this session is invalid.</summary>
    ErrorInvalidAccessKey = unchecked((int)0xBFFF0021),

    /// <summary><c>VI_ERROR_INV_EVENT</c>: Specified event type is not supported by the resource.</summary>
    ErrorInvalidEvent = unchecked((int)0xBFFF0026),

    /// <summary><c>VI_ERROR_INV_MECH</c>: Invalid mechanism specified.</summary>
    ErrorInvalidMechanism = unchecked((int)0xBFFF0027),

    /// <summary><c>VI_ERROR_HNDLR_NINSTALLED</c>: A handler is not currently installed for the specified event.</summary>
    ErrorHandlerNotInstalled = unchecked((int)0xBFFF0028),

    /// <summary><c>VI_ERROR_INV_HNDLR_REF</c>: The given handler reference is invalid.</summary>
    ErrorInvalidHandlerReference = unchecked((int)0xBFFF0029),

    /// <summary><c>VI_ERROR_INV_CONTEXT</c>: Specified event context is invalid.</summary>
    ErrorInvalidContext = unchecked((int)0xBFFF002A),

    /// <summary><c>VI_ERROR_QUEUE_OVERFLOW</c>: The event queue for the specified type has overflowed, usually due to not closing previous events.</summary>
    ErrorQueueOverflow = unchecked((int)0xBFFF002D),

    /// <summary><c>VI_ERROR_NENABLED</c>: The session must be enabled for events of the specified type in order to receive them.</summary>
    ErrorNotEnabled = unchecked((int)0xBFFF002F),

    /// <summary><c>VI_ERROR_ABORT</c>: The operation was aborted.</summary>
    ErrorAbort = unchecked((int)0xBFFF0030),

    /// <summary><c>VI_ERROR_RAW_WR_PROT_VIOL</c>: Violation of raw write protocol occurred during transfer.</summary>
    ErrorRawWriteProtocolViolation = unchecked((int)0xBFFF0034),

    /// <summary><c>VI_ERROR_RAW_RD_PROT_VIOL</c>: Violation of raw read protocol occurred during transfer.</summary>
    ErrorRawReadProtocolViolation = unchecked((int)0xBFFF0035),

    /// <summary><c>VI_ERROR_OUTP_PROT_VIOL</c>: Device reported an output protocol error during transfer.</summary>
    ErrorOutputProtocolViolation = unchecked((int)0xBFFF0036),

    /// <summary><c>VI_ERROR_INP_PROT_VIOL</c>: Device reported an input protocol error during transfer.</summary>
    ErrorInputProtocolViolation = unchecked((int)0xBFFF0037),

    /// <summary><c>VI_ERROR_BERR</c>: Bus error occurred during transfer.</summary>
    ErrorBusError = unchecked((int)0xBFFF0038),

    /// <summary><c>VI_ERROR_IN_PROGRESS</c>: Unable to queue the asynchronous operation because there is already an operation in progress.</summary>
    ErrorInProgress = unchecked((int)0xBFFF0039),

    /// <summary><c>VI_ERROR_INV_SETUP</c>: Unable to start operation because setup is invalid (due to attributes being set to an inconsistent state).</summary>
    ErrorInvalidSetup = unchecked((int)0xBFFF003A),

    /// <summary><c>VI_ERROR_QUEUE_ERROR</c>: Unable to queue the asynchronous operation.</summary>
    ErrorQueueError = unchecked((int)0xBFFF003B),

    /// <summary><c>VI_ERROR_ALLOC</c>: Insufficient system resources to perform necessary memory allocation.</summary>
    ErrorAllocation = unchecked((int)0xBFFF003C),

    /// <summary><c>VI_ERROR_INV_MASK</c>: Invalid buffer mask specified.</summary>
    ErrorInvalidMask = unchecked((int)0xBFFF003D),

    /// <summary><c>VI_ERROR_IO</c>: Could not perform operation because of I/O error.</summary>
    ErrorIO = unchecked((int)0xBFFF003E),

    /// <summary><c>VI_ERROR_INV_FMT</c>: A format specifier in the format string is invalid.</summary>
    ErrorInvalidFormat = unchecked((int)0xBFFF003F),

    /// <summary><c>VI_ERROR_NSUP_FMT</c>: A format specifier in the format string is not supported.</summary>
    ErrorNonsupportedFormat = unchecked((int)0xBFFF0041),

    /// <summary><c>VI_ERROR_LINE_IN_USE</c>: The specified trigger line is currently in use.</summary>
    ErrorLineInUse = unchecked((int)0xBFFF0042),

    /// <summary><c>VI_ERROR_LINE_NRESERVED</c>: An attempt was made to use a trigger line that is not reserved.</summary>
    ErrorLineNotReserved = unchecked((int)0xBFFF0043),

    /// <summary><c>VI_ERROR_NSUP_MODE</c>: The specified mode is not supported by this VISA implementation.</summary>
    ErrorNonsupportedMode = unchecked((int)0xBFFF0046),

    /// <summary><c>VI_ERROR_SRQ_NOCCURRED</c>: Service request has not been received for the session.</summary>
    ErrorServiceRequestNotOccurred = unchecked((int)0xBFFF004A),

    /// <summary><c>VI_ERROR_INV_SPACE</c>: Invalid address space specified.</summary>
    ErrorInvalidSpace = unchecked((int)0xBFFF004E),

    /// <summary><c>VI_ERROR_INV_OFFSET</c>: Invalid offset specified.</summary>
    ErrorInvalidOffset = unchecked((int)0xBFFF0051),

    /// <summary><c>VI_ERROR_INV_WIDTH</c>: Invalid access width specified.</summary>
    ErrorInvalidWidth = unchecked((int)0xBFFF0052),

    /// <summary><c>VI_ERROR_NSUP_OFFSET</c>: Specified offset is not accessible from this hardware.</summary>
    ErrorNonsupportedOffset = unchecked((int)0xBFFF0054),

    /// <summary><c>VI_ERROR_NSUP_VAR_WIDTH</c>: Cannot support source and destination widths that are different.</summary>
    ErrorNonsupportedVariableWidth = unchecked((int)0xBFFF0055),

    /// <summary><c>VI_ERROR_WINDOW_NMAPPED</c>: The specified session is not currently mapped.</summary>
    ErrorWindowNotMapped = unchecked((int)0xBFFF0057),

    /// <summary><c>VI_ERROR_RESP_PENDING</c>: A previous response is still pending, causing a multiple query error.</summary>
    ErrorResponsePending = unchecked((int)0xBFFF0059),

    /// <summary><c>VI_ERROR_NLISTENERS</c>: No listeners condition is detected (both NRFD and NDAC are deasserted).</summary>
    ErrorNoListeners = unchecked((int)0xBFFF005F),

    /// <summary><c>VI_ERROR_NCIC</c>: The interface associated with this session is not currently the controller in charge.</summary>
    ErrorNotControllerInCharge = unchecked((int)0xBFFF0060),

    /// <summary><c>VI_ERROR_NSYS_CNTLR</c>: The interface associated with this session is not the system controller.</summary>
    ErrorNotSystemController = unchecked((int)0xBFFF0061),

    /// <summary><c>VI_ERROR_NSUP_OPER</c>: The given session or object reference does not support this operation.</summary>
    ErrorNonsupportedOperation = unchecked((int)0xBFFF0067),

    /// <summary><c>VI_ERROR_INTR_PENDING</c>: An interrupt is still pending from a previous call.</summary>
    ErrorInterruptPending = unchecked((int)0xBFFF0068),

    /// <summary><c>VI_ERROR_ASRL_PARITY</c>: A parity error occurred during transfer.</summary>
    ErrorAsrlParity = unchecked((int)0xBFFF006A),

    /// <summary><c>VI_ERROR_ASRL_FRAMING</c>: A framing error occurred during transfer.</summary>
    ErrorAsrlFraming = unchecked((int)0xBFFF006B),

    /// <summary><c>VI_ERROR_ASRL_OVERRUN</c>: An overrun error occurred during transfer. A character was not read from the hardware before the next character arrived.</summary>
    ErrorAsrlOverrun = unchecked((int)0xBFFF006C),

    /// <summary><c>VI_ERROR_TRIG_NMAPPED</c>: The path from the trigger source to the destination is not currently mapped.</summary>
    ErrorTriggerNotMapped = unchecked((int)0xBFFF006E),

    /// <summary><c>VI_ERROR_NSUP_ALIGN_OFFSET</c>: The specified offset is not properly aligned for the access width of the operation.</summary>
    ErrorNonsupportedAlignOffset = unchecked((int)0xBFFF0070),

    /// <summary><c>VI_ERROR_USER_BUF</c>: A specified user buffer is not valid or cannot be accessed for the required size.</summary>
    ErrorUserBuffer = unchecked((int)0xBFFF0071),

    /// <summary><c>VI_ERROR_RSRC_BUSY</c>: The resource is valid, but VISA cannot currently access it.</summary>
    ErrorResourceBusy = unchecked((int)0xBFFF0072),

    /// <summary><c>VI_ERROR_NSUP_WIDTH</c>: Specified width is not supported by this hardware.</summary>
    ErrorNonsupportedWidth = unchecked((int)0xBFFF0076),

    /// <summary><c>VI_ERROR_INV_PARAMETER</c>: The value of some parameter (which parameter is not known) is invalid.</summary>
    ErrorInvalidParameter = unchecked((int)0xBFFF0078),

    /// <summary><c>VI_ERROR_INV_PROT</c>: The protocol specified is invalid.</summary>
    ErrorInvalidProtocol = unchecked((int)0xBFFF0079),

    /// <summary><c>VI_ERROR_INV_SIZE</c>: Invalid size of window specified.</summary>
    ErrorInvalidSize = unchecked((int)0xBFFF007B),

    /// <summary><c>VI_ERROR_WINDOW_MAPPED</c>: The specified session currently contains a mapped window.</summary>
    ErrorWindowMapped = unchecked((int)0xBFFF0080),

    /// <summary><c>VI_ERROR_NIMPL_OPER</c>: The given operation is not implemented.</summary>
    ErrorNotImplementedOperation = unchecked((int)0xBFFF0081),

    /// <summary><c>VI_ERROR_INV_LENGTH</c>: Invalid length specified.</summary>
    ErrorInvalidLength = unchecked((int)0xBFFF0083),

    /// <summary><c>VI_ERROR_INV_MODE</c>: The specified mode is invalid.</summary>
    ErrorInvalidMode = unchecked((int)0xBFFF0091),

    /// <summary><c>VI_ERROR_SESN_NLOCKED</c>: The current session did not have any lock on the resource.</summary>
    ErrorSessionNotLocked = unchecked((int)0xBFFF009C),

    /// <summary><c>VI_ERROR_MEM_NSHARED</c>: The device does not export any memory.</summary>
    ErrorMemoryNotShared = unchecked((int)0xBFFF009D),

    /// <summary><c>VI_ERROR_LIBRARY_NFOUND</c>: A code library required by VISA could not be located or loaded.</summary>
    ErrorLibraryNotFound = unchecked((int)0xBFFF009E),

    /// <summary><c>VI_ERROR_NSUP_INTR</c>: The interface cannot generate an interrupt on the requested level or with the requested statusID value.</summary>
    ErrorNonsupportedInterrupt = unchecked((int)0xBFFF009F),

    /// <summary><c>VI_ERROR_INV_LINE</c>: The value specified by the line parameter is invalid.</summary>
    ErrorInvalidLine = unchecked((int)0xBFFF00A0),

    /// <summary><c>VI_ERROR_FILE_ACCESS</c>: An error occurred while trying to open the specified file. Possible causes include an invalid path or lack of access rights.</summary>
    ErrorFileAccess = unchecked((int)0xBFFF00A1),

    /// <summary><c>VI_ERROR_FILE_IO</c>: An error occurred while performing I/O on the specified file.</summary>
    ErrorFileIO = unchecked((int)0xBFFF00A2),

    /// <summary><c>VI_ERROR_NSUP_LINE</c>: One of the specified lines (trigSrc or trigDest) is not supported by this VISA implementation, or the combination of lines is not a valid mapping.</summary>
    ErrorNonsupportedLine = unchecked((int)0xBFFF00A3),

    /// <summary><c>VI_ERROR_NSUP_MECH</c>: The specified mechanism is not supported for the given event type.</summary>
    ErrorNonsupportedMechanism = unchecked((int)0xBFFF00A4),

    /// <summary><c>VI_ERROR_INTF_NUM_NCONFIG</c>: The interface type is valid but the specified interface number is not configured.</summary>
    ErrorInterfaceNumberNotConfigured = unchecked((int)0xBFFF00A5),

    /// <summary><c>VI_ERROR_CONN_LOST</c>: The connection for the given session has been lost.</summary>
    ErrorConnectionLost = unchecked((int)0xBFFF00A6),

    /// <summary><c>VI_ERROR_MACHINE_NAVAIL</c>: The remote machine does not exist or is not accepting any connections.</summary>
    ErrorMachineNotAvailable = unchecked((int)0xBFFF00A7),

    /// <summary><c>VI_ERROR_NPERMISSION</c>: Access to the remote machine is denied.</summary>
    ErrorNoPermission = unchecked((int)0xBFFF00A8),

    /// <summary><c>VI_ERROR_SERVER_CERT</c>: The server certificate could not be validated.</summary>
    ErrorServerCertificate = unchecked((int)0xBFFF00B0),

    /// <summary><c>VI_ERROR_SERVER_CERT_UNTRUSTED</c>: The server certificate is not trusted.</summary>
    ErrorServerCertificateUntrusted = unchecked((int)0xBFFF00B1),

    /// <summary><c>VI_ERROR_SERVER_CERT_EXPIRED</c>: The server certificate has expired.</summary>
    ErrorServerCertificateExpired = unchecked((int)0xBFFF00B2),

    /// <summary><c>VI_ERROR_SERVER_CERT_REVOKED</c>: The server certificate has been revoked.</summary>
    ErrorServerCertificateRevoked = unchecked((int)0xBFFF00B3),

    /// <summary><c>VI_ERROR_SERVER_CERT_INV_SUBJECT</c>: The server certificate subject does not match the host name.</summary>
    ErrorServerCertificateInvalidSubject = unchecked((int)0xBFFF00B4),

}
