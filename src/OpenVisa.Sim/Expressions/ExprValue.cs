using System.Globalization;
using System.Text;
using OpenVisa.Sim.PyVisaSim;

namespace OpenVisa.Sim.Expressions;

internal enum ExprKind
{
    None,
    Bool,
    Int,
    Float,
    Str,
    List,
    Map,
}

/// <summary>
/// A value in the simulator's expression language and in PyTestLab-style state: Python's None, bool, int, float, str,
/// list and dict, with Python's rules for arithmetic, comparison, truth and <c>str()</c>, so profiles written against
/// PyTestLab's Python expressions give the same text.
/// </summary>
internal readonly struct ExprValue : IEquatable<ExprValue>
{
    private readonly long _integer;
    private readonly double _real;
    private readonly object? _reference;

    private ExprValue(ExprKind kind, long integer, double real, object? reference)
    {
        Kind = kind;
        _integer = integer;
        _real = real;
        _reference = reference;
    }

    public ExprKind Kind { get; }

    public static ExprValue None => default;

    public static ExprValue True { get; } = new(ExprKind.Bool, 1, 0, null);

    public static ExprValue False { get; } = new(ExprKind.Bool, 0, 0, null);

    public static ExprValue Bool(bool value) => value ? True : False;

    public static ExprValue Int(long value) => new(ExprKind.Int, value, 0, null);

    public static ExprValue Float(double value) => new(ExprKind.Float, 0, value, null);

    public static ExprValue Str(string value) => new(ExprKind.Str, 0, 0, value);

    public static ExprValue List(List<ExprValue> items) => new(ExprKind.List, 0, 0, items);

    public static ExprValue Map(StateMap map) => new(ExprKind.Map, 0, 0, map);

    public bool IsNumber => Kind is ExprKind.Int or ExprKind.Float or ExprKind.Bool;

    public long AsInt => _integer;

    public double AsFloat => Kind == ExprKind.Float ? _real : _integer;

    public string AsStr => (string)_reference!;

    public List<ExprValue> AsList => (List<ExprValue>)_reference!;

    public StateMap AsMap => (StateMap)_reference!;

    /// <summary>Python's name of the type, for messages.</summary>
    public string TypeName => Kind switch
    {
        ExprKind.None => "NoneType",
        ExprKind.Bool => "bool",
        ExprKind.Int => "int",
        ExprKind.Float => "float",
        ExprKind.Str => "str",
        ExprKind.List => "list",
        _ => "dict",
    };

    /// <summary>Python truth.</summary>
    public bool IsTruthy => Kind switch
    {
        ExprKind.None => false,
        ExprKind.Bool or ExprKind.Int => _integer != 0,
        ExprKind.Float => _real != 0,
        ExprKind.Str => AsStr.Length > 0,
        ExprKind.List => AsList.Count > 0,
        _ => AsMap.Count > 0,
    };

    /// <summary>Python's <c>str()</c>.</summary>
    public override string ToString() => Kind switch
    {
        ExprKind.Str => AsStr,
        _ => Repr(),
    };

    /// <summary>Python's <c>repr()</c>.</summary>
    public string Repr()
    {
        if (Kind is not (ExprKind.List or ExprKind.Map))
            return ScalarRepr();
        // Lists and maps are written into one bounded builder: a list that holds one big list a million times is small
        // in memory but its text is not.
        var builder = new StringBuilder();
        ReprTo(builder, 0);
        return builder.ToString();
    }

    private string ScalarRepr() => Kind switch
    {
        ExprKind.None => "None",
        ExprKind.Bool => _integer != 0 ? "True" : "False",
        ExprKind.Int => _integer.ToString(CultureInfo.InvariantCulture),
        ExprKind.Float => PyFloat.Repr(_real),
        _ => PyFormatTemplate.Repr(PyValue.Str(AsStr), asciiOnly: false),
    };

    private void ReprTo(StringBuilder builder, int depth)
    {
        if (depth > 100)
            throw new ExprLimitException("the value nests lists and maps more than 100 levels deep, too deep to write out");
        switch (Kind)
        {
            case ExprKind.List:
                builder.Append('[');
                for (var i = 0; i < AsList.Count; i++)
                {
                    if (i > 0)
                        builder.Append(", ");
                    AsList[i].ReprTo(builder, depth + 1);
                    ExprLimits.CheckText(builder.Length, "the text of the list");
                }
                builder.Append(']');
                break;
            case ExprKind.Map:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in AsMap)
                {
                    if (!first)
                        builder.Append(", ");
                    first = false;
                    builder.Append(PyFormatTemplate.Repr(PyValue.Str(key), false)).Append(": ");
                    value.ReprTo(builder, depth + 1);
                    ExprLimits.CheckText(builder.Length, "the text of the map");
                }
                builder.Append('}');
                break;
            default:
                builder.Append(ScalarRepr());
                break;
        }
    }

    /// <summary>The value as pyvisa-sim's formatting sees it: numbers stay numbers (bool as int), everything else its <c>str()</c>.</summary>
    public PyValue ToPyValue(bool forNumericSpec) => Kind switch
    {
        ExprKind.Int => PyValue.Int(_integer),
        ExprKind.Bool when forNumericSpec => PyValue.Int(_integer),
        ExprKind.Float => PyValue.Float(_real),
        _ => PyValue.Str(ToString()),
    };

    /// <summary>A deep copy (lists and maps are copied), so the initial state is never changed by a running instrument.</summary>
    public ExprValue DeepCopy() => Kind switch
    {
        ExprKind.List => List([.. AsList.Select(v => v.DeepCopy())]),
        ExprKind.Map => Map(AsMap.DeepCopy()),
        _ => this,
    };

    /// <summary>Python equality (1 == 1.0 == True; lists and dicts by content).</summary>
    public bool Equals(ExprValue other)
    {
        if (IsNumber && other.IsNumber)
        {
            return Kind == ExprKind.Float || other.Kind == ExprKind.Float ? AsFloat == other.AsFloat : _integer == other._integer;
        }
        if (Kind != other.Kind)
            return false;
        return Kind switch
        {
            ExprKind.None => true,
            ExprKind.Str => AsStr == other.AsStr,
            ExprKind.List => AsList.SequenceEqual(other.AsList),
            ExprKind.Map => AsMap.Count == other.AsMap.Count && AsMap.All(p => other.AsMap.TryGetValue(p.Key, out var v) && v.Equals(p.Value)),
            _ => false,
        };
    }

    public override bool Equals(object? obj) => obj is ExprValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        ExprKind.Str => AsStr.GetHashCode(StringComparison.Ordinal),
        ExprKind.Int or ExprKind.Bool => _integer.GetHashCode(),
        ExprKind.Float => _real.GetHashCode(),
        _ => (int)Kind,
    };

    /// <summary>
    /// A value parsed from text the way state keeps captured values: a complete decimal integer becomes an int, a
    /// complete number a float, anything else stays text.
    /// </summary>
    public static ExprValue FromCapturedText(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length > 0 && trimmed.Length == text.Length)
        {
            if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                return Int(integer);
            if (LooksNumeric(trimmed) && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
                return Float(real);
        }
        return Str(text);
    }

    private static bool LooksNumeric(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))
                return false;
        }
        return text.ContainsAnyInRange('0', '9');
    }

    /// <summary>Appends Python's <c>str()</c> without allocating for numbers.</summary>
    public void AppendTo(StringBuilder builder) => builder.Append(ToString());
}
