using T = OpenVisa.AttributeValueType;
using N = OpenVisa.AttributeValueNames;
using R = OpenVisa.AttributeResources;

namespace OpenVisa;

// The attribute table, part: Event attributes.
// Ids, types, access and defaults follow visa.h and the VISA specification (as NI-VISA and PyVISA record them).
public static partial class VisaAttributes
{
    private static AttributeInfo[] EventsAttributes() =>
    [
        ForEvents(VisaAttribute.JobId, "JOB_ID", T.UInt32, [EventType.IOCompletion],
            "The job ID of the asynchronous operation that completed."),
        ForEvents(VisaAttribute.EventType, "EVENT_TYPE", T.UInt32, R.AllEvents,
            "The type of the event (VI_EVENT_*).")
            with { ValueNames = N.EventTypeShort, ShowAsHex = true },
        ForEvents(VisaAttribute.SignalStatusId, "SIGP_STATUS_ID", T.UInt16, [EventType.VxiSignalInterrupt],
            "The 16-bit status/ID read from the VXI signal register or IACK cycle.")
            with { ShowAsHex = true },
        ForEvents(VisaAttribute.ReceivedTriggerId, "RECV_TRIG_ID", T.Int16, [EventType.Trigger],
            "The trigger line that fired the trigger event.")
            with { ValueNames = N.TriggerId, NamedValuesOnly = true },
        ForEvents(VisaAttribute.InterruptStatusId, "INTR_STATUS_ID", T.UInt32, [N.VxiVmeInterrupt],
            "The 32-bit status/ID read during the VXI/VME interrupt acknowledge cycle.")
            with { ShowAsHex = true },
        ForEvents(VisaAttribute.Status, "STATUS", T.Int32, [EventType.IOCompletion, EventType.Exception],
            "The completion status of the operation that raised the event.")
            with { ValueNames = N.Status },
        ForEvents(VisaAttribute.ReturnCount32, "RET_COUNT_32", T.UInt32, [EventType.IOCompletion],
            "How many elements the asynchronous operation transferred (32-bit)."),
        ForEvents(VisaAttribute.Buffer, "BUFFER", T.Buffer, [EventType.IOCompletion],
            "The data buffer of the asynchronous operation that completed."),
        ForEvents(VisaAttribute.ReturnCount64, "RET_COUNT_64", T.UInt64, [EventType.IOCompletion],
            "How many elements the asynchronous operation transferred (64-bit)."),
        ForEvents(VisaAttribute.ReceivedInterruptLevel, "RECV_INTR_LEVEL", T.Int16, [N.VxiVmeInterrupt],
            "The VXI/VME interrupt level (1 to 7) the interrupt arrived on, or unknown (-1).")
            with { Minimum = 1, Maximum = 7, ValueNames = N.Unknown },
        ForEvents(VisaAttribute.OperationName, "OPER_NAME", T.String, [EventType.IOCompletion, EventType.Exception],
            "The name of the operation that raised the event, e.g. viRead."),
        ForEvents(VisaAttribute.GpibReceivedCicState, "GPIB_RECV_CIC_STATE", T.Boolean, [EventType.GpibControllerInCharge],
            "Whether the interface became (true) or stopped being (false) controller-in-charge."),
        ForEvents(VisaAttribute.ReceivedTcpipAddress, "RECV_TCPIP_ADDR", T.String, [EventType.TcpipConnect],
            "The address of the peer whose connection the server session accepted."),
        ForEvents(VisaAttribute.UsbReceivedInterruptSize, "USB_RECV_INTR_SIZE", T.UInt16, [EventType.UsbInterrupt],
            "How many bytes the USB interrupt-in transfer carried.")
            with { Unit = "bytes" },
        ForEvents(VisaAttribute.UsbReceivedInterruptData, "USB_RECV_INTR_DATA", T.Buffer, [EventType.UsbInterrupt],
            "The data of the USB interrupt-in transfer."),
        ForEvents(VisaAttribute.PxiReceivedInterruptSequence, "PXI_RECV_INTR_SEQ", T.Int16, [N.PxiInterrupt],
            "The index of the interrupt-detection sequence that caught the PXI interrupt."),
        ForEvents(VisaAttribute.PxiReceivedInterruptData, "PXI_RECV_INTR_DATA", T.UInt32, [N.PxiInterrupt],
            "The first register value read by the interrupt-detection sequence that caught the PXI interrupt.")
            with { ShowAsHex = true },
    ];
}
