using System.Diagnostics.CodeAnalysis;

namespace OpenVisa;

/// <summary>Builds the <see cref="StatusCode.ErrorInvalidExpression"/> failures of <see cref="VisaPattern"/>, quoting the pattern.</summary>
internal static class PatternError
{
    /// <summary>The operation named in pattern errors: patterns exist for listing resources.</summary>
    public const string Operation = "ListResources";

    /// <summary>The exception for a bad <paramref name="pattern"/>: what is wrong and where.</summary>
    public static VisaException Create(string pattern, string reason) =>
        new(StatusCode.ErrorInvalidExpression, $"Invalid resource pattern '{pattern}': {reason}.", Operation);

    /// <summary>Throws <see cref="Create"/>.</summary>
    [DoesNotReturn]
    public static void Fail(string pattern, string reason) => throw Create(pattern, reason);
}
