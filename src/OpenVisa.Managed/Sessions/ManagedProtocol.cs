using OpenVisa.Managed.Gpib;
using OpenVisa.Managed.Gpib.Prologix;
using OpenVisa.Managed.Serial;
using OpenVisa.Managed.Tcpip.Hislip;
using OpenVisa.Managed.Tcpip.Socket;
using OpenVisa.Managed.Tcpip.Vxi11;
using OpenVisa.Managed.Usb;

namespace OpenVisa.Managed.Sessions;

/// <summary>One kind of resource the backend knows about, and how to open it (null while it is not implemented).</summary>
/// <param name="InterfaceType">The interface.</param>
/// <param name="ResourceClass">The resource class, upper case.</param>
/// <param name="Description">What users call it, e.g. <c>TCPIP SOCKET (raw TCP)</c>.</param>
/// <param name="Open">Opens a session; null when the backend cannot open this kind yet.</param>
internal sealed record ManagedProtocol(InterfaceType InterfaceType, string ResourceClass, string Description, Func<SessionOpening, ManagedSession>? Open)
{
    /// <summary>Whether sessions of this kind can be opened.</summary>
    public bool IsAvailable => Open is not null;
}

/// <summary>
/// The resource kinds of <c>@managed</c>: the one table that both <c>Open</c> and <c>GetDebugInfo</c> read, so what
/// <c>ovisa info</c> says is what opening does. A new transport adds its opener here.
/// </summary>
internal static class ManagedProtocols
{
    public static readonly IReadOnlyList<ManagedProtocol> All =
    [
        new(InterfaceType.Tcpip, "SOCKET", "TCPIP SOCKET (raw TCP)", TcpipSocketSession.Open),
        new(InterfaceType.Tcpip, "INSTR", "TCPIP INSTR (VXI-11 and HiSLIP)", OpenTcpipInstr),
        new(InterfaceType.Asrl, "INSTR", "ASRL INSTR (serial ports)", SerialSession.Open),
        new(InterfaceType.Usb, "INSTR", "USB INSTR (USBTMC / USB488 over libusb)", UsbOpener.OpenInstr),
        new(InterfaceType.Usb, "RAW", "USB RAW (libusb)", UsbOpener.OpenRaw),
        new(InterfaceType.Gpib, "INSTR", "GPIB INSTR (Prologix adapters, linux-gpib)", GpibOpener.OpenInstr),
        new(InterfaceType.Gpib, "INTFC", "GPIB INTFC", null),
        new(InterfaceType.PrologixTcpip, "INTFC", "PRLGX-TCPIP INTFC (Prologix GPIB-ETHERNET)", PrologixInterfaceSession.Open),
        new(InterfaceType.PrologixAsrl, "INTFC", "PRLGX-ASRL INTFC (Prologix GPIB-USB)", PrologixInterfaceSession.Open),
    ];

    /// <summary>Opens the session the name asks for, or says why this backend cannot.</summary>
    public static ManagedSession Open(SessionOpening opening)
    {
        var name = opening.Name;
        if (name.IsRemote)
        {
            throw new VisaException(StatusCode.ErrorNonsupportedOperation,
                $"The @managed backend talks to instruments directly; it cannot open the remote name {name.Canonical} (visa://…), which needs the remote VISA server's protocol.",
                "Open", opening.ResourceName);
        }
        var protocol = All.FirstOrDefault(p => p.InterfaceType == name.InterfaceType && p.ResourceClass.Equals(name.ResourceClass, StringComparison.OrdinalIgnoreCase));
        if (protocol?.Open is { } open)
            return open(opening);
        var what = protocol?.Description ?? Describe(opening);
        var available = string.Join(", ", All.Where(p => p.IsAvailable).Select(p => p.Description));
        throw new VisaException(StatusCode.ErrorNonsupportedOperation,
            $"The @managed backend cannot open {what} resources yet; it supports {available}. Another backend may: @ivi uses an installed VISA library, @sim simulates instruments.",
            "Open", opening.ResourceName);
    }

    /// <summary>A TCPIP INSTR name speaks HiSLIP when its device name starts with <c>hislip</c>, VXI-11 otherwise.</summary>
    private static ManagedSession OpenTcpipInstr(SessionOpening opening) =>
        opening.Name.IsHislip ? TcpipHislipSession.Open(opening) : Vxi11Session.Open(opening);

    private static string Describe(SessionOpening opening) => $"{opening.Name.InterfaceTypeName} {opening.Name.ResourceClass}";
}
