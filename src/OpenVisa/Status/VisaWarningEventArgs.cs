namespace OpenVisa;

/// <summary>A VISA operation succeeded with a status that is a warning (see <see cref="StatusCodes.IsWarning"/>).</summary>
/// <param name="status">The warning status.</param>
/// <param name="operation">The operation that reported it.</param>
/// <param name="resourceName">The resource, if any.</param>
public sealed class VisaWarningEventArgs(StatusCode status, string operation, string? resourceName) : EventArgs
{
    /// <summary>The warning status.</summary>
    public StatusCode Status { get; } = status;

    /// <summary>The operation that reported it.</summary>
    public string Operation { get; } = operation;

    /// <summary>The resource, if any.</summary>
    public string? ResourceName { get; } = resourceName;
}
