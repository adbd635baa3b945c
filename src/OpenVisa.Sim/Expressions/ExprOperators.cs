using System.Text;

namespace OpenVisa.Sim.Expressions;

/// <summary>Python's arithmetic and comparison rules for <see cref="ExprValue"/>.</summary>
internal static class ExprOperators
{
    public static ExprValue Negate(ExprValue value) => value.Kind switch
    {
        ExprKind.Int or ExprKind.Bool => ExprValue.Int(checked(-value.AsInt)),
        ExprKind.Float => ExprValue.Float(-value.AsFloat),
        _ => throw new ExprException($"bad operand type for unary -: '{value.TypeName}'"),
    };

    public static ExprValue Binary(string op, ExprValue left, ExprValue right)
    {
        try
        {
            if (left.IsNumber && right.IsNumber)
                return Arithmetic(op, left, right);
            return (op, left.Kind, right.Kind) switch
            {
                ("+", ExprKind.Str, ExprKind.Str) => ExprValue.Str(Concat(left.AsStr, right.AsStr)),
                ("+", ExprKind.List, ExprKind.List) => ExprValue.List(Concat(left, right)),
                ("*", ExprKind.Str, ExprKind.Int or ExprKind.Bool) => ExprValue.Str(Repeat(left.AsStr, right.AsInt)),
                ("*", ExprKind.Int or ExprKind.Bool, ExprKind.Str) => ExprValue.Str(Repeat(right.AsStr, left.AsInt)),
                ("*", ExprKind.List, ExprKind.Int or ExprKind.Bool) => ExprValue.List(Repeat(left, right.AsInt)),
                ("*", ExprKind.Int or ExprKind.Bool, ExprKind.List) => ExprValue.List(Repeat(right, left.AsInt)),
                ("%", ExprKind.Str, _) => ExprValue.Str(PrintfFormat.Apply(left.AsStr, right)),
                _ => throw new ExprException($"unsupported operand type(s) for {op}: '{left.TypeName}' and '{right.TypeName}'"),
            };
        }
        catch (OverflowException)
        {
            throw new ExprException($"the result of {left.Repr()} {op} {right.Repr()} does not fit a 64-bit integer");
        }
    }

    private static string Repeat(string text, long count)
    {
        if (count <= 0 || text.Length == 0)
            return "";
        ExprLimits.CheckText(count > int.MaxValue ? long.MaxValue : text.Length * count, $"repeating text {count} times");
        return new StringBuilder(text.Length * (int)count).Insert(0, text, (int)count).ToString();
    }

    private static string Concat(string left, string right)
    {
        ExprLimits.CheckText((long)left.Length + right.Length, "the joined text");
        return left + right;
    }

    // Sizes count nested values: the copies a list of lists makes when stored in the state are what fill memory.
    private static List<ExprValue> Repeat(ExprValue list, long count)
    {
        if (count <= 0 || list.AsList.Count == 0)
            return [];
        var size = ExprLimits.Size(list) - 1;
        ExprLimits.CheckItems(count > ExprLimits.MaxItems ? long.MaxValue : size * count, $"repeating a list of {list.AsList.Count} {count} times");
        var result = new List<ExprValue>((int)(list.AsList.Count * count));
        for (var k = 0; k < count; k++)
            result.AddRange(list.AsList);
        return result;
    }

    private static List<ExprValue> Concat(ExprValue left, ExprValue right)
    {
        ExprLimits.CheckItems(ExprLimits.Size(left) + ExprLimits.Size(right) - 2, "the joined list");
        return [.. left.AsList, .. right.AsList];
    }

    // Exponentiation by squaring: at most 64 steps, where a loop of b multiplications never ends for 1 ** 2**63-1.
    private static long Power(long a, long b)
    {
        switch (a)
        {
            case 0 or 1:
                return b == 0 ? 1 : a;
            case -1:
                return b % 2 == 0 ? 1 : -1;
        }
        long result = 1;
        while (true)
        {
            if ((b & 1) != 0)
                result = checked(result * a);
            b >>= 1;
            if (b == 0)
                return result;
            a = checked(a * a);
        }
    }

    private static ExprValue Arithmetic(string op, ExprValue left, ExprValue right)
    {
        var integers = left.Kind != ExprKind.Float && right.Kind != ExprKind.Float;
        if (integers)
        {
            long a = left.AsInt, b = right.AsInt;
            switch (op)
            {
                case "+": return ExprValue.Int(checked(a + b));
                case "-": return ExprValue.Int(checked(a - b));
                case "*": return ExprValue.Int(checked(a * b));
                case "/":
                    if (b == 0)
                        throw new ExprException("division by zero");
                    return ExprValue.Float((double)a / b);
                case "//":
                    if (b == 0)
                        throw new ExprException("integer division or modulo by zero");
                    return ExprValue.Int(FloorDiv(a, b));
                case "%":
                    if (b == 0)
                        throw new ExprException("integer division or modulo by zero");
                    return ExprValue.Int(a - b * FloorDiv(a, b));
                case "**":
                    if (b < 0)
                        return ExprValue.Float(Math.Pow(a, b));
                    return ExprValue.Int(Power(a, b));
            }
        }
        double x = left.AsFloat, y = right.AsFloat;
        switch (op)
        {
            case "+": return ExprValue.Float(x + y);
            case "-": return ExprValue.Float(x - y);
            case "*": return ExprValue.Float(x * y);
            case "/":
                if (y == 0)
                    throw new ExprException("float division by zero");
                return ExprValue.Float(x / y);
            case "//":
                if (y == 0)
                    throw new ExprException("float floor division by zero");
                return ExprValue.Float(Math.Floor(x / y));
            case "%":
                if (y == 0)
                    throw new ExprException("float modulo");
                var m = x % y;
                return ExprValue.Float(m != 0 && (m < 0) != (y < 0) ? m + y : m);
            case "**":
                return ExprValue.Float(Math.Pow(x, y));
        }
        throw new ExprException($"unknown operator {op}");
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }

    public static bool Compare(string op, ExprValue left, ExprValue right)
    {
        switch (op)
        {
            case "==": return left.Equals(right);
            case "!=": return !left.Equals(right);
            case "in": return Contains(right, left);
            case "not in": return !Contains(right, left);
            case "is": return left.Kind == right.Kind && (left.Kind is ExprKind.None or ExprKind.Bool ? left.Equals(right) : false);
            case "is not": return !Compare("is", left, right);
        }
        int order;
        if (left.IsNumber && right.IsNumber)
            order = left.AsFloat.CompareTo(right.AsFloat);
        else if (left.Kind == ExprKind.Str && right.Kind == ExprKind.Str)
            order = string.CompareOrdinal(left.AsStr, right.AsStr);
        else
            throw new ExprException($"'{op}' not supported between instances of '{left.TypeName}' and '{right.TypeName}'");
        return op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    private static bool Contains(ExprValue container, ExprValue item) => container.Kind switch
    {
        ExprKind.Str when item.Kind == ExprKind.Str => container.AsStr.Contains(item.AsStr, StringComparison.Ordinal),
        ExprKind.Str => throw new ExprException($"'in <string>' requires string as left operand, not {item.TypeName}"),
        ExprKind.List => container.AsList.Contains(item),
        ExprKind.Map => container.AsMap.ContainsKey(item.ToString()),
        _ => throw new ExprException($"argument of type '{container.TypeName}' is not iterable"),
    };
}
