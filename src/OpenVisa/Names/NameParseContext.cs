using System.Diagnostics.CodeAnalysis;

namespace OpenVisa;

/// <summary>
/// What a parse failure needs to explain itself: the name as the user wrote it and the syntax that was
/// expected at the point of failure (which narrows as the parser learns the interface and class).
/// </summary>
internal sealed class NameParseContext(string name)
{
    /// <summary>The whole name as given (the outer one for <c>visa://</c> names).</summary>
    public string Name { get; } = name;

    /// <summary>The expected syntax shown with an error; null until the interface type is known.</summary>
    public string? Syntax { get; set; }

    /// <summary>Throws <see cref="StatusCode.ErrorInvalidResourceName"/> explaining <paramref name="reason"/>.</summary>
    [DoesNotReturn]
    public void Fail(string reason) => throw Error(reason);

    /// <summary>The exception for <paramref name="reason"/>, with the quoted name and the expected syntax.</summary>
    public VisaException Error(string reason)
    {
        var expected = Syntax ?? "INTERFACE[board]::…::CLASS, e.g. TCPIP0::192.168.1.10::inst0::INSTR";
        var detail = $"Cannot parse '{Name}': {reason}. The syntax is {expected}.";
        return new VisaException(StatusCode.ErrorInvalidResourceName, detail, "Parse", Name);
    }
}
