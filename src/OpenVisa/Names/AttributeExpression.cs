namespace OpenVisa;

/// <summary>
/// A parsed <c>{…}</c> attribute expression of a VISA pattern, evaluated against the attributes a resource name
/// carries (see <see cref="PatternAttributes"/>). A comparison involving an attribute the name does not carry is false.
/// </summary>
internal abstract class AttributeExpression
{
    /// <summary>True when <paramref name="name"/> satisfies the expression; a null name (one that did not parse) carries no attributes.</summary>
    public abstract bool Evaluate(ResourceName? name);
}

/// <summary><c>left || right</c>.</summary>
internal sealed class OrExpression(AttributeExpression left, AttributeExpression right) : AttributeExpression
{
    /// <inheritdoc/>
    public override bool Evaluate(ResourceName? name) => left.Evaluate(name) || right.Evaluate(name);
}

/// <summary><c>left &amp;&amp; right</c>.</summary>
internal sealed class AndExpression(AttributeExpression left, AttributeExpression right) : AttributeExpression
{
    /// <inheritdoc/>
    public override bool Evaluate(ResourceName? name) => left.Evaluate(name) && right.Evaluate(name);
}

/// <summary><c>!operand</c>.</summary>
internal sealed class NotExpression(AttributeExpression operand) : AttributeExpression
{
    /// <inheritdoc/>
    public override bool Evaluate(ResourceName? name) => !operand.Evaluate(name);
}

/// <summary>An attribute or a literal on one side of a comparison.</summary>
/// <param name="Kind">The value type, checked against the other side when parsing.</param>
/// <param name="Shown">How messages show it.</param>
/// <param name="Read">Its value (a <see cref="long"/> or <see cref="string"/>) for a name, or null when the name lacks it.</param>
internal sealed record ExpressionOperand(ExpressionValueKind Kind, string Shown, Func<ResourceName?, object?> Read);

/// <summary><c>left OP right</c> with OP one of <c>== != &lt; &gt; &lt;= &gt;=</c>; strings compare ignoring case.</summary>
internal sealed class ComparisonExpression(ExpressionOperand left, string op, ExpressionOperand right) : AttributeExpression
{
    /// <inheritdoc/>
    public override bool Evaluate(ResourceName? name)
    {
        if (left.Read(name) is not { } a || right.Read(name) is not { } b)
        {
            return false;
        }
        var order = a is long x && b is long y
            ? x.CompareTo(y)
            : string.Compare((string)a, (string)b, StringComparison.OrdinalIgnoreCase);
        return op switch
        {
            "==" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            ">" => order > 0,
            "<=" => order <= 0,
            _ => order >= 0,
        };
    }
}
