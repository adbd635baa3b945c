using System.Runtime.CompilerServices;

namespace OpenVisa.Managed.Server;

/// <summary>
/// The one lock per device that every server takes around a call into it, so a device served over SOCKET and HiSLIP at
/// once still sees one call at a time and replies in order.
/// </summary>
public static class MessageDeviceLock
{
    private static readonly ConditionalWeakTable<IMessageDevice, SemaphoreSlim> Locks = [];

    /// <summary>
    /// The lock of <paramref name="device"/>; the same instance for the device's lifetime, and the same for a
    /// <see cref="IMessageDeviceDecorator"/> as for the device it wraps.
    /// </summary>
    public static SemaphoreSlim For(IMessageDevice device)
    {
        while (device is IMessageDeviceDecorator decorator)
            device = decorator.Inner;
        return Locks.GetValue(device, static _ => new SemaphoreSlim(1, 1));
    }
}
