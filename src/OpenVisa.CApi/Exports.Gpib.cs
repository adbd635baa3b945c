using System.Runtime.InteropServices;

namespace OpenVisa.CApi;

internal static unsafe partial class Exports
{
    /// <summary><c>VI_NO_SEC_ADDR</c>: no secondary address.</summary>
    private const ushort NoSecondaryAddress = 0xFFFF;

    [UnmanagedCallersOnly(EntryPoint = "viGpibControlREN")]
    public static int ViGpibControlREN(uint vi, ushort mode) =>
        OnSession(vi, "viGpibControlREN", s => s.Library.GpibControlRen(s.BackendSession, (RenMode)mode));

    [UnmanagedCallersOnly(EntryPoint = "viGpibControlATN")]
    public static int ViGpibControlATN(uint vi, ushort mode) =>
        OnSession(vi, "viGpibControlATN", s => s.Library.GpibControlAtn(s.BackendSession, (AtnMode)mode));

    [UnmanagedCallersOnly(EntryPoint = "viGpibSendIFC")]
    public static int ViGpibSendIFC(uint vi) =>
        OnSession(vi, "viGpibSendIFC", s => s.Library.GpibSendIfc(s.BackendSession));

    [UnmanagedCallersOnly(EntryPoint = "viGpibPassControl")]
    public static int ViGpibPassControl(uint vi, ushort primary, ushort secondary) =>
        OnSession(vi, "viGpibPassControl", s => s.Library.GpibPassControl(s.BackendSession, primary, secondary == NoSecondaryAddress ? null : secondary));

    [UnmanagedCallersOnly(EntryPoint = "viGpibCommand")]
    public static int ViGpibCommand(uint vi, byte* buffer, uint count, uint* returned)
    {
        SessionObject? session = null;
        try
        {
            if (returned is not null)
                *returned = 0;
            session = HandleTable.Get<SessionObject>(vi, "viGpibCommand");
            if (buffer is null && count > 0)
                throw CStatus.NullPointer("cmd", "viGpibCommand");
            var sent = session.Library.GpibCommand(session.BackendSession, new ReadOnlySpan<byte>(buffer, (int)Math.Min(count, int.MaxValue)));
            if (returned is not null)
                *returned = (uint)sent;
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viUsbControlOut")]
    public static int ViUsbControlOut(uint vi, short requestType, short request, ushort value, ushort index, ushort length, byte* buffer)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, "viUsbControlOut");
            if (buffer is null && length > 0)
                throw CStatus.NullPointer("buf", "viUsbControlOut");
            session.Library.UsbControlOut(session.BackendSession, (byte)requestType, (byte)request, value, index, new ReadOnlySpan<byte>(buffer, length));
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "viUsbControlIn")]
    public static int ViUsbControlIn(uint vi, short requestType, short request, ushort value, ushort index, ushort length, byte* buffer, ushort* returned)
    {
        SessionObject? session = null;
        try
        {
            if (returned is not null)
                *returned = 0;
            session = HandleTable.Get<SessionObject>(vi, "viUsbControlIn");
            if (buffer is null && length > 0)
                throw CStatus.NullPointer("buf", "viUsbControlIn");
            var got = session.Library.UsbControlIn(session.BackendSession, (byte)requestType, (byte)request, value, index, new Span<byte>(buffer, length));
            if (returned is not null)
                *returned = (ushort)got;
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }

    private static int OnSession(uint vi, string operation, Action<SessionObject> action)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, operation);
            action(session);
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }
}
