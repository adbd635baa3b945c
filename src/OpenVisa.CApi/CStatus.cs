namespace OpenVisa.CApi;

/// <summary>Turns what happened in C# into the <c>ViStatus</c> a C caller gets; no exception ever crosses into C.</summary>
internal static class CStatus
{
    public const int Success = 0;

    /// <summary>The status for <paramref name="exception"/>, remembered on <paramref name="target"/> for <c>viStatusDesc</c>.</summary>
    public static int From(Exception exception, CObject? target = null)
    {
        var visa = exception switch
        {
            VisaException v => v,
            OperationCanceledException => new VisaException(StatusCode.ErrorAbort, "The operation was aborted (viTerminate).", innerException: exception),
            TimeoutException => new VisaException(StatusCode.ErrorTimeout, exception.Message, innerException: exception),
            ArgumentException or FormatException => new VisaException(StatusCode.ErrorInvalidParameter, exception.Message, innerException: exception),
            IOException or UnauthorizedAccessException => new VisaException(StatusCode.ErrorFileAccess, exception.Message, innerException: exception),
            _ => new VisaException(StatusCode.ErrorSystemError, $"libopenvisa failed unexpectedly: {exception.GetType().Name}: {exception.Message}", innerException: exception),
        };
        if (target is not null)
            target.LastError = visa;
        Volatile.Write(ref _lastError, visa);
        return (int)visa.Status;
    }

    private static VisaException? _lastError;

    /// <summary>The last error in the process, for <c>viStatusDesc</c> on a handle that is not open.</summary>
    public static VisaException? LastError => Volatile.Read(ref _lastError);

    /// <summary>An error for a null pointer where the C API needs one.</summary>
    public static VisaException NullPointer(string parameter, string operation) =>
        new(StatusCode.ErrorUserBuffer, $"{parameter} is a null pointer; pass the address of a variable or buffer.", operation);
}
