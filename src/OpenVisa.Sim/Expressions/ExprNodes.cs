using OpenVisa.Sim.PyVisaSim;
using OpenVisa.Sim.Text;

namespace OpenVisa.Sim.Expressions;

/// <summary>A parsed expression: a tree of nodes evaluated against an <see cref="ExprScope"/>. Nothing here can reach .NET or the file system.</summary>
internal abstract class ExprNode
{
    public abstract ExprValue Evaluate(ExprScope scope);
}

internal sealed class LiteralNode(ExprValue value) : ExprNode
{
    public ExprValue Value { get; } = value;

    public override ExprValue Evaluate(ExprScope scope) => Value.DeepCopy();
}

internal sealed class NameNode(string name) : ExprNode
{
    public string Name { get; } = name;

    public override ExprValue Evaluate(ExprScope scope)
    {
        if (scope.TryResolve(Name, out var value))
            return value;
        if (ExprBuiltins.TryConstant(Name, out value))
            return value;
        throw new ExprException($"'{Name}' is not defined here (names: state, initial_state, g1…, captured groups, constants pi, e, tau, inf, nan)");
    }
}

internal sealed class CaptureNode(string name) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope) => ExprValue.Str(scope.Capture(name));
}

internal sealed class AttributeNode(ExprNode target, string name) : ExprNode
{
    public ExprNode Target { get; } = target;

    public string Name { get; } = name;

    public override ExprValue Evaluate(ExprScope scope)
    {
        if (Target is NameNode { Name: "math" or "random" } module && !scope.TryResolve(module.Name, out _))
        {
            if (ExprBuiltins.TryConstant(Name, out var constant) && module.Name == "math")
                return constant;
            throw new ExprException($"{module.Name}.{Name} is a function; call it, as in {module.Name}.{Name}(…)");
        }
        var value = Target.Evaluate(scope);
        if (value.Kind == ExprKind.Map)
        {
            if (value.AsMap.TryGetValue(Name, out var item))
                return item;
            throw new ExprException($"the state has no '{Name}'" + Known(value.AsMap));
        }
        throw new ExprException($"a {value.TypeName} has no attribute '{Name}'");
    }

    internal static string Known(StateMap map) =>
        map.Count == 0 ? " (it is empty)" : $" (it has {string.Join(", ", map.Keys.Take(12))}{(map.Count > 12 ? ", …" : "")})";
}

internal sealed class IndexNode(ExprNode target, ExprNode index) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope)
    {
        var value = target.Evaluate(scope);
        var key = index.Evaluate(scope);
        switch (value.Kind)
        {
            case ExprKind.Map:
                var name = key.ToString();
                if (value.AsMap.TryGetValue(name, out var item))
                    return item;
                throw new ExprException($"the state has no '{name}'" + AttributeNode.Known(value.AsMap));
            case ExprKind.List:
                return value.AsList[Position(key, value.AsList.Count)];
            case ExprKind.Str:
                return ExprValue.Str(value.AsStr[Position(key, value.AsStr.Length)].ToString());
            default:
                throw new ExprException($"a {value.TypeName} cannot be indexed");
        }
    }

    private static int Position(ExprValue key, int count)
    {
        if (key.Kind is not (ExprKind.Int or ExprKind.Bool))
            throw new ExprException($"an index must be an int, not {key.TypeName}");
        var at = key.AsInt < 0 ? key.AsInt + count : key.AsInt;
        if (at < 0 || at >= count)
            throw new ExprException($"index {key.AsInt} is out of range (length {count})");
        return (int)at;
    }
}

/// <summary><c>text[a:b]</c> and <c>list[a:b]</c> with Python's clamping and negative indexes.</summary>
internal sealed class SliceNode(ExprNode target, ExprNode? start, ExprNode? stop) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope)
    {
        var value = target.Evaluate(scope);
        var length = value.Kind switch
        {
            ExprKind.Str => value.AsStr.Length,
            ExprKind.List => value.AsList.Count,
            _ => throw new ExprException($"a {value.TypeName} cannot be sliced"),
        };
        var from = Bound(start, scope, length, 0);
        var to = Math.Max(from, Bound(stop, scope, length, length));
        return value.Kind == ExprKind.Str
            ? ExprValue.Str(value.AsStr[from..to])
            : ExprValue.List(value.AsList.GetRange(from, to - from));
    }

    private static int Bound(ExprNode? node, ExprScope scope, int length, int missing)
    {
        if (node is null)
            return missing;
        var value = node.Evaluate(scope);
        if (value.Kind is not (ExprKind.Int or ExprKind.Bool))
            throw new ExprException($"slice indices must be integers, not {value.TypeName}");
        var at = value.AsInt < 0 ? value.AsInt + length : value.AsInt;
        return (int)Math.Clamp(at, 0, length);
    }
}

internal sealed class CallNode(ExprNode callee, IReadOnlyList<ExprNode> arguments) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope)
    {
        var values = new ExprValue[arguments.Count];
        for (var k = 0; k < values.Length; k++)
            values[k] = arguments[k].Evaluate(scope);
        switch (callee)
        {
            case NameNode name:
                return ExprBuiltins.CallFunction(name.Name, values, scope);
            case AttributeNode { Target: NameNode { Name: "math" or "random" } module } attribute when !scope.TryResolve(module.Name, out _):
                return ExprBuiltins.CallModule(module.Name, attribute.Name, values, scope);
            case AttributeNode attribute:
                return ExprBuiltins.CallMethod(attribute.Target.Evaluate(scope), attribute.Name, values);
            default:
                throw new ExprException("only functions and methods can be called");
        }
    }
}

internal sealed class UnaryNode(string op, ExprNode operand) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope)
    {
        var value = operand.Evaluate(scope);
        return op switch
        {
            "not" => ExprValue.Bool(!value.IsTruthy),
            "-" => ExprOperators.Negate(value),
            _ => value.IsNumber ? (value.Kind == ExprKind.Bool ? ExprValue.Int(value.AsInt) : value) : throw new ExprException($"bad operand type for unary +: '{value.TypeName}'"),
        };
    }
}

internal sealed class BinaryNode(string op, ExprNode left, ExprNode right) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope) => ExprOperators.Binary(op, left.Evaluate(scope), right.Evaluate(scope));
}

internal sealed class BoolNode(bool isAnd, ExprNode left, ExprNode right) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope)
    {
        var first = left.Evaluate(scope);
        return first.IsTruthy == isAnd ? right.Evaluate(scope) : first;
    }
}

internal sealed class CompareNode(ExprNode first, IReadOnlyList<(string Op, ExprNode Operand)> rest) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope)
    {
        var left = first.Evaluate(scope);
        foreach (var (op, operand) in rest)
        {
            var right = operand.Evaluate(scope);
            if (!ExprOperators.Compare(op, left, right))
                return ExprValue.False;
            left = right;
        }
        return ExprValue.True;
    }
}

internal sealed class ConditionalNode(ExprNode condition, ExprNode whenTrue, ExprNode whenFalse) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope) => condition.Evaluate(scope).IsTruthy ? whenTrue.Evaluate(scope) : whenFalse.Evaluate(scope);
}

internal sealed class ListNode(IReadOnlyList<ExprNode> items) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope) => ExprValue.List([.. items.Select(i => i.Evaluate(scope))]);
}

internal sealed class MapNode(IReadOnlyList<(ExprNode Key, ExprNode Value)> entries) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope)
    {
        var map = new StateMap();
        foreach (var (key, value) in entries)
            map[key.Evaluate(scope).ToString()] = value.Evaluate(scope);
        return ExprValue.Map(map);
    }
}

/// <summary>An f-string: literal text and <c>{expression!conversion:spec}</c> fields formatted with Python's rules.</summary>
internal sealed class FStringNode(IReadOnlyList<(string? Literal, ExprNode? Expression, char Conversion, PyFormatSpec? Spec)> parts) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope)
    {
        var output = new TextBuilder();
        foreach (var (literal, expression, conversion, spec) in parts)
        {
            if (literal is not null)
            {
                output.Append(literal);
                continue;
            }
            var value = expression!.Evaluate(scope);
            if (conversion == 'r')
                value = ExprValue.Str(value.Repr());
            else if (conversion == 's')
                value = ExprValue.Str(value.ToString());
            var numeric = spec is not null && spec.Type is not ('\0' or 's');
            try
            {
                (spec ?? PyFormatSpec.Empty).Format(value.ToPyValue(numeric), output);
            }
            catch (FormatException e)
            {
                throw new ExprException($"formatting {value.Repr()} with '{spec?.Text}': {e.Message}");
            }
        }
        return ExprValue.Str(output.ToString());
    }
}

/// <summary><c>lambda a, b: body</c>: PyTestLab calls it with the captured groups as arguments.</summary>
internal sealed class LambdaNode(IReadOnlyList<string> parameters, ExprNode body) : ExprNode
{
    public override ExprValue Evaluate(ExprScope scope)
    {
        var saved = new List<(string, bool, ExprValue)>();
        for (var k = 0; k < parameters.Count; k++)
        {
            var had = scope.Locals.TryGetValue(parameters[k], out var old);
            saved.Add((parameters[k], had, old));
            if (k >= scope.Groups.Count)
                throw new ExprException($"the lambda takes {parameters.Count} argument(s), but the command pattern captured {scope.Groups.Count} group(s)");
            scope.Locals[parameters[k]] = scope.Groups[k] is { } text ? ExprValue.Str(text) : ExprValue.None;
        }
        try
        {
            return body.Evaluate(scope);
        }
        finally
        {
            foreach (var (name, had, old) in saved)
            {
                if (had)
                    scope.Locals[name] = old;
                else
                    scope.Locals.Remove(name);
            }
        }
    }
}
