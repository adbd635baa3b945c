namespace OpenVisa.Managed.Usb;

/// <summary>
/// How a USBTMC device departs from the standard, and what the session does about it. Each entry of
/// <see cref="Table"/> names the devices and the reason; everything else gets <see cref="None"/>.
/// </summary>
/// <param name="Devices">Which devices, for logs and <c>ovisa info</c>.</param>
/// <param name="Reason">What the device does wrong.</param>
/// <param name="MaxTransferSize">The largest read request the device handles; null for no limit of its own.</param>
/// <param name="NeverSignalsEom">The device never sets EOM: a read ends with the first transfer (or at the TermChar).</param>
/// <param name="HeaderOnlyInFirstTransfer">
/// Only the first transfer of a reply has a USBTMC header, a second REQUEST_DEV_DEP_MSG_IN restarts the reply, and
/// EOM is unreliable: the read continues without new requests until the announced TransferSize arrived.
/// </param>
/// <param name="BlockLengthFromIeeeHeader">For a reply that starts an IEEE 488.2 block (<c>#</c>), the header's TransferSize is wrong; the block's own length counts.</param>
internal sealed record UsbtmcQuirks(string Devices, string Reason, int? MaxTransferSize = null, bool NeverSignalsEom = false,
    bool HeaderOnlyInFirstTransfer = false, bool BlockLengthFromIeeeHeader = false)
{
    /// <summary>A device that follows USBTMC.</summary>
    public static readonly UsbtmcQuirks None = new("standard USBTMC devices", "none");

    private const int Rigol = 0x1AB1;
    private const int Advantest = 0x1334;

    /// <summary>The devices known to need a quirk: vendor id, product id (null for every product) and the quirk.</summary>
    public static readonly IReadOnlyList<(int VendorId, int? ProductId, UsbtmcQuirks Quirks)> Table =
    [
        (Rigol, 0x04CE, new UsbtmcQuirks("Rigol DS1000Z oscilloscopes (1AB1:04CE)",
            "only the first transfer of a reply carries a header, a repeated request restarts the reply, EOM is not reliable, and for IEEE 488.2 blocks the header's TransferSize is wrong",
            HeaderOnlyInFirstTransfer: true, BlockLengthFromIeeeHeader: true)),
        (Rigol, 0x0588, new UsbtmcQuirks("Rigol DS1000 oscilloscopes (1AB1:0588)",
            "only the first transfer of a reply carries a header, a repeated request restarts the reply, and EOM is not reliable",
            HeaderOnlyInFirstTransfer: true)),
        (Advantest, null, new UsbtmcQuirks("Advantest and ADCMT instruments (1334:*)",
            "reads larger than 63 bytes fail and replies never carry EOM",
            MaxTransferSize: 63, NeverSignalsEom: true)),
    ];

    /// <summary>The quirks of a device, or <see cref="None"/>.</summary>
    public static UsbtmcQuirks For(int vendorId, int productId) =>
        Table.FirstOrDefault(e => e.VendorId == vendorId && (e.ProductId is null || e.ProductId == productId)).Quirks ?? None;
}
