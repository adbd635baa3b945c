// Interim copy of the socket branch's MessageDeviceDisconnectException; see IMessageDevice.cs in this folder.
namespace OpenVisa.Managed.Server;

/// <summary>Thrown by a device to make the server drop the client's connection (interim copy).</summary>
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
