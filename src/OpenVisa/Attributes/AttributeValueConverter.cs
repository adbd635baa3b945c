using System.Globalization;

namespace OpenVisa;

/// <summary>
/// Turns user values into an attribute's CLR type and back into text. Integers pass through <see cref="Int128"/> so every
/// VISA integer type (including <c>ViUInt64</c>) is range-checked the same way.
/// </summary>
internal static class AttributeValueConverter
{
    private const string Operation = "SetAttribute";
    private const int ListedNamesLimit = 16;

    public static object Convert(AttributeInfo info, object? value)
    {
        if (value is null)
            throw Invalid(info, "null (no value)");
        return info.ValueType switch
        {
            AttributeValueType.Boolean => ToBoolean(info, value),
            AttributeValueType.String => value as string ?? throw Invalid(info, Show(value)),
            AttributeValueType.Buffer => ToBuffer(info, value),
            AttributeValueType.Version => (uint)ToVersion(info, value),
            _ => Box(info.ValueType, ToInteger(info, value)),
        };
    }

    public static string Format(AttributeInfo info, object value)
    {
        var typed = value.GetType() == info.ClrType ? value : Convert(info, value);
        return typed switch
        {
            bool b => b ? "true" : "false",
            string s => s,
            byte[] bytes => string.Join(' ', bytes.Select(b => b.ToString("X2", CultureInfo.InvariantCulture))),
            uint v when info.ValueType == AttributeValueType.Version => FormatVersion(v),
            _ => FormatInteger(info, ToInt128(typed)),
        };
    }

    public static string DescribeValidValues(AttributeInfo info)
    {
        switch (info.ValueType)
        {
            case AttributeValueType.Boolean:
                return "true or false (also 1/0, yes/no, on/off)";
            case AttributeValueType.String:
                return "text";
            case AttributeValueType.Buffer:
                return "a byte array";
            case AttributeValueType.Version:
                return "a version such as 1.0 or 7.0.0, or its ViVersion number such as 0x00700000";
        }
        var names = info.ValueNames;
        if (names is { Count: > ListedNamesLimit })
            return $"one of {names.Count} names such as {string.Join(", ", names.Values.Order(StringComparer.Ordinal).Take(3))}, or a number";
        var listed = names is null ? "" : string.Join(", ", names.OrderBy(p => p.Key).Select(p => $"{p.Value} ({FormatNumber(info, p.Key)})"));
        if (info.IsFlags)
            return $"one of {listed}, or several joined with '|' (e.g. {string.Join('|', names!.Where(p => p.Key != 0).Take(2).Select(p => p.Value))})";
        if (info.NamedValuesOnly)
            return $"one of {listed}";
        var (min, max) = Bounds(info);
        var unit = info.Unit is null ? "" : $" ({info.Unit})";
        var text = $"an integer from {FormatNumber(info, min)} to {FormatNumber(info, max)}{unit}";
        if (info.ValueType == AttributeValueType.Byte)
            text += ", or a character such as 'A' or \\n";
        return names is null ? text : $"{text}, or {listed}";
    }

    private static bool ToBoolean(AttributeInfo info, object value)
    {
        switch (value)
        {
            case bool b:
                return b;
            case string s:
                switch (s.Trim().ToLowerInvariant())
                {
                    case "true" or "1" or "yes" or "on" or "vi_true":
                        return true;
                    case "false" or "0" or "no" or "off" or "vi_false":
                        return false;
                }
                break;
            default:
                if (TryNumber(value, out var n) && (n == 0 || n == 1))
                    return n == 1;
                break;
        }
        throw Invalid(info, Show(value));
    }

    private static byte[] ToBuffer(AttributeInfo info, object value) => value switch
    {
        byte[] bytes => (byte[])bytes.Clone(),
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        Memory<byte> memory => memory.ToArray(),
        ArraySegment<byte> segment => segment.ToArray(),
        _ => throw Invalid(info, Show(value)),
    };

    private static long ToVersion(AttributeInfo info, object value)
    {
        if (value is string s && s.Contains('.', StringComparison.Ordinal))
        {
            var parts = s.Trim().Split('.');
            if (parts.Length is 2 or 3 &&
                TryPart(parts[0], 0xFFF, out var major) && TryPart(parts[1], 0xFFF, out var minor) &&
                (parts.Length == 2 ? TryPart("0", 0, out var sub) : TryPart(parts[2], 0xFF, out sub)))
                return (major << 20) | (minor << 8) | sub;
            throw Invalid(info, Show(value));
        }
        return (long)ToInteger(info, value);

        static bool TryPart(string text, long max, out long part) =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out part) && part <= max;
    }

    private static Int128 ToInteger(AttributeInfo info, object value)
    {
        Int128 n;
        switch (value)
        {
            case string s:
                n = ParseInteger(info, s);
                break;
            case TimeSpan span when info.Unit == "ms":
                n = info.Id == VisaAttribute.TimeoutValue ? VisaTimeout.ToAttribute(span) : (Int128)Math.Round(span.TotalMilliseconds);
                break;
            case Enum e when Type.GetTypeCode(Enum.GetUnderlyingType(e.GetType())) == TypeCode.Int32 &&
                             info.ValueType is AttributeValueType.UInt32 or AttributeValueType.Version:
                // VISA ids (event types, status codes) live in int enums; as ViUInt32 they are the same 32 bits.
                n = unchecked((uint)System.Convert.ToInt32(e, CultureInfo.InvariantCulture));
                break;
            case bool:
                throw Invalid(info, Show(value));
            default:
                if (!TryNumber(value, out n))
                    throw Invalid(info, Show(value));
                break;
        }
        if (!IsValid(info, n))
            throw Invalid(info, Show(value));
        return n;
    }

    private static Int128 ParseInteger(AttributeInfo info, string text)
    {
        var t = text.Trim();
        if (info.ValueNames is { } names)
        {
            if (info.IsFlags && t.IndexOfAny(['|', ',', '+']) >= 0)
            {
                Int128 flags = 0;
                foreach (var token in t.Split(['|', ',', '+'], StringSplitOptions.TrimEntries))
                    flags |= TryName(names, token, out var bit) ? bit : ParseNumber(info, token, text);
                return flags;
            }
            if (TryName(names, t, out var named))
                return named;
        }
        if (info.ValueType == AttributeValueType.Byte && TryCharacter(t, out var character))
            return character;
        return ParseNumber(info, t, text);
    }

    private static Int128 ParseNumber(AttributeInfo info, string token, string original)
    {
        if (token.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
            ulong.TryParse(token.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits))
            return FromBitPattern(info.ValueType, bits);
        if (Int128.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            return n;
        throw Invalid(info, $"\"{original}\"");
    }

    // A hex literal is a bit pattern, as in C: 0xFFFF is -1 for a ViInt16, 0xBFFF0015 a negative ViStatus.
    private static Int128 FromBitPattern(AttributeValueType type, ulong bits) => type switch
    {
        AttributeValueType.Int16 when bits is > 0x7FFF and <= 0xFFFF => (short)bits,
        AttributeValueType.Int32 when bits is > 0x7FFFFFFF and <= 0xFFFFFFFF => (int)bits,
        AttributeValueType.Int64 when bits > long.MaxValue => unchecked((long)bits),
        _ => bits,
    };

    private static bool TryName(IReadOnlyDictionary<long, string> names, string text, out Int128 value)
    {
        var wanted = text.Replace('-', '_').Replace(' ', '_');
        foreach (var (key, name) in names)
        {
            if (string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = key;
                return true;
            }
        }
        value = 0;
        return false;
    }

    // Characters for ViUInt8 attributes: 'A', A (a single non-digit), \n \r \t \0 \\ \' and \xNN, quoted or not.
    private static bool TryCharacter(string text, out Int128 value)
    {
        value = 0;
        var t = text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' ? text[1..^1] : text;
        if (t.Length == 1 && (t != text || !char.IsAsciiDigit(t[0])))
        {
            value = t[0];
            return t[0] <= 0xFF;
        }
        if (t.Length < 2 || t[0] != '\\')
            return false;
        if (t.Length == 2)
        {
            int? escaped = t[1] switch { 'n' => 10, 'r' => 13, 't' => 9, '0' => 0, '\\' => 92, '\'' => 39, 'a' => 7, 'e' => 27, _ => null };
            value = escaped ?? 0;
            return escaped is not null;
        }
        if ((t[1] == 'x' || t[1] == 'X') && t.Length <= 4 &&
            byte.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
        {
            value = b;
            return true;
        }
        return false;
    }

    private static bool IsValid(AttributeInfo info, Int128 n)
    {
        var (typeMin, typeMax) = TypeBounds(info.ValueType);
        if (n < typeMin || n > typeMax)
            return false;
        var names = info.ValueNames;
        if (names is not null && n >= long.MinValue && n <= long.MaxValue && names.ContainsKey((long)n))
            return true;
        if (info.IsFlags && names is not null)
        {
            long all = 0;
            foreach (var key in names.Keys)
                all |= key;
            return (n & ~(Int128)all) == 0;
        }
        if (info.NamedValuesOnly)
            return false;
        var (min, max) = Bounds(info);
        return n >= min && n <= max;
    }

    private static (Int128 Min, Int128 Max) Bounds(AttributeInfo info)
    {
        var (typeMin, typeMax) = TypeBounds(info.ValueType);
        return (info.Minimum ?? typeMin, info.Maximum ?? typeMax);
    }

    private static (Int128 Min, Int128 Max) TypeBounds(AttributeValueType type) => type switch
    {
        AttributeValueType.Byte => (byte.MinValue, byte.MaxValue),
        AttributeValueType.Int16 => (short.MinValue, short.MaxValue),
        AttributeValueType.UInt16 => (ushort.MinValue, ushort.MaxValue),
        AttributeValueType.Int32 => (int.MinValue, int.MaxValue),
        AttributeValueType.UInt32 or AttributeValueType.Version => (uint.MinValue, uint.MaxValue),
        AttributeValueType.Int64 => (long.MinValue, long.MaxValue),
        AttributeValueType.UInt64 => (ulong.MinValue, ulong.MaxValue),
        _ => (0, 0),
    };

    private static object Box(AttributeValueType type, Int128 n) => type switch
    {
        AttributeValueType.Byte => (byte)n,
        AttributeValueType.Int16 => (short)n,
        AttributeValueType.UInt16 => (ushort)n,
        AttributeValueType.Int32 => (int)n,
        AttributeValueType.UInt32 => (uint)n,
        AttributeValueType.Int64 => (long)n,
        AttributeValueType.UInt64 => (ulong)n,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an integer attribute type."),
    };

    private static bool TryNumber(object value, out Int128 n)
    {
        switch (value)
        {
            case sbyte v: n = v; return true;
            case byte v: n = v; return true;
            case short v: n = v; return true;
            case ushort v: n = v; return true;
            case int v: n = v; return true;
            case uint v: n = v; return true;
            case long v: n = v; return true;
            case ulong v: n = v; return true;
            case char v: n = v; return true;
            case Int128 v: n = v; return true;
            case UInt128 v when v <= (UInt128)Int128.MaxValue: n = (Int128)v; return true;
            case Enum e:
                n = Type.GetTypeCode(Enum.GetUnderlyingType(e.GetType())) is TypeCode.UInt64
                    ? System.Convert.ToUInt64(e, CultureInfo.InvariantCulture)
                    : System.Convert.ToInt64(e, CultureInfo.InvariantCulture);
                return true;
            case double v when double.IsFinite(v) && Math.Floor(v) == v && Math.Abs(v) < 1e19: n = (Int128)v; return true;
            case float v when float.IsFinite(v) && MathF.Floor(v) == v && Math.Abs(v) < 1e19f: n = (Int128)v; return true;
            case decimal v when decimal.Truncate(v) == v: n = (Int128)v; return true;
            default: n = 0; return false;
        }
    }

    private static Int128 ToInt128(object typed) => TryNumber(typed, out var n) ? n : throw new ArgumentException($"Not an integer: {typed}.", nameof(typed));

    private static string FormatInteger(AttributeInfo info, Int128 n)
    {
        var names = info.ValueNames;
        var fits = n >= long.MinValue && n <= long.MaxValue;
        if (names is not null && fits && names.TryGetValue((long)n, out var name))
            return name;
        if (info.IsFlags && names is not null && n > 0)
        {
            var parts = names.Where(p => p.Key != 0 && (n & p.Key) == p.Key).OrderBy(p => p.Key).Select(p => p.Value).ToList();
            Int128 covered = 0;
            foreach (var p in names)
                if ((n & p.Key) == p.Key) covered |= p.Key;
            if (n != covered)
                parts.Add(FormatNumber(info, n & ~covered));
            return string.Join('|', parts);
        }
        return FormatNumber(info, n);
    }

    private static string FormatNumber(AttributeInfo info, Int128 n)
    {
        if (!info.ShowAsHex || n < 0)
            return n.ToString(CultureInfo.InvariantCulture);
        var digits = info.ValueType switch
        {
            AttributeValueType.Byte => 2,
            AttributeValueType.Int16 or AttributeValueType.UInt16 => n > 0xFF ? 4 : 2,
            AttributeValueType.Int32 or AttributeValueType.UInt32 => 8,
            _ => n > uint.MaxValue ? 16 : 8,
        };
        return "0x" + ((UInt128)n).ToString("X" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string FormatVersion(uint v) =>
        string.Create(CultureInfo.InvariantCulture, $"{v >> 20}.{(v >> 8) & 0xFFF}.{v & 0xFF}");

    private static string Show(object value) => value switch
    {
        string s => $"\"{s}\"",
        byte[] bytes => $"a {bytes.Length}-byte array",
        _ => $"{System.Convert.ToString(value, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
    };

    private static VisaException Invalid(AttributeInfo info, string shown) =>
        new(StatusCode.ErrorNonsupportedAttributeState,
            $"{info.Name} cannot be {shown}: expected {DescribeValidValues(info)}.", Operation);
}
