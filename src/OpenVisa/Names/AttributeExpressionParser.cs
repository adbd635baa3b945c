namespace OpenVisa;

/// <summary>
/// Parses an attribute expression by recursive descent, loosest binding first:
/// <c>or := and ('||' and)*</c>, <c>and := unary ('&amp;&amp;' unary)*</c>, <c>unary := '!' unary | '(' or ')' | comparison</c>,
/// <c>comparison := operand op operand</c>, where an operand is an attribute (<c>VI_ATTR_…</c>), a named constant
/// (<c>VI_INTF_USB</c>), an integer (decimal or <c>0x</c> hex) or a <c>"string"</c>. Nothing is evaluated as code.
/// </summary>
internal sealed class AttributeExpressionParser
{
    private static readonly HashSet<string> ComparisonOperators = ["==", "!=", "<", ">", "<=", ">="];

    private readonly List<ExpressionToken> _tokens;
    private readonly string _pattern;
    private int _next;

    private AttributeExpressionParser(List<ExpressionToken> tokens, string pattern)
    {
        _tokens = tokens;
        _pattern = pattern;
    }

    /// <summary>Parses <paramref name="text"/>, found at 0-based <paramref name="offset"/> of <paramref name="pattern"/>.</summary>
    public static AttributeExpression Parse(string text, int offset, string pattern)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            PatternError.Fail(pattern, "the attribute expression between '{' and '}' is empty");
        }
        var parser = new AttributeExpressionParser(AttributeExpressionTokenizer.Tokenize(text, offset, pattern), pattern);
        var expression = parser.ParseOr();
        if (parser.Peek.Kind != ExpressionTokenKind.End)
        {
            parser.Fail($"unexpected {parser.Peek.Shown}; expected '&&', '||' or the end of the expression");
        }
        return expression;
    }

    private ExpressionToken Peek => _tokens[_next];

    private ExpressionToken Take() => _tokens[_next++];

    private bool TakeOperator(string op)
    {
        if (Peek.Kind == ExpressionTokenKind.Operator && Peek.Text == op)
        {
            _next++;
            return true;
        }
        return false;
    }

    private AttributeExpression ParseOr()
    {
        var left = ParseAnd();
        while (TakeOperator("||"))
        {
            left = new OrExpression(left, ParseAnd());
        }
        return left;
    }

    private AttributeExpression ParseAnd()
    {
        var left = ParseUnary();
        while (TakeOperator("&&"))
        {
            left = new AndExpression(left, ParseUnary());
        }
        return left;
    }

    private AttributeExpression ParseUnary()
    {
        if (TakeOperator("!"))
        {
            return new NotExpression(ParseUnary());
        }
        if (Peek.Kind == ExpressionTokenKind.Open)
        {
            var open = Take();
            var inner = ParseOr();
            if (Peek.Kind != ExpressionTokenKind.Close)
            {
                Fail($"the '(' at position {open.Position} is never closed by ')' (found {Peek.Shown})");
            }
            _next++;
            return inner;
        }
        return ParseComparison();
    }

    private ComparisonExpression ParseComparison()
    {
        var left = ParseOperand("a comparison");
        var op = Take();
        if (op.Kind != ExpressionTokenKind.Operator || !ComparisonOperators.Contains(op.Text))
        {
            Fail($"expected a comparison (==, !=, <, >, <=, >=) after {left.Shown}, found {op.Shown}");
        }
        var right = ParseOperand($"a value after '{op.Text}'");
        if (left.Kind != right.Kind)
        {
            Fail($"cannot compare {left.Shown} ({Describe(left.Kind)}) with {right.Shown} ({Describe(right.Kind)})");
        }
        if (left.Kind == ExpressionValueKind.String && op.Text is not ("==" or "!="))
        {
            Fail($"'{op.Text}' at position {op.Position} orders numbers; strings such as {left.Shown} can only be compared with == or !=");
        }
        return new ComparisonExpression(left, op.Text, right);
    }

    private ExpressionOperand ParseOperand(string expected)
    {
        var token = Take();
        switch (token.Kind)
        {
            case ExpressionTokenKind.Integer:
                object number = token.Number;
                return new(ExpressionValueKind.Integer, token.Text, _ => number);
            case ExpressionTokenKind.String:
                var text = token.Text;
                return new(ExpressionValueKind.String, $"\"{text}\"", _ => text);
            case ExpressionTokenKind.Identifier:
                if (PatternAttributes.TryGetConstant(token.Text, out var constant))
                {
                    object boxed = constant;
                    return new(ExpressionValueKind.Integer, token.Text, _ => boxed);
                }
                if (PatternAttributes.Find(token.Text) is { } attribute)
                {
                    return new(attribute.Kind, attribute.Name, name => name is null ? null : attribute.Read(name));
                }
                Fail($"unknown attribute '{token.Text}' at position {token.Position}; a pattern can test {PatternAttributes.List}");
                break;
        }
        Fail($"expected {expected}, found {token.Shown}");
        return null!;
    }

    private static string Describe(ExpressionValueKind kind) => kind == ExpressionValueKind.String ? "a string" : "a number";

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string reason) => PatternError.Fail(_pattern, reason);
}
