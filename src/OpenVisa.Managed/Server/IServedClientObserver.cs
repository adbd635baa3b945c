namespace OpenVisa.Managed.Server;

/// <summary>
/// Told by the protocol servers when a client attaches to a served device and when it goes away (a SOCKET connection
/// opens and closes, a VXI-11 link is created and destroyed, a HiSLIP session initializes and closes). Set it in the
/// servers' options to know who uses which instrument; it is called on the servers' threads and must return quickly.
/// </summary>
public interface IServedClientObserver
{
    /// <summary>A client attached.</summary>
    void Attached(ServedClient client);

    /// <summary>A client that <see cref="Attached"/> reported went away; called once per attached client.</summary>
    void Detached(ServedClient client);
}
