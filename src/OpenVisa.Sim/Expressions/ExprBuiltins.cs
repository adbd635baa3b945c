using System.Globalization;
using OpenVisa.Sim.PyVisaSim;

namespace OpenVisa.Sim.Expressions;

/// <summary>
/// The functions expressions may call: <c>abs min max round float int str bool len chr ord sum</c>, the <c>math</c>
/// functions (also as bare names: <c>sin(x)</c>), <c>random.random/uniform/randint/gauss/choice</c> on the instrument's
/// seeded generator, and a few methods of text (<c>upper lower strip startswith endswith replace split</c>) and state
/// (<c>get keys values</c>). Nothing else exists, so a profile cannot reach the machine.
/// </summary>
internal static class ExprBuiltins
{
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>(StringComparer.Ordinal)
    {
        "abs", "min", "max", "round", "float", "int", "str", "bool", "len", "chr", "ord", "sum",
    };

    public static readonly IReadOnlySet<string> MathFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "sqrt", "exp", "log", "log10", "log2",
        "floor", "ceil", "fabs", "pow", "hypot", "degrees", "radians", "trunc", "isnan", "isinf", "copysign", "fmod",
    };

    /// <summary>Periodic shapes for waveform formulas, period 2π and range -1…1 like <c>sin</c> (as scipy.signal's).</summary>
    public static readonly IReadOnlySet<string> WaveFunctions = new HashSet<string>(StringComparer.Ordinal) { "square", "triangle", "sawtooth" };

    public static readonly IReadOnlySet<string> RandomFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        "random", "uniform", "randint", "gauss", "choice",
    };

    public static readonly IReadOnlySet<string> Constants = new HashSet<string>(StringComparer.Ordinal) { "pi", "e", "tau", "inf", "nan" };

    public static bool TryConstant(string name, out ExprValue value)
    {
        value = name switch
        {
            "pi" => ExprValue.Float(Math.PI),
            "e" => ExprValue.Float(Math.E),
            "tau" => ExprValue.Float(Math.Tau),
            "inf" => ExprValue.Float(double.PositiveInfinity),
            "nan" => ExprValue.Float(double.NaN),
            _ => ExprValue.None,
        };
        return Constants.Contains(name);
    }

    public static ExprValue CallFunction(string name, ExprValue[] args, ExprScope scope)
    {
        if (MathFunctions.Contains(name))
            return CallModule("math", name, args, scope);
        if (WaveFunctions.Contains(name))
        {
            Count(name, args, 1);
            var phase = Number(name, args[0]).AsFloat;
            var cycle = phase / Math.Tau - Math.Floor(phase / Math.Tau);
            var saw = 2 * cycle - 1;
            return ExprValue.Float(name switch
            {
                "square" => cycle < 0.5 ? 1.0 : -1.0,
                "sawtooth" => saw,
                _ => 2 * Math.Abs(saw) - 1,
            });
        }
        if (name == "random" && args.Length == 0)
            return ExprValue.Float(scope.Random.Random());
        switch (name)
        {
            case "abs":
                Count(name, args, 1);
                return args[0].Kind == ExprKind.Float ? ExprValue.Float(Math.Abs(args[0].AsFloat)) : ExprValue.Int(checked(Math.Abs(Number(name, args[0]).AsInt)));
            case "min":
            case "max":
                return Extreme(name, args);
            case "round":
                return Round(args);
            case "float":
                Count(name, args, 1);
                return ToFloat(args[0]);
            case "int":
                return ToInt(args);
            case "str":
                Count(name, args, 1);
                return ExprValue.Str(args[0].ToString());
            case "bool":
                Count(name, args, 1);
                return ExprValue.Bool(args[0].IsTruthy);
            case "len":
                Count(name, args, 1);
                return ExprValue.Int(args[0].Kind switch
                {
                    ExprKind.Str => args[0].AsStr.Length,
                    ExprKind.List => args[0].AsList.Count,
                    ExprKind.Map => args[0].AsMap.Count,
                    _ => throw new ExprException($"object of type '{args[0].TypeName}' has no len()"),
                });
            case "chr":
                Count(name, args, 1);
                var code = Number(name, args[0]).AsInt;
                if (code is < 0 or > 0x10FFFF)
                    throw new ExprException($"chr() arg not in range(0x110000): {code}");
                return ExprValue.Str(char.ConvertFromUtf32((int)code));
            case "ord":
                Count(name, args, 1);
                if (args[0].Kind != ExprKind.Str || args[0].AsStr.Length != 1)
                    throw new ExprException("ord() expected a character (a string of length 1)");
                return ExprValue.Int(args[0].AsStr[0]);
            case "sum":
                Count(name, args, 1);
                if (args[0].Kind != ExprKind.List)
                    throw new ExprException($"sum() takes a list, not {args[0].TypeName}");
                return args[0].AsList.Aggregate(ExprValue.Int(0), (total, item) => ExprOperators.Binary("+", total, item));
        }
        throw new ExprException($"'{name}' is not a function available in simulator expressions (available: {string.Join(", ", Functions.Order(StringComparer.Ordinal))}, the math functions, random())");
    }

    public static ExprValue CallModule(string module, string name, ExprValue[] args, ExprScope scope)
    {
        if (module == "random")
        {
            switch (name)
            {
                case "random":
                    Count(name, args, 0);
                    return ExprValue.Float(scope.Random.Random());
                case "uniform":
                    Count(name, args, 2);
                    return ExprValue.Float(scope.Random.Uniform(Number(name, args[0]).AsFloat, Number(name, args[1]).AsFloat));
                case "randint":
                    Count(name, args, 2);
                    try
                    {
                        return ExprValue.Int(scope.Random.RandInt(Integer(name, args[0]), Integer(name, args[1])));
                    }
                    catch (ArgumentException e)
                    {
                        throw new ExprException(e.Message);
                    }
                case "gauss":
                    Count(name, args, 2);
                    return ExprValue.Float(scope.Random.Gauss(Number(name, args[0]).AsFloat, Number(name, args[1]).AsFloat));
                case "choice":
                    Count(name, args, 1);
                    if (args[0].Kind != ExprKind.List || args[0].AsList.Count == 0)
                        throw new ExprException("random.choice() takes a non-empty list");
                    return args[0].AsList[(int)scope.Random.RandBelow((ulong)args[0].AsList.Count)];
            }
            throw new ExprException($"random.{name} is not available (available: {string.Join(", ", RandomFunctions.Order(StringComparer.Ordinal))})");
        }
        if (!MathFunctions.Contains(name))
            throw new ExprException($"math.{name} is not available (available: {string.Join(", ", MathFunctions.Order(StringComparer.Ordinal))}, and pi, e, tau, inf, nan)");
        double A(int k) => Number(name, args[k]).AsFloat;
        switch (name)
        {
            case "atan2":
            case "pow":
            case "hypot":
            case "copysign":
            case "fmod":
                Count(name, args, 2);
                return ExprValue.Float(name switch
                {
                    "atan2" => Math.Atan2(A(0), A(1)),
                    "pow" => Math.Pow(A(0), A(1)),
                    "hypot" => Math.Sqrt(A(0) * A(0) + A(1) * A(1)),
                    "copysign" => Math.CopySign(A(0), A(1)),
                    _ => A(0) % A(1),
                });
            case "log" when args.Length == 2:
                return ExprValue.Float(Math.Log(A(0)) / Math.Log(A(1)));
            case "floor":
            case "ceil":
            case "trunc":
                Count(name, args, 1);
                var rounded = name switch { "floor" => Math.Floor(A(0)), "ceil" => Math.Ceiling(A(0)), _ => Math.Truncate(A(0)) };
                if (!double.IsFinite(rounded))
                    throw new ExprException($"cannot convert {PyFloat.Repr(rounded)} to an integer");
                return ExprValue.Int((long)rounded);
            case "isnan":
                Count(name, args, 1);
                return ExprValue.Bool(double.IsNaN(A(0)));
            case "isinf":
                Count(name, args, 1);
                return ExprValue.Bool(double.IsInfinity(A(0)));
        }
        Count(name, args, 1);
        var x = A(0);
        var result = name switch
        {
            "sin" => Math.Sin(x),
            "cos" => Math.Cos(x),
            "tan" => Math.Tan(x),
            "asin" => Math.Asin(x),
            "acos" => Math.Acos(x),
            "atan" => Math.Atan(x),
            "sinh" => Math.Sinh(x),
            "cosh" => Math.Cosh(x),
            "tanh" => Math.Tanh(x),
            "sqrt" when x < 0 => throw new ExprException("math domain error (sqrt of a negative number)"),
            "sqrt" => Math.Sqrt(x),
            "exp" => Math.Exp(x),
            "log" when x <= 0 => throw new ExprException("math domain error (log of a number that is not positive)"),
            "log" => Math.Log(x),
            "log10" => Math.Log10(x),
            "log2" => Math.Log2(x),
            "fabs" => Math.Abs(x),
            "degrees" => x * 180 / Math.PI,
            _ => x * Math.PI / 180,
        };
        return ExprValue.Float(result);
    }

    public static ExprValue CallMethod(ExprValue target, string name, ExprValue[] args)
    {
        if (target.Kind == ExprKind.Str)
        {
            var text = target.AsStr;
            switch (name)
            {
                case "upper": Count(name, args, 0); return ExprValue.Str(text.ToUpperInvariant());
                case "lower": Count(name, args, 0); return ExprValue.Str(text.ToLowerInvariant());
                case "strip": return ExprValue.Str(args.Length == 0 ? text.Trim() : text.Trim(Text(name, args[0]).ToCharArray()));
                case "lstrip": return ExprValue.Str(args.Length == 0 ? text.TrimStart() : text.TrimStart(Text(name, args[0]).ToCharArray()));
                case "rstrip": return ExprValue.Str(args.Length == 0 ? text.TrimEnd() : text.TrimEnd(Text(name, args[0]).ToCharArray()));
                case "startswith": Count(name, args, 1); return ExprValue.Bool(text.StartsWith(Text(name, args[0]), StringComparison.Ordinal));
                case "endswith": Count(name, args, 1); return ExprValue.Bool(text.EndsWith(Text(name, args[0]), StringComparison.Ordinal));
                case "replace": Count(name, args, 2); return ExprValue.Str(text.Replace(Text(name, args[0]), Text(name, args[1]), StringComparison.Ordinal));
                case "split":
                    var parts = args.Length == 0
                        ? text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                        : text.Split(Text(name, args[0]));
                    return ExprValue.List([.. parts.Select(ExprValue.Str)]);
            }
        }
        else if (target.Kind == ExprKind.Map)
        {
            var map = target.AsMap;
            switch (name)
            {
                case "get":
                    if (args.Length is < 1 or > 2)
                        throw new ExprException("get() takes a key and an optional default");
                    return map.TryGetValue(args[0].ToString(), out var value) ? value : args.Length == 2 ? args[1] : ExprValue.None;
                case "keys": Count(name, args, 0); return ExprValue.List([.. map.Keys.Select(ExprValue.Str)]);
                case "values": Count(name, args, 0); return ExprValue.List([.. map.Select(p => p.Value)]);
            }
        }
        throw new ExprException($"a {target.TypeName} has no method '{name}' here");
    }

    private static void Count(string name, ExprValue[] args, int expected)
    {
        if (args.Length != expected)
            throw new ExprException($"{name}() takes {expected} argument{(expected == 1 ? "" : "s")} ({args.Length} given)");
    }

    private static ExprValue Number(string name, ExprValue value) =>
        value.IsNumber ? value : throw new ExprException($"{name}() needs a number, not {value.TypeName} {value.Repr()}; convert text with float(…)");

    private static long Integer(string name, ExprValue value) =>
        value.Kind is ExprKind.Int or ExprKind.Bool ? value.AsInt : throw new ExprException($"{name}() needs an integer, not {value.TypeName} {value.Repr()}");

    private static string Text(string name, ExprValue value) =>
        value.Kind == ExprKind.Str ? value.AsStr : throw new ExprException($"{name}() needs text, not {value.TypeName}");

    private static ExprValue Extreme(string name, ExprValue[] args)
    {
        IEnumerable<ExprValue> items = args.Length == 1 && args[0].Kind == ExprKind.List ? args[0].AsList : args;
        var list = items.ToList();
        if (list.Count == 0)
            throw new ExprException($"{name}() of nothing");
        var best = list[0];
        foreach (var item in list.Skip(1))
        {
            if (ExprOperators.Compare(name == "min" ? "<" : ">", item, best))
                best = item;
        }
        return best;
    }

    private static ExprValue Round(ExprValue[] args)
    {
        if (args.Length is < 1 or > 2)
            throw new ExprException("round() takes a number and an optional count of digits");
        var value = Number("round", args[0]);
        if (args.Length == 1 || args[1].Kind == ExprKind.None)
        {
            if (value.Kind != ExprKind.Float)
                return ExprValue.Int(value.AsInt);
            var rounded = Math.Round(value.AsFloat, MidpointRounding.ToEven);
            if (!double.IsFinite(rounded))
                throw new ExprException($"cannot round {PyFloat.Repr(rounded)} to an integer");
            return ExprValue.Int((long)rounded);
        }
        var digits = Integer("round", args[1]);
        if (value.Kind != ExprKind.Float)
            return value;
        if (!double.IsFinite(value.AsFloat) || digits > 300 || digits < -300)
            return value;
        if (digits < 0)
        {
            var scale = Math.Pow(10, -digits);
            return ExprValue.Float(Math.Round(value.AsFloat / scale, MidpointRounding.ToEven) * scale);
        }
        // Python rounds the exact binary value, as .NET's fixed-point formatting does: round(2.675, 2) is 2.67.
        var text = value.AsFloat.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return ExprValue.Float(double.Parse(text, CultureInfo.InvariantCulture));
    }

    private static ExprValue ToFloat(ExprValue value)
    {
        if (value.IsNumber)
            return ExprValue.Float(value.AsFloat);
        if (value.Kind == ExprKind.Str && PyFloat.TryParse(value.AsStr, out var parsed))
            return ExprValue.Float(parsed);
        throw new ExprException($"could not convert {value.TypeName} to float: {value.Repr()}");
    }

    private static ExprValue ToInt(ExprValue[] args)
    {
        if (args.Length is < 1 or > 2)
            throw new ExprException("int() takes a value and an optional base");
        var value = args[0];
        if (args.Length == 2)
        {
            var radix = Integer("int", args[1]);
            if (value.Kind == ExprKind.Str && radix is >= 2 and <= 36 && PyInt.TryParse(value.AsStr, (int)radix, out var based))
                return ExprValue.Int(based);
            throw new ExprException($"invalid literal for int() with base {radix}: {value.Repr()}");
        }
        switch (value.Kind)
        {
            case ExprKind.Int:
            case ExprKind.Bool:
                return ExprValue.Int(value.AsInt);
            case ExprKind.Float:
                if (!double.IsFinite(value.AsFloat) || Math.Abs(value.AsFloat) >= 9.2233720368547758E+18)
                    throw new ExprException($"cannot convert float {PyFloat.Repr(value.AsFloat)} to integer");
                return ExprValue.Int((long)Math.Truncate(value.AsFloat));
            case ExprKind.Str when PyInt.TryParse(value.AsStr, 10, out var parsed):
                return ExprValue.Int(parsed);
            default:
                throw new ExprException($"invalid literal for int() with base 10: {value.Repr()}");
        }
    }
}
