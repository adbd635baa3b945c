using OpenVisa.Sim.PyVisaSim;

namespace OpenVisa.Sim.Expressions;

/// <summary>
/// Parses the simulator's expression language, a small side-effect-free subset of Python: literals, lists, f-strings,
/// arithmetic, comparisons, <c>and/or/not</c>, <c>a if c else b</c>, state paths (<c>state.ch1.volt</c>,
/// <c>state['ch1']</c>), captured groups (<c>g1</c>, <c>$1</c>, <c>$value</c>), the functions of <see cref="ExprBuiltins"/>
/// and a leading <c>lambda</c> as PyTestLab writes. No statement, assignment, import, dunder name or attribute outside
/// state is accepted, so evaluating a profile never runs code.
/// </summary>
internal sealed class ExprParser
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "in", "is", "if", "else", "lambda", "True", "False", "None",
    };

    private static readonly HashSet<string> Forbidden = new(StringComparer.Ordinal)
    {
        "import", "exec", "eval", "compile", "open", "globals", "locals", "vars", "getattr", "setattr", "delattr", "type",
        "object", "def", "class", "for", "while", "with", "try", "del", "global", "yield", "return", "__import__",
    };

    private readonly List<Token> _tokens;
    private readonly string _source;
    private int _position;

    private ExprParser(string source)
    {
        _source = source;
        _tokens = ExprLexer.Tokenize(source);
    }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="ExprException"/> saying what is wrong and where.</summary>
    public static ExprNode Parse(string source)
    {
        try
        {
            var parser = new ExprParser(source);
            var node = parser.ParseTop();
            if (parser.Current.Kind != TokenKind.End)
                throw parser.Error($"unexpected '{parser.Current.Text}'");
            return node;
        }
        catch (ExprException e) when (!e.Message.StartsWith("in expression", StringComparison.Ordinal))
        {
            throw new ExprException($"in expression '{source}': {e.Message}");
        }
    }

    private Token Current => _tokens[_position];

    private ExprException Error(string message) => new($"{message} at position {Current.Position}");

    private bool IsOperator(string text) => Current.Kind == TokenKind.Operator && Current.Text == text;

    private bool IsKeyword(string text) => Current.Kind == TokenKind.Name && Current.Text == text;

    private void Expect(string op)
    {
        if (!IsOperator(op))
            throw Error($"expected '{op}' but found '{(Current.Kind == TokenKind.End ? "end of expression" : Current.Text)}'");
        _position++;
    }

    private ExprNode ParseTop()
    {
        if (!IsKeyword("lambda"))
            return ParseExpression();
        _position++;
        var parameters = new List<string>();
        while (!IsOperator(":"))
        {
            if (Current.Kind != TokenKind.Name || Keywords.Contains(Current.Text))
                throw Error("a lambda parameter must be a name");
            parameters.Add(Current.Text);
            _position++;
            if (IsOperator(","))
                _position++;
            else if (!IsOperator(":"))
                throw Error("expected ',' or ':' in the lambda's parameters");
        }
        _position++;
        return new LambdaNode(parameters, ParseExpression());
    }

    private ExprNode ParseExpression()
    {
        var value = ParseOr();
        if (!IsKeyword("if"))
            return value;
        _position++;
        var condition = ParseOr();
        if (!IsKeyword("else"))
            throw Error("a conditional needs 'else', as in 'a if condition else b'");
        _position++;
        return new ConditionalNode(condition, value, ParseExpression());
    }

    private ExprNode ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword("or"))
        {
            _position++;
            left = new BoolNode(false, left, ParseAnd());
        }
        return left;
    }

    private ExprNode ParseAnd()
    {
        var left = ParseNot();
        while (IsKeyword("and"))
        {
            _position++;
            left = new BoolNode(true, left, ParseNot());
        }
        return left;
    }

    private ExprNode ParseNot()
    {
        if (!IsKeyword("not"))
            return ParseComparison();
        _position++;
        return new UnaryNode("not", ParseNot());
    }

    private ExprNode ParseComparison()
    {
        var first = ParseSum();
        var rest = new List<(string, ExprNode)>();
        while (true)
        {
            string? op = null;
            if (Current.Kind == TokenKind.Operator && Current.Text is "==" or "!=" or "<" or "<=" or ">" or ">=")
            {
                op = Current.Text;
                _position++;
            }
            else if (IsKeyword("in"))
            {
                op = "in";
                _position++;
            }
            else if (IsKeyword("not") && _tokens[_position + 1] is { Kind: TokenKind.Name, Text: "in" })
            {
                op = "not in";
                _position += 2;
            }
            else if (IsKeyword("is"))
            {
                _position++;
                op = "is";
                if (IsKeyword("not"))
                {
                    op = "is not";
                    _position++;
                }
            }
            if (op is null)
                break;
            rest.Add((op, ParseSum()));
        }
        return rest.Count == 0 ? first : new CompareNode(first, rest);
    }

    private ExprNode ParseSum()
    {
        var left = ParseTerm();
        while (Current.Kind == TokenKind.Operator && Current.Text is "+" or "-")
        {
            var op = Current.Text;
            _position++;
            left = new BinaryNode(op, left, ParseTerm());
        }
        return left;
    }

    private ExprNode ParseTerm()
    {
        var left = ParseUnary();
        while (Current.Kind == TokenKind.Operator && Current.Text is "*" or "/" or "//" or "%")
        {
            var op = Current.Text;
            _position++;
            left = new BinaryNode(op, left, ParseUnary());
        }
        return left;
    }

    private ExprNode ParseUnary()
    {
        if (Current.Kind == TokenKind.Operator && Current.Text is "-" or "+")
        {
            var op = Current.Text;
            _position++;
            return new UnaryNode(op, ParseUnary());
        }
        return ParsePower();
    }

    private ExprNode ParsePower()
    {
        var left = ParsePostfix();
        if (!IsOperator("**"))
            return left;
        _position++;
        return new BinaryNode("**", left, ParseUnary());
    }

    private ExprNode ParsePostfix()
    {
        var node = ParseAtom();
        while (true)
        {
            if (IsOperator("."))
            {
                _position++;
                if (Current.Kind != TokenKind.Name)
                    throw Error("expected a name after '.'");
                var name = Current.Text;
                CheckName(name);
                _position++;
                if (node is NameNode { Name: "math" or "random" } module && !IsOperator("("))
                {
                    if (module.Name == "random" || !ExprBuiltins.Constants.Contains(name))
                        throw Error($"{module.Name}.{name} is not a constant here");
                }
                if (node is NameNode { Name: "math" } && IsOperator("(") && !ExprBuiltins.MathFunctions.Contains(name))
                    throw Error($"math.{name} is not available (available: {string.Join(", ", ExprBuiltins.MathFunctions.Order(StringComparer.Ordinal))})");
                if (node is NameNode { Name: "random" } && IsOperator("(") && !ExprBuiltins.RandomFunctions.Contains(name))
                    throw Error($"random.{name} is not available (available: {string.Join(", ", ExprBuiltins.RandomFunctions.Order(StringComparer.Ordinal))})");
                node = new AttributeNode(node, name);
            }
            else if (IsOperator("["))
            {
                _position++;
                var index = ParseExpression();
                Expect("]");
                node = new IndexNode(node, index);
            }
            else if (IsOperator("("))
            {
                if (node is not (NameNode or AttributeNode))
                    throw Error("only functions and methods can be called");
                if (node is NameNode plain && !ExprBuiltins.Functions.Contains(plain.Name) && !ExprBuiltins.MathFunctions.Contains(plain.Name) && plain.Name != "random")
                    throw Error($"'{plain.Name}' is not a function available in simulator expressions (available: {string.Join(", ", ExprBuiltins.Functions.Order(StringComparer.Ordinal))}, the math functions, random())");
                _position++;
                var arguments = new List<ExprNode>();
                while (!IsOperator(")"))
                {
                    arguments.Add(ParseExpression());
                    if (IsOperator(","))
                        _position++;
                    else if (!IsOperator(")"))
                        throw Error("expected ',' or ')' in the arguments");
                }
                _position++;
                node = new CallNode(node, arguments);
            }
            else
            {
                return node;
            }
        }
    }

    private ExprNode ParseAtom()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
            case TokenKind.String:
                _position++;
                // Adjacent string literals concatenate, as in Python.
                if (token.Kind == TokenKind.String && Current.Kind == TokenKind.String)
                {
                    var text = token.Text;
                    while (Current.Kind == TokenKind.String)
                        text += _tokens[_position++].Text;
                    return new LiteralNode(ExprValue.Str(text));
                }
                return new LiteralNode(token.Literal);
            case TokenKind.FString:
                _position++;
                return ParseFString(token.Text);
            case TokenKind.Capture:
                _position++;
                return new CaptureNode(token.Text);
            case TokenKind.Name:
                _position++;
                switch (token.Text)
                {
                    case "True": return new LiteralNode(ExprValue.True);
                    case "False": return new LiteralNode(ExprValue.False);
                    case "None": return new LiteralNode(ExprValue.None);
                    case "lambda": throw new ExprException($"'lambda' may only start the expression at position {token.Position}");
                }
                if (Keywords.Contains(token.Text))
                    throw new ExprException($"unexpected '{token.Text}' at position {token.Position}");
                CheckName(token.Text);
                return new NameNode(token.Text);
            case TokenKind.Operator when token.Text == "(":
                _position++;
                var inner = ParseExpression();
                if (IsOperator(","))
                    throw Error("tuples are not available; use a list [a, b]");
                Expect(")");
                return inner;
            case TokenKind.Operator when token.Text == "[":
                _position++;
                var items = new List<ExprNode>();
                while (!IsOperator("]"))
                {
                    items.Add(ParseExpression());
                    if (IsOperator(","))
                        _position++;
                    else if (!IsOperator("]"))
                        throw Error("expected ',' or ']' in the list");
                }
                _position++;
                return new ListNode(items);
            case TokenKind.End:
                throw Error("the expression ends too early");
            default:
                throw Error($"unexpected '{token.Text}'");
        }
    }

    private static void CheckName(string name)
    {
        if (name.StartsWith('_'))
            throw new ExprException($"names starting with '_' ('{name}') are not available in simulator expressions");
        if (Forbidden.Contains(name))
            throw new ExprException($"'{name}' is not available in simulator expressions: they compute values and cannot run code");
    }

    private static FStringNode ParseFString(string text)
    {
        var parts = new List<(string?, ExprNode?, char, PyFormatSpec?)>();
        var literal = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '{' or '}' && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i += 2;
                continue;
            }
            if (c == '}')
                throw new ExprException("f-string: single '}' is not allowed");
            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }
            var (end, colon, bang) = FieldBounds(text, i);
            if (literal.Length > 0)
            {
                parts.Add((literal.ToString(), null, '\0', null));
                literal.Clear();
            }
            var expressionEnd = bang >= 0 ? bang : colon >= 0 ? colon : end;
            var expression = Parse(text[(i + 1)..expressionEnd]);
            var conversion = bang >= 0 ? text[bang + 1] : '\0';
            if (bang >= 0 && conversion is not ('r' or 's' or 'a'))
                throw new ExprException($"f-string: invalid conversion character '{conversion}'");
            PyFormatSpec? spec = null;
            if (colon >= 0)
            {
                try
                {
                    spec = PyFormatSpec.Parse(text[(colon + 1)..end]);
                }
                catch (FormatException e)
                {
                    throw new ExprException("f-string: " + e.Message);
                }
            }
            parts.Add((null, expression, conversion == 'a' ? 'r' : conversion, spec));
            i = end + 1;
        }
        if (literal.Length > 0)
            parts.Add((literal.ToString(), null, '\0', null));
        return new FStringNode(parts);
    }

    // Finds the closing '}' of the field opened at 'open', and the top-level '!' and ':' in it (outside brackets and strings).
    private static (int End, int Colon, int Bang) FieldBounds(string text, int open)
    {
        var depth = 0;
        var colon = -1;
        var bang = -1;
        char quote = '\0';
        for (var k = open + 1; k < text.Length; k++)
        {
            var c = text[k];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
                continue;
            }
            switch (c)
            {
                case '\'' or '"' when colon < 0:
                    quote = c;
                    break;
                case '(' or '[' when colon < 0:
                    depth++;
                    break;
                case ')' or ']' when colon < 0:
                    depth--;
                    break;
                case '!' when depth == 0 && colon < 0 && k + 1 < text.Length && text[k + 1] != '=':
                    bang = k;
                    break;
                case ':' when depth == 0 && colon < 0:
                    colon = k;
                    break;
                case '}' when depth == 0:
                    return (k, colon, bang);
            }
        }
        throw new ExprException("f-string: expecting '}'");
    }
}
