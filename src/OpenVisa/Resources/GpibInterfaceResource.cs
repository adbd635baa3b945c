namespace OpenVisa;

/// <summary>A GPIB interface board (<c>GPIB::INTFC</c>): bus-level commands.</summary>
public class GpibInterfaceResource : MessageBasedResource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal GpibInterfaceResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }

    /// <summary>Sends command bytes with ATN asserted; returns the count sent.</summary>
    public int SendCommand(ReadOnlySpan<byte> data)
    {
        var copy = data.ToArray();
        return Run(nameof(SendCommand), () => Library.GpibCommand(Session, copy));
    }

    /// <summary>Controls the ATN line.</summary>
    public void ControlAtn(AtnMode mode) => Run(nameof(ControlAtn), () => Library.GpibControlAtn(Session, mode));

    /// <summary>Controls the REN line.</summary>
    public void ControlRen(RenMode mode) => Run(nameof(ControlRen), () => Library.GpibControlRen(Session, mode));

    /// <summary>Passes controller-in-charge to another device.</summary>
    public void PassControl(int primaryAddress, int? secondaryAddress = null) =>
        Run(nameof(PassControl), () => Library.GpibPassControl(Session, primaryAddress, secondaryAddress));

    /// <summary>Pulses interface clear.</summary>
    public void SendIfc() => Run(nameof(SendIfc), () => Library.GpibSendIfc(Session));

    /// <summary>Sends Group Execute Trigger to the listed primary addresses.</summary>
    public void GroupExecuteTrigger(params int[] primaryAddresses)
    {
        // UNL, then listen address (0x20 + address) for each device, then GET (0x08).
        var command = new byte[primaryAddresses.Length + 2];
        command[0] = 0x3F;
        for (var i = 0; i < primaryAddresses.Length; i++)
            command[i + 1] = (byte)(0x20 + primaryAddresses[i]);
        command[^1] = 0x08;
        SendCommand(command);
    }
}
