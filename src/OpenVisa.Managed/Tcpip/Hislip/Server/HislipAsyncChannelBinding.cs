using System.Diagnostics;
using System.Net;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// Who may attach the asynchronous channel of a new session: a connection from the address the synchronous channel came
/// from, within <see cref="HislipServerOptions.AsyncInitializeWindow"/> of the InitializeResponse. Together with
/// unpredictable session ids and "the first attach is the only one", this keeps another client from joining a session
/// it does not own and then holding its locks, reading its status or clearing its device.
/// </summary>
internal sealed class HislipAsyncChannelBinding(IPAddress owner, TimeSpan window, long openedAt)
{
    /// <summary>The synchronous channel's peer address, IPv4-mapped addresses unmapped.</summary>
    public IPAddress Owner { get; } = Normalize(owner);

    /// <summary>Creates the binding for a session whose InitializeResponse goes out now.</summary>
    public static HislipAsyncChannelBinding StartingNow(IPAddress owner, TimeSpan window) => new(owner, window, Stopwatch.GetTimestamp());

    /// <summary>Null when <paramref name="peer"/> may attach at <paramref name="now"/> (a <see cref="Stopwatch"/> timestamp); else why not.</summary>
    public string? Refusal(IPAddress peer, long now)
    {
        // Two loopback addresses are one host: a client may reach "localhost" over IPv4 once and IPv6 the next time.
        var from = Normalize(peer);
        if (!from.Equals(Owner) && !(IPAddress.IsLoopback(from) && IPAddress.IsLoopback(Owner)))
            return $"the asynchronous channel must come from the address of the synchronous one ({Owner}), not {Normalize(peer)}";
        var elapsed = Stopwatch.GetElapsedTime(openedAt, now);
        if (elapsed > window)
        {
            return $"AsyncInitialize came {elapsed.TotalMilliseconds:F0} ms after the InitializeResponse; it must come within " +
                $"{window.TotalMilliseconds:F0} ms (HislipServerOptions.AsyncInitializeWindow)";
        }
        return null;
    }

    /// <summary>The address with an IPv4-mapped IPv6 address unmapped, so one client has one address.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
