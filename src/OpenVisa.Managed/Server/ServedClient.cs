using System.Net;

namespace OpenVisa.Managed.Server;

/// <summary>
/// One client attached to a served device: a SOCKET connection, a VXI-11 link, a HiSLIP session, an HTTP caller. The
/// protocol servers make one when a client attaches (and tell their <see cref="IServedClientObserver"/>), and name it
/// as <see cref="Current"/> while the device handles that client's message, so a device decorator can tell who sent it.
/// </summary>
public sealed class ServedClient
{
    // Thread-static, not AsyncLocal: setting it costs nothing per message, and a device reads it synchronously when the
    // call starts (the servers set it around the call's synchronous part only).
    [ThreadStatic]
    private static ServedClient? t_current;

    private readonly Func<bool>? _isLocked;

    /// <summary>Describes a client that attached now.</summary>
    /// <param name="transport">The protocol: <c>SOCKET</c>, <c>VXI-11</c>, <c>HiSLIP</c>, <c>HTTP</c>, <c>Serial</c>.</param>
    /// <param name="remoteAddress">Where it connects from, e.g. <c>127.0.0.1:50412</c>, or the serial device.</param>
    /// <param name="device">The device it is attached to, as the server was given it.</param>
    /// <param name="session">The protocol's own name for the attachment (<c>link 3</c>, <c>session 2</c>), or null.</param>
    /// <param name="isLocked">Whether the client holds the instrument's lock now; null for a protocol without locks.</param>
    public ServedClient(string transport, string remoteAddress, IMessageDevice device, string? session = null, Func<bool>? isLocked = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(transport);
        ArgumentNullException.ThrowIfNull(remoteAddress);
        ArgumentNullException.ThrowIfNull(device);
        Transport = transport;
        RemoteAddress = remoteAddress;
        Device = device;
        Session = session;
        _isLocked = isLocked;
        Since = DateTimeOffset.UtcNow;
    }

    /// <summary>The protocol: <c>SOCKET</c>, <c>VXI-11</c>, <c>HiSLIP</c>, <c>HTTP</c>, <c>Serial</c>.</summary>
    public string Transport { get; }

    /// <summary>Where the client connects from (address and port), or the serial device.</summary>
    public string RemoteAddress { get; }

    /// <summary>The device the client is attached to.</summary>
    public IMessageDevice Device { get; }

    /// <summary>The protocol's name for the attachment (<c>link 3</c>, <c>session 2</c>), or null.</summary>
    public string? Session { get; }

    /// <summary>When the client attached.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>True while the client holds the instrument's lock (VXI-11 <c>device_lock</c>, a HiSLIP lock).</summary>
    public bool IsLocked => _isLocked?.Invoke() ?? false;

    /// <summary>The client whose message the device is handling on this thread, or null when no server said.</summary>
    /// <remarks>Valid in the synchronous part of <see cref="IMessageDevice.HandleMessageAsync"/>: read it before any await.</remarks>
    public static ServedClient? Current => t_current;

    /// <summary>Names <paramref name="client"/> as <see cref="Current"/> until the returned scope is disposed.</summary>
    public static CallScope Calling(ServedClient? client)
    {
        var previous = t_current;
        t_current = client;
        return new CallScope(previous);
    }

    /// <summary>The text of an endpoint for <see cref="RemoteAddress"/>: <c>address:port</c>, or <c>?</c> when unknown.</summary>
    public static string Describe(EndPoint? endPoint) => endPoint?.ToString() ?? "?";

    /// <inheritdoc/>
    public override string ToString() => $"{Transport} {RemoteAddress}{(Session is null ? "" : " " + Session)}";

    /// <summary>Restores the previous <see cref="Current"/> when disposed.</summary>
    public readonly struct CallScope : IDisposable
    {
        private readonly ServedClient? _previous;

        internal CallScope(ServedClient? previous) => _previous = previous;

        /// <summary>Restores the client that was current before.</summary>
        public void Dispose() => t_current = _previous;
    }
}
