using System.Globalization;

namespace OpenVisa.Sim.PyVisaSim;

/// <summary>The Python type a pyvisa-sim value has: text unless a property's specs give it a type.</summary>
internal enum PyKind
{
    Str,
    Int,
    Float,

    /// <summary>A <c>dict</c> a setter pattern with named fields (or none) produced; held as its <c>repr</c>.</summary>
    Dict,

    /// <summary>A <c>list</c> a setter pattern with several unnamed fields produced; held as its <c>repr</c>.</summary>
    List,
}

/// <summary>
/// A value as pyvisa-sim holds it: a Python <c>str</c>, <c>int</c> or <c>float</c>. Properties without specs keep
/// whatever the setter's pattern produced (text for <c>{}</c>, a float for <c>{:f}</c>); specs convert with Python's
/// <c>float()</c>, <c>int()</c> or <c>str()</c>.
/// </summary>
internal readonly struct PyValue : IEquatable<PyValue>
{
    private readonly string? _text;
    private readonly long _integer;
    private readonly double _real;

    private PyValue(PyKind kind, string? text, long integer, double real)
    {
        Kind = kind;
        _text = text;
        _integer = integer;
        _real = real;
    }

    public PyKind Kind { get; }

    public string Text => _text ?? "";

    public long Integer => _integer;

    public double Real => _real;

    public static PyValue Str(string text) => new(PyKind.Str, text, 0, 0);

    public static PyValue Int(long value) => new(PyKind.Int, null, value, 0);

    public static PyValue Float(double value) => new(PyKind.Float, null, 0, value);

    /// <summary>A <c>dict</c> or <c>list</c> of parsed fields, kept as the Python <c>repr</c> that <c>str()</c> and <c>{}</c> give.</summary>
    public static PyValue Container(PyKind kind, string repr) => new(kind, repr, 0, 0);

    /// <summary>True for a <c>dict</c> or <c>list</c>, which <c>float()</c> and <c>int()</c> refuse with a TypeError.</summary>
    public bool IsContainer => Kind is PyKind.Dict or PyKind.List;

    /// <summary>Python's <c>str(value)</c>.</summary>
    public override string ToString() => Kind switch
    {
        PyKind.Int => _integer.ToString(CultureInfo.InvariantCulture),
        PyKind.Float => PyFloat.Repr(_real),
        _ => Text,
    };

    /// <summary>The Python name of the type, for messages.</summary>
    public string TypeName => Kind switch
    {
        PyKind.Int => "int",
        PyKind.Float => "float",
        PyKind.Dict => "dict",
        PyKind.List => "list",
        _ => "str",
    };

    /// <summary>Python's <c>float(value)</c>; false where Python raises ValueError.</summary>
    public bool TryToFloat(out double value)
    {
        switch (Kind)
        {
            case PyKind.Float:
                value = _real;
                return true;
            case PyKind.Int:
                value = _integer;
                return true;
            default:
                return PyFloat.TryParse(Text, out value);
        }
    }

    /// <summary>Python's <c>int(value)</c>: text must be a decimal integer, floats truncate toward zero.</summary>
    public bool TryToInt(out long value)
    {
        switch (Kind)
        {
            case PyKind.Int:
                value = _integer;
                return true;
            case PyKind.Float:
                value = 0;
                if (!double.IsFinite(_real) || Math.Abs(_real) >= 9.2233720368547758E+18)
                    return false;
                value = (long)Math.Truncate(_real);
                return true;
            default:
                return PyInt.TryParse(Text, 10, out value);
        }
    }

    /// <summary>Converts to <paramref name="kind"/> as Python's constructor of that type would.</summary>
    public bool TryConvert(PyKind kind, out PyValue converted)
    {
        switch (kind)
        {
            case PyKind.Float when TryToFloat(out var real):
                converted = Float(real);
                return true;
            case PyKind.Int when TryToInt(out var integer):
                converted = Int(integer);
                return true;
            case PyKind.Str:
                converted = Kind == PyKind.Str ? this : Str(ToString());
                return true;
            case PyKind.Dict or PyKind.List:
                converted = this;
                return Kind == kind;
            default:
                converted = default;
                return false;
        }
    }

    /// <summary>Python equality: numbers compare by value across int and float, text only with text.</summary>
    public bool Equals(PyValue other)
    {
        if (Kind is PyKind.Str or PyKind.Dict or PyKind.List || other.Kind is PyKind.Str or PyKind.Dict or PyKind.List)
            return Kind == other.Kind && string.Equals(Text, other.Text, StringComparison.Ordinal);
        if (Kind == PyKind.Int && other.Kind == PyKind.Int)
            return _integer == other._integer;
        return AsDouble() == other.AsDouble();
    }

    public override bool Equals(object? obj) => obj is PyValue other && Equals(other);

    public override int GetHashCode() => Kind is PyKind.Str or PyKind.Dict or PyKind.List ? Text.GetHashCode(StringComparison.Ordinal) : AsDouble().GetHashCode();

    /// <summary>Python ordering for numbers (text compares ordinally); only used by specs of one type.</summary>
    public int CompareTo(PyValue other) =>
        Kind == PyKind.Str && other.Kind == PyKind.Str
            ? string.CompareOrdinal(Text, other.Text)
            : AsDouble().CompareTo(other.AsDouble());

    private double AsDouble() => Kind == PyKind.Int ? _integer : _real;
}
