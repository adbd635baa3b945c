namespace OpenVisa.Instruments;

/// <summary>
/// Getting or setting a parameter failed. The message names the parameter and what was being done; the inner
/// exception is the cause (a <see cref="VisaException"/>, an <see cref="InstrumentErrorException"/>, a reply that does not parse …).
/// </summary>
public sealed class ParameterException(string message, Exception? innerException = null) : Exception(message, innerException)
{
}
