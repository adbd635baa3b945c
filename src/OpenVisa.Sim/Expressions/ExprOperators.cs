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
                ("+", ExprKind.Str, ExprKind.Str) => ExprValue.Str(left.AsStr + right.AsStr),
                ("+", ExprKind.List, ExprKind.List) => ExprValue.List([.. left.AsList, .. right.AsList]),
                ("*", ExprKind.Str, ExprKind.Int or ExprKind.Bool) => ExprValue.Str(Repeat(left.AsStr, right.AsInt)),
                ("*", ExprKind.Int or ExprKind.Bool, ExprKind.Str) => ExprValue.Str(Repeat(right.AsStr, left.AsInt)),
                ("*", ExprKind.List, ExprKind.Int) => ExprValue.List([.. Enumerable.Repeat(left.AsList, (int)Math.Max(0, right.AsInt)).SelectMany(l => l)]),
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
        if (count <= 0)
            return "";
        if (text.Length * count > 16 * 1024 * 1024)
            throw new ExprException($"repeating text {count} times makes more than 16 MiB");
        return new StringBuilder(text.Length * (int)count).Insert(0, text, (int)count).ToString();
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
                    long result = 1;
                    for (long k = 0; k < b; k++)
                        result = checked(result * a);
                    return ExprValue.Int(result);
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
