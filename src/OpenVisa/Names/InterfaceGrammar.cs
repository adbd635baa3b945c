namespace OpenVisa;

/// <summary>What the text right after an interface type's prefix (the board) may be.</summary>
internal enum BoardKind
{
    /// <summary>A non-negative number; omitted means 0 (GPIB, TCPIP, USB, VXI …).</summary>
    Number,

    /// <summary>A number that is usually omitted and then stays absent (VICP, RSNRP).</summary>
    OptionalNumber,

    /// <summary>A number or a serial device path such as <c>/dev/ttyUSB0</c> or <c>COM3</c>; omitted means 0 (ASRL).</summary>
    SerialPort,
}

/// <summary>One resource class of an interface type: its syntax text and how its parts are read.</summary>
/// <param name="Name">The class, upper case (<c>INSTR</c>, <c>SOCKET</c> …).</param>
/// <param name="Syntax">The syntax as the VISA specification writes it, for messages and <see cref="ResourceName.SyntaxOf"/>.</param>
/// <param name="Layout">How the parts between the board and the class are read.</param>
internal sealed record ClassGrammar(string Name, string Syntax, FieldLayout Layout);

/// <summary>One interface type: its prefix, board rule, default class and classes.</summary>
/// <param name="Prefix">The prefix as the canonical name writes it, e.g. <c>PRLGX-TCPIP</c>.</param>
/// <param name="Type">The <see cref="InterfaceType"/> value.</param>
/// <param name="Board">What the board may be.</param>
/// <param name="DefaultClass">The class assumed when the name ends without one; null when the class must be written.</param>
/// <param name="Classes">The classes this interface has.</param>
internal sealed record InterfaceGrammar(string Prefix, InterfaceType Type, BoardKind Board, string? DefaultClass, IReadOnlyList<ClassGrammar> Classes)
{
    /// <summary>The class named <paramref name="name"/> (any case), or null.</summary>
    public ClassGrammar? FindClass(string name) =>
        Classes.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every syntax of this interface, for messages written before the class is known.</summary>
    public string AllSyntaxes => string.Join(" or ", Classes.Select(c => c.Syntax));

    /// <summary>The class names, comma separated, for messages.</summary>
    public string ClassList => string.Join(", ", Classes.Select(c => c.Name));
}
