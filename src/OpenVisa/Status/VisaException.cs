namespace OpenVisa;

/// <summary>
/// A VISA operation failed. Carries the <see cref="StatusCode"/>, the operation and the resource,
/// and a message that says what went wrong in the user's terms.
/// </summary>
public class VisaException : Exception
{
    /// <summary>Creates the exception; <paramref name="detail"/> says what happened and what to try.</summary>
    public VisaException(StatusCode status, string? detail = null, string? operation = null, string? resourceName = null, Exception? innerException = null)
        : base(FormatMessage(status, detail, operation, resourceName), innerException)
    {
        Status = status;
        Detail = detail;
        Operation = operation;
        ResourceName = resourceName;
    }

    /// <summary>The VISA status of the failure.</summary>
    public StatusCode Status { get; }

    /// <summary>The explanation beyond the status description, if any.</summary>
    public string? Detail { get; }

    /// <summary>The operation that failed, e.g. <c>Read</c> or <c>Open</c>.</summary>
    public string? Operation { get; }

    /// <summary>The resource the operation was on, if any.</summary>
    public string? ResourceName { get; }

    /// <summary>The status code's VISA abbreviation, e.g. <c>VI_ERROR_TMO</c>.</summary>
    public string Abbreviation => Status.Abbreviation();

    /// <summary>Returns a copy of this exception that names <paramref name="operation"/> and <paramref name="resourceName"/> where it named none.</summary>
    public VisaException WithContext(string? operation, string? resourceName) =>
        (Operation is not null || operation is null) && (ResourceName is not null || resourceName is null)
            ? this
            : new VisaException(Status, Detail, Operation ?? operation, ResourceName ?? resourceName, InnerException ?? this);

    /// <summary>
    /// The message: <c>VI_ERROR_TMO (-1073807339): Timeout expired before operation completed.</c>, then
    /// the operation and resource, then the detail.
    /// </summary>
    public static string FormatMessage(StatusCode status, string? detail, string? operation, string? resourceName)
    {
        var info = StatusCodes.Describe(status);
        var text = $"{info.Abbreviation} ({(int)status}): {info.Description}";
        if (operation is not null || resourceName is not null)
        {
            text += (operation, resourceName) switch
            {
                (not null, not null) => $" [{operation} on {resourceName}]",
                (not null, null) => $" [{operation}]",
                _ => $" [{resourceName}]",
            };
        }
        return detail is null ? text : $"{text} {detail}";
    }
}
