using System.Collections.Frozen;

namespace OpenVisa;

/// <summary>
/// Names of enumerated and special attribute values (the VISA constants <c>VI_ASRL_PAR_EVEN</c>, <c>VI_TMO_INFINITE</c> …),
/// in the short lower-case spelling users type: <c>even</c>, <c>infinite</c>.
/// </summary>
/// <remarks>Every field is initialised here, in textual order, from literals or other classes only.</remarks>
internal static class AttributeValueNames
{
    /// <summary><c>VI_EVENT_VXI_VME_SYSRESET</c>, which <see cref="EventType"/> does not list.</summary>
    public const EventType VxiVmeSystemReset = (EventType)0x3FFF201E;

    /// <summary><c>VI_EVENT_VXI_VME_INTR</c>, which <see cref="EventType"/> does not list.</summary>
    public const EventType VxiVmeInterrupt = (EventType)unchecked((int)0xBFFF2021);

    /// <summary><c>VI_EVENT_PXI_INTR</c>, which <see cref="EventType"/> does not list.</summary>
    public const EventType PxiInterrupt = (EventType)0x3FFF2022;

    public static readonly FrozenDictionary<long, string> LockState = Names((0, "no_lock"), (1, "exclusive_lock"), (2, "shared_lock"));

    public static readonly FrozenDictionary<long, string> Timeout = Names((0, "immediate"), (0xFFFFFFFF, "infinite"));

    public static readonly FrozenDictionary<long, string> IoProtocol =
        Names((1, "normal"), (2, "fdc"), (3, "hs488"), (4, "protocol4882_strs"), (5, "usbtmc_vendor"));

    public static readonly FrozenDictionary<long, string> ReadBufferMode = Names((1, "flush_on_access"), (3, "flush_disable"));

    public static readonly FrozenDictionary<long, string> WriteBufferMode = Names((1, "flush_on_access"), (2, "flush_when_full"));

    public static readonly FrozenDictionary<long, string> TriggerId = CreateTriggerIds();

    // VI_INTF_*; Prologix TCPIP (76543) does not fit VI_ATTR_INTF_TYPE's ViUInt16 and is left out.
    public static readonly FrozenDictionary<long, string> InterfaceType = Names(
        (1, "gpib"), (2, "vxi"), (3, "gpib_vxi"), (4, "asrl"), (5, "pxi"), (6, "tcpip"), (7, "usb"),
        (33024, "rsnrp"), (34567, "prlgx_asrl"), (36000, "vicp"));

    public static readonly FrozenDictionary<long, string> LineState = Names((-1, "unknown"), (0, "unasserted"), (1, "asserted"));

    public static readonly FrozenDictionary<long, string> GpibAddressState = Names((0, "unaddressed"), (1, "talker"), (2, "listener"));

    public static readonly FrozenDictionary<long, string> Hs488CableLength = Names((0, "disabled"), (-1, "not_implemented"));

    public static readonly FrozenDictionary<long, string> SecondaryAddress = Names((0xFFFF, "none"));

    public static readonly FrozenDictionary<long, string> Parity = Names((0, "none"), (1, "odd"), (2, "even"), (3, "mark"), (4, "space"));

    public static readonly FrozenDictionary<long, string> StopBits = Names((10, "one"), (15, "one_and_a_half"), (20, "two"));

    public static readonly FrozenDictionary<long, string> FlowControl = Names((0, "none"), (1, "xon_xoff"), (2, "rts_cts"), (4, "dtr_dsr"));

    public static readonly FrozenDictionary<long, string> SerialEndIn = Names((0, "none"), (1, "last_bit"), (2, "termchar"));

    public static readonly FrozenDictionary<long, string> SerialEndOut = Names((0, "none"), (1, "last_bit"), (2, "termchar"), (3, "break"));

    public static readonly FrozenDictionary<long, string> WireMode = Names(
        (-1, "unknown"), (0, "rs485_4"), (1, "rs485_2_dtr_echo"), (2, "rs485_2_dtr_ctrl"), (3, "rs485_2_auto"),
        (128, "rs232_dte"), (129, "rs232_dce"), (130, "rs232_auto"));

    public static readonly FrozenDictionary<long, string> UsbPipe = Names((-1, "none"));

    public static readonly FrozenDictionary<long, string> UsbEndIn = Names((0, "none"), (4, "short"), (5, "short_or_count"));

    public static readonly FrozenDictionary<long, string> UsbPipeStatus = Names((-1, "unknown"), (0, "ready"), (1, "stalled"));

    public static readonly FrozenDictionary<long, string> Unknown = Names((-1, "unknown"));

    public static readonly FrozenDictionary<long, string> WindowAccess = Names((1, "not_mapped"), (2, "use_operations"), (3, "dereference_address"));

    public static readonly FrozenDictionary<long, string> FdcMode = Names((1, "normal"), (2, "stream"));

    public static readonly FrozenDictionary<long, string> AddressSpace = Names((1, "a16"), (2, "a24"), (3, "a32"), (4, "a64"));

    public static readonly FrozenDictionary<long, string> ByteOrder = Names((0, "big_endian"), (1, "little_endian"));

    public static readonly FrozenDictionary<long, string> AccessPrivilege = Names(
        (0, "data_private"), (1, "data_non_private"), (2, "program_private"), (3, "program_non_private"),
        (4, "block_private"), (5, "block_non_private"), (6, "d64_private"), (7, "d64_non_private"),
        (8, "d64_2evme"), (9, "d64_sst160"), (10, "d64_sst267"), (11, "d64_sst320"));

    public static readonly FrozenDictionary<long, string> VxiDeviceClass =
        Names((0, "memory"), (1, "extended"), (2, "message"), (3, "register"), (4, "other"));

    public static readonly FrozenDictionary<long, string> PxiMemoryType = Names((0, "none"), (1, "memory"), (2, "io"), (3, "config"));

    public static readonly FrozenDictionary<long, string> PxiLinkWidth = Names((-1, "not_express"));

    public static readonly FrozenDictionary<long, string> PxiLocalBus = CreatePxiLocalBus();

    public static readonly FrozenDictionary<long, string> EventTypeShort = Names(
        (Id(EventType.IOCompletion), "io_completion"), (Id(EventType.Trigger), "trigger"),
        (Id(EventType.ServiceRequest), "service_request"), (Id(EventType.Clear), "clear"),
        (Id(EventType.Exception), "exception"), (Id(EventType.GpibControllerInCharge), "gpib_cic"),
        (Id(EventType.GpibTalk), "gpib_talk"), (Id(EventType.GpibListen), "gpib_listen"),
        (Id(EventType.VxiVmeSysfail), "vxi_vme_sysfail"), (Id(VxiVmeSystemReset), "vxi_vme_sysreset"),
        (Id(EventType.VxiSignalInterrupt), "vxi_sigp"), (Id(VxiVmeInterrupt), "vxi_vme_interrupt"),
        (Id(PxiInterrupt), "pxi_interrupt"), (Id(EventType.TcpipConnect), "tcpip_connect"),
        (Id(EventType.UsbInterrupt), "usb_interrupt"));

    // VI_ATTR_STATUS holds a ViStatus: its names are the status abbreviations (VI_ERROR_TMO …).
    public static readonly FrozenDictionary<long, string> Status =
        StatusCodes.All.ToFrozenDictionary(s => (long)(int)s.Code, s => s.Abbreviation);

    /// <summary>The VISA name of an event type, e.g. <c>VI_EVENT_SERVICE_REQ</c>.</summary>
    public static string EventName(EventType type) => unchecked((uint)type) switch
    {
        0x3FFF2009 => "VI_EVENT_IO_COMPLETION",
        0xBFFF200A => "VI_EVENT_TRIG",
        0x3FFF200B => "VI_EVENT_SERVICE_REQ",
        0x3FFF200D => "VI_EVENT_CLEAR",
        0xBFFF200E => "VI_EVENT_EXCEPTION",
        0x3FFF2012 => "VI_EVENT_GPIB_CIC",
        0x3FFF2013 => "VI_EVENT_GPIB_TALK",
        0x3FFF2014 => "VI_EVENT_GPIB_LISTEN",
        0x3FFF201D => "VI_EVENT_VXI_VME_SYSFAIL",
        0x3FFF201E => "VI_EVENT_VXI_VME_SYSRESET",
        0x3FFF2020 => "VI_EVENT_VXI_SIGP",
        0xBFFF2021 => "VI_EVENT_VXI_VME_INTR",
        0x3FFF2022 => "VI_EVENT_PXI_INTR",
        0x3FFF2036 => "VI_EVENT_TCPIP_CONNECT",
        0x3FFF2037 => "VI_EVENT_USB_INTR",
        0x3FFF7FFF => "VI_ALL_ENABLED_EVENTS",
        var other => $"0x{other:X8}",
    };

    // Event types as the unsigned ViEventType values VI_ATTR_EVENT_TYPE holds.
    private static long Id(EventType type) => unchecked((uint)type);

    private static FrozenDictionary<long, string> Names(params (long Value, string Name)[] pairs) =>
        pairs.ToFrozenDictionary(p => p.Value, p => p.Name);

    // VI_TRIG_*: software, TTL0–7 (0–7), ECL0–5 (8–13), star slots 1–12 (14–25), star instr, panel in/out,
    // star VXI0–2 (29–31), TTL8–11 (32–35).
    private static FrozenDictionary<long, string> CreateTriggerIds()
    {
        var names = new Dictionary<long, string> { [-1] = "software" };
        for (var i = 0; i <= 7; i++)
            names[i] = $"ttl{i}";
        for (var i = 0; i <= 5; i++)
            names[8 + i] = $"ecl{i}";
        for (var i = 1; i <= 12; i++)
            names[13 + i] = $"star_slot{i}";
        names[26] = "star_instr";
        names[27] = "panel_in";
        names[28] = "panel_out";
        for (var i = 0; i <= 2; i++)
            names[29 + i] = $"star_vxi{i}";
        for (var i = 8; i <= 11; i++)
            names[24 + i] = $"ttl{i}";
        return names.ToFrozenDictionary();
    }

    // VI_PXI_LBUS_*: what a PXI slot's local bus lines connect to when it is not a slot number.
    private static FrozenDictionary<long, string> CreatePxiLocalBus()
    {
        var names = new Dictionary<long, string> { [-1] = "unknown", [0] = "none", [1413] = "star_trigger_controller", [2000] = "scxi" };
        for (var i = 0; i <= 9; i++)
            names[1000 + i] = $"star_trigger_bus_{i}";
        return names.ToFrozenDictionary();
    }
}
