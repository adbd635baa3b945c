using T = OpenVisa.AttributeValueType;
using N = OpenVisa.AttributeValueNames;
using R = OpenVisa.AttributeResources;

namespace OpenVisa;

// The attribute table, part: Device identity (USB, VXI, PXI).
// Ids, types, access and defaults follow visa.h and the VISA specification (as NI-VISA and PyVISA record them).
public static partial class VisaAttributes
{
    private static AttributeInfo[] IdentityAttributes() =>
    [
        For(VisaAttribute.ManufacturerName, "MANF_NAME", T.String, ReadOnly, Global, null, R.DeviceNames,
            "The name of the device's manufacturer."),
        For(VisaAttribute.ModelName, "MODEL_NAME", T.String, ReadOnly, Global, null, R.DeviceNames,
            "The model name of the device."),
        For(VisaAttribute.ManufacturerId, "MANF_ID", T.UInt16, ReadOnly, Global, null, R.DeviceIds,
            "The manufacturer ID of the device (USB vendor ID, VXI or PCI manufacturer ID).")
            with { ShowAsHex = true },
        For(VisaAttribute.ModelCode, "MODEL_CODE", T.UInt16, ReadOnly, Global, null, R.DeviceIds,
            "The model code of the device (USB product ID, VXI or PCI model code).")
            with { ShowAsHex = true },
    ];
}
