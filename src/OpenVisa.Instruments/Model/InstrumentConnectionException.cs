namespace OpenVisa.Instruments;

/// <summary>An instrument lost its connection and its reconnect policy could not (or was told not to) restore the command.</summary>
public sealed class InstrumentConnectionException(StatusCode status, string detail, string? resourceName, Exception? innerException)
    : VisaException(status, detail, "Reconnect", resourceName, innerException)
{
}
