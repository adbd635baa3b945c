using OpenVisa.Sim.PyVisaSim;

namespace OpenVisa.Sim.Expressions;

/// <summary>
/// Parses the simulator's expression language, a small side-effect-free subset of Python: literals, lists, f-strings,
/// arithmetic, comparisons, <c>and/or/not</c>, <c>a if c else b</c>, state paths (<c>state.ch1.volt</c>,
/// <c>state['ch1']</c>), captured groups (<c>g1</c>, <c>$1</c>, <c>$value</c>), the functions of <see cref="ExprBuiltins"/>
/// and a leading <c>lambda</c> as PyTestLab writes. No statement, assignment, import, dunder name or attribute outside
/// state is accepted, so evaluating a profile never runs code.
/// </summary>
internal sealed partial class ExprParser
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

    private static readonly HashSet<string> Roots = new(StringComparer.Ordinal) { "state", "initial_state", "math", "random" };

    /// <summary>The most tokens one expression may have; profile expressions have a few dozen.</summary>
    /// <remarks>Bounds the depth of the tree too (a chain of 2,000 additions), so evaluating it cannot exhaust the stack.</remarks>
    public const int MaxTokens = 2000;

    /// <summary>The deepest nesting of brackets, calls and conditionals in one expression.</summary>
    public const int MaxNesting = 64;

    private readonly List<Token> _tokens;
    private readonly HashSet<string> _names;
    private int _position;
    private int _nesting;

    private ExprParser(string source, IEnumerable<string>? names)
    {
        _tokens = ExprLexer.Tokenize(source);
        if (_tokens.Count > MaxTokens)
            throw new ExprException($"the expression has {_tokens.Count} tokens, more than the {MaxTokens} allowed; split it, or compute the value in steps with set:");
        _names = new HashSet<string>(names ?? [], StringComparer.Ordinal);
        for (var k = 0; k < _tokens.Count; k++)
        {
            var token = _tokens[k];
            var isAttribute = k > 0 && _tokens[k - 1] is { Kind: TokenKind.Operator, Text: "." };
            if (token.Kind == TokenKind.Name && !isAttribute && Forbidden.Contains(token.Text))
                throw new ExprException($"'{token.Text}' is not available in simulator expressions: they compute values and cannot run code");
        }
    }

    /// <summary>
    /// Parses <paramref name="source"/>; throws <see cref="ExprException"/> saying what is wrong and where. Bare names
    /// must be state, initial_state, math, random, g1…, a function, a constant, or one of <paramref name="names"/>
    /// (the named groups of the command pattern, or a formula's variables).
    /// </summary>
    public static ExprNode Parse(string source, IEnumerable<string>? names = null)
    {
        try
        {
            var parser = new ExprParser(source, names);
            var node = parser.ParseTop();
            if (parser.Current.Kind != TokenKind.End)
                throw parser.Error($"unexpected '{parser.Current.Text}'");
            return node;
        }
        catch (ExprException e) when (!e.Message.StartsWith("in expression", StringComparison.Ordinal))
        {
            // A long expression is cut in the message: the file and line already say where it is.
            var shown = source.Length <= 80 ? source : source[..77] + "...";
            throw new ExprException($"in expression '{shown}': {e.Message}");
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
        foreach (var parameter in parameters)
            _names.Add(parameter);
        return new LambdaNode(parameters, ParseExpression());
    }

    private ExprNode ParseExpression()
    {
        // Every bracket, call argument and conditional comes through here, so this bounds the parser's recursion.
        if (++_nesting > MaxNesting)
            throw Error($"the expression nests brackets, calls or conditionals more than {MaxNesting} levels deep");
        try
        {
            return ParseConditional();
        }
        finally
        {
            _nesting--;
        }
    }

    private ExprNode ParseConditional()
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
                ExprNode? start = IsOperator(":") ? null : ParseExpression();
                if (IsOperator(":"))
                {
                    _position++;
                    ExprNode? stop = IsOperator("]") ? null : ParseExpression();
                    Expect("]");
                    node = new SliceNode(node, start, stop);
                }
                else
                {
                    Expect("]");
                    node = new IndexNode(node, start!);
                }
            }
            else if (IsOperator("("))
            {
                if (node is not (NameNode or AttributeNode))
                    throw Error("only functions and methods can be called");
                if (node is NameNode plain && !ExprBuiltins.Functions.Contains(plain.Name) && !ExprBuiltins.MathFunctions.Contains(plain.Name) && !ExprBuiltins.WaveFunctions.Contains(plain.Name) && plain.Name != "random")
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
                var called = IsOperator("(");
                var known = _names.Contains(token.Text) || Roots.Contains(token.Text) || ExprBuiltins.Constants.Contains(token.Text)
                    || (token.Text.Length > 1 && token.Text[0] == 'g' && token.Text.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0)
                    || (called && (ExprBuiltins.Functions.Contains(token.Text) || ExprBuiltins.MathFunctions.Contains(token.Text) || ExprBuiltins.WaveFunctions.Contains(token.Text)));
                if (!known)
                {
                    var available = _names.Count == 0 ? "" : $", {string.Join(", ", _names.Order(StringComparer.Ordinal))}";
                    throw new ExprException(called
                        ? $"'{token.Text}' is not a function available in simulator expressions (available: {string.Join(", ", ExprBuiltins.Functions.Order(StringComparer.Ordinal))}, the math functions, random())"
                        : $"'{token.Text}' is not defined at position {token.Position} (names: state, initial_state, math, random, g1…{available})");
                }
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
            case TokenKind.Operator when token.Text == "{":
                _position++;
                var entries = new List<(ExprNode, ExprNode)>();
                while (!IsOperator("}"))
                {
                    var key = ParseExpression();
                    Expect(":");
                    entries.Add((key, ParseExpression()));
                    if (IsOperator(","))
                        _position++;
                    else if (!IsOperator("}"))
                        throw Error("expected ',' or '}' in the dictionary");
                }
                _position++;
                return new MapNode(entries);
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
    }
}
