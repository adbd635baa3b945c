namespace OpenVisa.Managed.Server;

/// <summary>
/// An instrument with a front panel that remote/local requests act on (GPIB REN, GTL and LLO over HiSLIP's
/// AsyncRemoteLocalControl). A served device that does not implement it still gets the requests acknowledged.
/// </summary>
public interface IRemoteLocalDevice
{
    /// <summary>Applies a remote/local request; the values are those of <c>viGpibControlREN</c>.</summary>
    ValueTask SetRemoteLocalAsync(RenMode mode, CancellationToken cancellationToken);
}
