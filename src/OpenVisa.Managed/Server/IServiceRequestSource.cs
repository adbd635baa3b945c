namespace OpenVisa.Managed.Server;

/// <summary>
/// A device that can request service on its own (IEEE 488.2 SRQ). An <see cref="IMessageDevice"/> that also implements
/// this has its requests forwarded by the protocols that carry them: the VXI-11 interrupt channel, HiSLIP's
/// AsyncServiceRequest.
/// </summary>
public interface IServiceRequestSource
{
    /// <summary>Raised each time the device requests service; handlers must return quickly.</summary>
    event EventHandler? ServiceRequested;
}
