using System.Text.Json;

namespace OpenVisa;

/// <summary>One line of a session file: an operation with its arguments and outcome, as recorded.</summary>
public sealed class SessionOperation
{
    internal SessionOperation(int index, JsonElement fields)
    {
        Index = index;
        Fields = fields;
        Op = fields.TryGetProperty(SessionFields.Op, out var op) && op.ValueKind == JsonValueKind.String ? op.GetString()! : "";
        Time = Seconds(SessionFields.Time, double.MaxValue);
        Duration = Seconds(SessionFields.Duration, MaxDurationSeconds);
        Session = Integer(SessionFields.Session);
        ResourceManager = Integer(SessionFields.ResourceManager);
        Resource = String(SessionFields.Resource);
        Data = SessionPayload.Read(fields);
        if (fields.TryGetProperty(SessionFields.Error, out var error) && error.ValueKind == JsonValueKind.Object)
            Error = SessionError.From(error);
        if (String(SessionFields.Status) is { } status && StatusCodes.TryParse(status, out var code))
            Status = code;
    }

    /// <summary>
    /// The longest duration a session file may give an operation: 1,000,000 s (11.6 days), below the longest pause a
    /// replay with recorded timing can wait (.NET's 24.8 days).
    /// </summary>
    public const double MaxDurationSeconds = 1_000_000;

    // A time or duration the replay would wait on: a finite number of seconds, so a file with "dur": 1e9 says which
    // line is wrong instead of failing in the middle of a replay with .NET's "timeout must be ≤ 2147483647".
    private double Seconds(string name, double max)
    {
        var value = Number(name) ?? 0;
        if (!double.IsFinite(value) || value < 0 || value > max)
            throw new FormatException($"\"{name}\" is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be a number of seconds from 0 to {max.ToString("G", System.Globalization.CultureInfo.InvariantCulture)}");
        return value;
    }

    /// <summary>Where the operation is in <see cref="SessionLog.Operations"/>.</summary>
    internal int Position { get; set; } = -1;

    /// <summary>The operation's number in the file (the <c>i</c> field), counting from 0.</summary>
    public int Index { get; }

    /// <summary>What was done: one of <see cref="SessionOps"/>.</summary>
    public string Op { get; }

    /// <summary>When it started, in seconds from the start of the recording.</summary>
    public double Time { get; }

    /// <summary>How long it took, in seconds.</summary>
    public double Duration { get; }

    /// <summary>The resource session it was on (for <see cref="SessionOps.Open"/>, the session it opened); null for manager-level operations.</summary>
    public int? Session { get; }

    /// <summary>The resource-manager session, for manager-level operations and opens.</summary>
    public int? ResourceManager { get; }

    /// <summary>The resource name, as the program gave it when opening.</summary>
    public string? Resource { get; }

    /// <summary>The bytes written or read (exact), if the operation carried any.</summary>
    public byte[]? Data { get; }

    /// <summary>The success status (reads: why the read stopped; set-attribute and unlock: the returned code).</summary>
    public StatusCode? Status { get; }

    /// <summary>The error the operation failed with, if it failed.</summary>
    public SessionError? Error { get; }

    /// <summary>Every field of the line, for operations and fields this class has no property for.</summary>
    public JsonElement Fields { get; }

    /// <summary>True for a read that returned data (not one that failed).</summary>
    public bool IsSuccessfulRead => Op == SessionOps.Read && Error is null;

    /// <summary>A string field, or null.</summary>
    public string? String(string name) =>
        Fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An integer field, or null.</summary>
    public int? Integer(string name) =>
        Fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    /// <summary>A numeric field, or null.</summary>
    public double? Number(string name) =>
        Fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <inheritdoc/>
    public override string ToString() => SessionText.Describe(this);
}

/// <summary>How a recorded operation failed.</summary>
/// <param name="Status">The VISA status, when it was a <see cref="VisaException"/>.</param>
/// <param name="Detail">The explanation the backend gave.</param>
/// <param name="Operation">The operation the exception named.</param>
/// <param name="ResourceName">The resource the exception named.</param>
/// <param name="ExceptionType">The exception's type name when it was not a <see cref="VisaException"/>.</param>
public sealed record SessionError(StatusCode? Status, string? Detail, string? Operation, string? ResourceName, string? ExceptionType)
{
    internal static SessionError From(JsonElement error)
    {
        StatusCode? status = null;
        if (Get(error, SessionFields.Status) is { } name)
        {
            if (!StatusCodes.TryParse(name, out var code))
                throw new FormatException($"the error status '{name}' is not a VISA status name such as VI_ERROR_TMO");
            status = code;
        }
        return new SessionError(status, Get(error, SessionFields.Detail), Get(error, SessionFields.Operation), Get(error, SessionFields.Resource), Get(error, SessionFields.Exception));
    }

    /// <summary>The exception to throw again: the same <see cref="VisaException"/>, or an <see cref="OperationCanceledException"/>.</summary>
    public Exception ToException()
    {
        if (Status is { } status)
            return new VisaException(status, Detail, Operation, ResourceName);
        if (ExceptionType is not null && ExceptionType.EndsWith("CanceledException", StringComparison.Ordinal))
            return new OperationCanceledException(Detail);
        return new InvalidOperationException($"{ExceptionType ?? "An exception"} was recorded here: {Detail}");
    }

    /// <summary>A short form for tables: the status name, or the exception type.</summary>
    public string Short => Status is { } s ? s.Abbreviation() : ExceptionType?.Split('.')[^1] ?? "error";

    private static string? Get(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
