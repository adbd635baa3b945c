using System.Globalization;

namespace OpenVisa.Instruments.Validators;

/// <summary>One dimension of an <see cref="Arrays"/> shape: a fixed length, or a length read when validating (e.g. a points parameter).</summary>
public readonly struct ArrayDimension
{
    private readonly Func<int>? _length;
    private readonly int _fixed;
    private readonly string? _name;

    private ArrayDimension(int length, Func<int>? dynamic, string? name)
    {
        _fixed = length;
        _length = dynamic;
        _name = name;
    }

    /// <summary>A dimension of fixed length.</summary>
    public static ArrayDimension Fixed(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new(length, null, null);
    }

    /// <summary>A dimension whose length <paramref name="length"/> gives at validation time; <paramref name="name"/> shows in the repr.</summary>
    public static ArrayDimension Dynamic(Func<int> length, string name) =>
        new(0, length ?? throw new ArgumentNullException(nameof(length)), name ?? throw new ArgumentNullException(nameof(name)));

    /// <summary>A fixed dimension from an int.</summary>
    public static implicit operator ArrayDimension(int length) => Fixed(length);

    /// <summary>The length now.</summary>
    public int Length => _length?.Invoke() ?? _fixed;

    /// <summary>How the dimension shows in a repr: the number, or the name of a dynamic one.</summary>
    public override string ToString() => _name ?? _fixed.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A numeric array (any element type, any rank) whose elements are within bounds and whose shape matches.</summary>
public sealed class Arrays : Validator
{
    private readonly ArrayDimension[]? _shape;

    /// <summary>Creates the validator; a null <paramref name="shape"/> accepts any shape.</summary>
    public Arrays(double min = double.NegativeInfinity, double max = double.PositiveInfinity, ArrayDimension[]? shape = null)
    {
        if (min > max)
            throw new ArgumentException($"Arrays: the minimum {ValueText.Number(min)} is above the maximum {ValueText.Number(max)}.");
        Min = min;
        Max = max;
        _shape = shape is null ? null : [.. shape];
    }

    /// <summary>The smallest accepted element.</summary>
    public double Min { get; }

    /// <summary>The largest accepted element.</summary>
    public double Max { get; }

    /// <summary>The expected shape, or null for any.</summary>
    public IReadOnlyList<ArrayDimension>? Shape => _shape;

    /// <inheritdoc/>
    public override string Repr => $"<Arrays{RangeText.Repr(MinText, MaxText)}" + (_shape is null ? ">" : $", shape: {ShapeText(_shape.Select(d => d.ToString()))}>");

    /// <inheritdoc/>
    public override string Description =>
        "an array of numbers" + RangeText.Words(MinText, MaxText) + (_shape is null ? "" : " of shape " + ShapeText(_shape.Select(d => d.ToString())));

    private string? MinText => double.IsNegativeInfinity(Min) ? null : ValueText.Number(Min);

    private string? MaxText => double.IsPositiveInfinity(Max) ? null : ValueText.Number(Max);

    /// <inheritdoc/>
    protected internal override string? Check(object? value)
    {
        if (value is not Array array || !IsNumericElement(array.GetType().GetElementType()))
            return $"must be {Description}, not {TypeNames.Of(value)}";
        if (_shape is not null)
        {
            var actual = Enumerable.Range(0, array.Rank).Select(array.GetLength).ToArray();
            var expected = _shape.Select(d => d.Length).ToArray();
            if (!actual.SequenceEqual(expected))
                return $"must have shape {ShapeText(expected.Select(Invariant))}, not {ShapeText(actual.Select(Invariant))}";
        }
        var index = 0;
        foreach (var item in array)
        {
            NumericValue.TryGetDouble(item, out var number);
            if (!(number >= Min && number <= Max))
                return $"element {index} ({ValueText.Format(item)}) must be" + RangeText.Words(MinText, MaxText);
            index++;
        }
        return null;
    }

    private static bool IsNumericElement(Type? type) =>
        type is not null && type != typeof(bool) && type != typeof(char) && (type.IsPrimitive || type == typeof(decimal));

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string ShapeText(IEnumerable<string> dimensions)
    {
        var parts = dimensions.ToList();
        return parts.Count == 1 ? $"({parts[0]},)" : "(" + string.Join(", ", parts) + ")";
    }
}
