namespace OpenVisa.Managed.Server;

/// <summary>
/// A device that wraps another (to observe or record its traffic). <see cref="MessageDeviceLock.For"/> gives a
/// decorator the lock of the device it wraps, so callers of either one still take turns.
/// </summary>
public interface IMessageDeviceDecorator : IMessageDevice
{
    /// <summary>The device this one wraps.</summary>
    IMessageDevice Inner { get; }
}
