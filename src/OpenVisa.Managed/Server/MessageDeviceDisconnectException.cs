namespace OpenVisa.Managed.Server;

/// <summary>
/// Thrown by an <see cref="IMessageDevice"/> to make the server drop the client's connection. What the device already
/// wrote to the reply is sent first, without termination, so a device can simulate dying in the middle of a reply.
/// </summary>
public sealed class MessageDeviceDisconnectException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MessageDeviceDisconnectException()
        : base("The device dropped the connection.")
    {
    }

    /// <summary>Creates the exception with a reason for the server's log.</summary>
    public MessageDeviceDisconnectException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and a cause.</summary>
    public MessageDeviceDisconnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
