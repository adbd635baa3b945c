using System.Globalization;

namespace OpenVisa;

/// <summary>
/// Turns the text of a resource name into a <see cref="ResourceName"/>: remote <c>visa://</c> prefix, <c>COMn</c>
/// aliases, interface type and board, resource class (explicit or default), then the parts between, read by the
/// class's <see cref="FieldLayout"/>. Every failure says which part is wrong and shows the expected syntax.
/// </summary>
internal static class ResourceNameParser
{
    private const string RemoteScheme = "visa://";
    private const string RemoteSyntax = "visa://host[:port]/resource name";

    /// <summary>Parses <paramref name="name"/> or throws <see cref="StatusCode.ErrorInvalidResourceName"/>.</summary>
    public static ResourceName Parse(string? name)
    {
        var context = new NameParseContext(name ?? "");
        var text = (name ?? "").Trim();
        if (text.Length == 0)
        {
            context.Fail("the resource name is empty");
        }
        if (text.StartsWith(RemoteScheme, StringComparison.OrdinalIgnoreCase))
        {
            return ParseRemote(text[RemoteScheme.Length..], context);
        }
        return ParseLocal(text, context);
    }

    private static ResourceName ParseRemote(string rest, NameParseContext context)
    {
        context.Syntax = RemoteSyntax;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            context.Fail(rest.Length == 0 ? "missing the host after 'visa://'" : $"missing the '/' and the resource name after the host '{rest}'");
        }
        var hostText = rest[..slash];
        if (hostText.Length == 0)
        {
            context.Fail("missing the host after 'visa://'");
        }
        if (hostText.Contains(',', StringComparison.Ordinal))
        {
            context.Fail($"the remote host '{hostText}' gives its port after ','; write visa://host:port/…");
        }
        var host = HostParser.Parse(hostText, context, ResourceFieldNames.RemoteHost, ResourceFieldNames.RemotePort, portRefusal: null);
        var innerText = rest[(slash + 1)..];
        if (innerText.Length == 0)
        {
            context.Fail($"missing the resource name after 'visa://{hostText}/'");
        }
        if (innerText.StartsWith(RemoteScheme, StringComparison.OrdinalIgnoreCase))
        {
            context.Fail("a visa:// name cannot contain another visa:// name");
        }
        var inner = ParseLocal(innerText, context);
        return ResourceName.CreateRemote(inner, host.Fields, $"{RemoteScheme}{hostText}/{inner.Canonical}");
    }

    private static ResourceName ParseLocal(string text, NameParseContext context)
    {
        var tokens = ResourceNameTokenizer.Split(text, context);
        if (TryComAlias(tokens, context) is { } alias)
        {
            return alias;
        }

        var grammar = ResourceGrammar.FindByPrefix(tokens[0]) ?? throw UnknownInterface(tokens[0], context);
        context.Syntax = grammar.AllSyntaxes;
        var (board, boardNumber) = ParseBoard(grammar, tokens[0], context);

        var rest = tokens.GetRange(1, tokens.Count - 1);
        var resourceClass = TakeClass(grammar, rest, context);
        context.Syntax = resourceClass.Syntax;

        var parts = new List<FieldValue>();
        resourceClass.Layout.Parse(rest, new LayoutContext(context, $"{grammar.Prefix} {resourceClass.Name}", boardNumber, parts));

        var canonical = string.Join("::",
            parts.Where(p => p.Canonical is not null).Select(p => p.Canonical!)
                 .Prepend(grammar.Prefix + board)
                 .Append(resourceClass.Name));
        var fields = parts.SelectMany(p => p.Fields).ToArray();
        return ResourceName.CreateLocal(grammar.Type, grammar.Prefix, board, boardNumber, resourceClass.Name, canonical, fields, alias: null);
    }

    /// <summary><c>COM3</c> or <c>COM3::INSTR</c> is the alias Windows VISA gives <c>ASRL3::INSTR</c>.</summary>
    private static ResourceName? TryComAlias(List<string> tokens, NameParseContext context)
    {
        var first = tokens[0];
        if (first.Length <= 3 || !first.StartsWith("COM", StringComparison.OrdinalIgnoreCase) || first.AsSpan(3).ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }
        context.Syntax = "COMn[::INSTR] (an alias of ASRLn::INSTR)";
        if (tokens.Count > 2 || (tokens.Count == 2 && !string.Equals(tokens[1], "INSTR", StringComparison.OrdinalIgnoreCase)))
        {
            context.Fail($"the alias '{first}' names a serial port; only ::INSTR may follow it");
        }
        if (!FieldParsers.TryParseDecimal(first[3..], out var number) || number == 0)
        {
            context.Fail($"'{first}' is not a serial port; COM ports are numbered from 1");
        }
        var board = number.ToString(CultureInfo.InvariantCulture);
        return ResourceName.CreateLocal(InterfaceType.Asrl, "ASRL", board, number, "INSTR", $"ASRL{board}::INSTR", [], alias: "COM" + board);
    }

    private static (string Board, int? Number) ParseBoard(InterfaceGrammar grammar, string first, NameParseContext context)
    {
        var text = first[grammar.Prefix.Length..];
        if (text.Length == 0)
        {
            return grammar.Board == BoardKind.OptionalNumber ? ("", null) : ("0", 0);
        }
        if (FieldParsers.TryParseDecimal(text, out var number))
        {
            return (number.ToString(CultureInfo.InvariantCulture), number);
        }
        if (grammar.Board == BoardKind.SerialPort)
        {
            if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || text[0] == ':')
            {
                context.Fail($"the serial port '{text}' is neither a board number nor a device path{FieldParsers.SeparatorHint(text)}");
            }
            return (text, null);
        }
        if (text.Any(char.IsLetter))
        {
            throw UnknownInterface(first, context);
        }
        throw context.Error($"the board number '{text}' is not a non-negative integer{FieldParsers.SeparatorHint(text)}");
    }

    /// <summary>Removes and returns the class at the end of <paramref name="rest"/>, or the interface's default class.</summary>
    private static ClassGrammar TakeClass(InterfaceGrammar grammar, List<string> rest, NameParseContext context)
    {
        if (rest.Count > 0)
        {
            var last = rest[^1];
            if (grammar.FindClass(last) is { } found)
            {
                rest.RemoveAt(rest.Count - 1);
                return found;
            }
            if (ResourceGrammar.KnownClasses.Contains(last))
            {
                context.Fail($"{grammar.Prefix} has no resource class '{last.ToUpperInvariant()}'; its classes are {grammar.ClassList}");
            }
        }
        if (grammar.DefaultClass is null)
        {
            context.Fail($"missing the resource class; {grammar.Prefix} names end with ::{string.Join(" or ::", grammar.Classes.Select(c => c.Name))}");
        }
        return grammar.FindClass(grammar.DefaultClass!)!;
    }

    private static VisaException UnknownInterface(string first, NameParseContext context)
    {
        var word = first.TrimEnd("0123456789".ToCharArray());
        return context.Error($"unknown interface type '{(word.Length == 0 ? first : word)}'; expected one of {ResourceGrammar.InterfaceList}, a COMn alias, or visa://host/NAME");
    }
}
