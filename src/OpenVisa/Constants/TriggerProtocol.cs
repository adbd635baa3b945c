namespace OpenVisa;

/// <summary>The protocol <see cref="VisaLibrary.AssertTrigger"/> uses.</summary>
public enum TriggerProtocol
{
    /// <summary>The interface's default (GPIB GET, VXI-11 device_trigger, HiSLIP Trigger, USBTMC TRIGGER).</summary>
    Default = 0,
    /// <summary>VXI ON.</summary>
    On = 1,
    /// <summary>VXI OFF.</summary>
    Off = 2,
    /// <summary>VXI SYNC.</summary>
    Sync = 5,
    /// <summary>VXI reserve.</summary>
    Reserve = 6,
    /// <summary>VXI unreserve.</summary>
    Unreserve = 7,
}
