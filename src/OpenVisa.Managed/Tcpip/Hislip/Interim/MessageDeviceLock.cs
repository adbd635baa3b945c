// Interim copy of the socket branch's MessageDeviceLock; see IMessageDevice.cs in this folder.
using System.Runtime.CompilerServices;

namespace OpenVisa.Managed.Server;

/// <summary>The one lock per device that every server takes around a call into it (interim copy).</summary>
public static class MessageDeviceLock
{
    private static readonly ConditionalWeakTable<IMessageDevice, SemaphoreSlim> Locks = [];

    /// <summary>The lock of <paramref name="device"/>; the same instance for the device's lifetime.</summary>
    public static SemaphoreSlim For(IMessageDevice device) => Locks.GetValue(device, static _ => new SemaphoreSlim(1, 1));
}
