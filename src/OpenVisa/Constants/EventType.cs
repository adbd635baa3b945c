namespace OpenVisa;

#pragma warning disable CA1027 // VISA event types are identifiers, not flags.
/// <summary>VISA event types (<c>ViEventType</c>), with their numeric values.</summary>
public enum EventType
{
    /// <summary>An asynchronous operation completed.</summary>
    IOCompletion = 0x3FFF2009,
    /// <summary>A trigger interrupt was received.</summary>
    Trigger = unchecked((int)0xBFFF200A),
    /// <summary>The device requested service (SRQ).</summary>
    ServiceRequest = 0x3FFF200B,
    /// <summary>The device was cleared.</summary>
    Clear = 0x3FFF200D,
    /// <summary>An error occurred during an operation (handler mechanism only).</summary>
    Exception = unchecked((int)0xBFFF200E),
    /// <summary>The GPIB controller-in-charge status changed.</summary>
    GpibControllerInCharge = 0x3FFF2012,
    /// <summary>The GPIB interface was addressed to talk.</summary>
    GpibTalk = 0x3FFF2013,
    /// <summary>The GPIB interface was addressed to listen.</summary>
    GpibListen = 0x3FFF2014,
    /// <summary>A VXI VME system reset.</summary>
    VxiVmeSysfail = 0x3FFF201D,
    /// <summary>A VXI signal or interrupt.</summary>
    VxiSignalInterrupt = 0x3FFF2020,
    /// <summary>A TCP/IP connection was accepted by a server session.</summary>
    TcpipConnect = 0x3FFF2036,
    /// <summary>A USB interrupt-IN transfer arrived.</summary>
    UsbInterrupt = 0x3FFF2037,
    /// <summary>Every event enabled on the session.</summary>
    AllEnabled = 0x3FFF7FFF,
}
