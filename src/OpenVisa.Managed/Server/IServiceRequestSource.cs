namespace OpenVisa.Managed.Server;

/// <summary>
/// An instrument that can request service. A served device that implements it has its service requests forwarded to
/// every client connected to it (HiSLIP AsyncServiceRequest; VXI-11 could forward device_intr_srq the same way).
/// </summary>
public interface IServiceRequestSource
{
    /// <summary>Raised when the instrument requests service; the argument is its status byte (RQS, bit 6, set).</summary>
    event EventHandler<byte>? ServiceRequested;
}
