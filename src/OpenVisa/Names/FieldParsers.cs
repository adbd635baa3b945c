using System.Globalization;

namespace OpenVisa;

/// <summary>Parses one part of a resource name into a <see cref="FieldValue"/>, or fails through the context.</summary>
internal delegate FieldValue FieldParser(string token, NameParseContext context);

/// <summary>The parsers for the kinds of value a resource name holds: bounded numbers, 16-bit IDs, free text, LAN device names.</summary>
internal static class FieldParsers
{
    /// <summary>A decimal number from <paramref name="min"/> to <paramref name="max"/>; the canonical text drops leading zeros.</summary>
    public static FieldParser Decimal(string fieldName, string label, int min, int max) =>
        (token, context) => FieldValue.Single(fieldName, ParseDecimal(token, label, min, max, context).ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A GPIB secondary address, 0 to 31 as VISA names write it. The IEEE 488 bus encoding 96 to 126 (0x60 + address)
    /// is refused rather than translated, with a hint, so that a canonical name always says what the user meant.
    /// </summary>
    public static FieldParser SecondaryAddress() => (token, context) =>
    {
        if (TryParseDecimal(token, out var value) && value is >= 96 and <= 126)
        {
            context.Fail($"the secondary address '{token}' is not a number from 0 to 31 (it looks like the bus encoding 96-126; write {value - 96} instead)");
        }
        return Decimal(ResourceFieldNames.SecondaryAddress, "the secondary address", 0, 31)(token, context);
    };

    /// <summary>A 16-bit ID in decimal or <c>0x</c> hex, kept as written (users recognise 0x0957, not 2391).</summary>
    public static FieldParser Hex16(string fieldName, string label) => (token, context) =>
    {
        RequireNonEmpty(token, label, context);
        if (!TryParseInteger(token, out var value) || value > 0xFFFF)
        {
            context.Fail($"{label} '{token}' is not a 16-bit number (decimal, or hex like 0x1AB1, at most 0xFFFF){SeparatorHint(token)}");
        }
        return FieldValue.Single(fieldName, token);
    };

    /// <summary>Free text without spaces or control characters (serial numbers, serial device paths).</summary>
    public static FieldParser Text(string fieldName, string label) => (token, context) =>
    {
        RequireNonEmpty(token, label, context);
        RequirePrintable(token, label, context);
        return FieldValue.Single(fieldName, token);
    };

    /// <summary>
    /// A VXI-11 or HiSLIP device name. Free text (<c>inst0</c>, <c>gpib0,5</c>, <c>usb0[…]</c>) except that a HiSLIP
    /// name's <c>,port</c> suffix must be a TCP port, since the backend connects to it.
    /// </summary>
    public static FieldValue LanDeviceName(string token, NameParseContext context)
    {
        const string label = "the LAN device name";
        RequireNonEmpty(token, label, context);
        RequirePrintable(token, label, context);
        if (token.StartsWith("hislip", StringComparison.OrdinalIgnoreCase))
        {
            var comma = token.IndexOf(',', StringComparison.Ordinal);
            if (comma >= 0)
            {
                var port = token[(comma + 1)..];
                if (!TryParseDecimal(port, out var value) || value is < 1 or > 65535)
                {
                    context.Fail($"the HiSLIP port '{port}' in '{token}' is not a number from 1 to 65535");
                }
            }
        }
        return FieldValue.Single(ResourceFieldNames.LanDeviceName, token);
    }

    /// <summary>Parses a decimal number in range or fails with "LABEL 'x' is not a number from MIN to MAX".</summary>
    public static int ParseDecimal(string token, string label, int min, int max, NameParseContext context)
    {
        RequireNonEmpty(token, label, context);
        if (!TryParseDecimal(token, out var value) || value < min || value > max)
        {
            context.Fail($"{label} '{token}' is not a number from {min} to {max}{SeparatorHint(token)}");
        }
        return value;
    }

    /// <summary>True for plain ASCII digits (no sign, no spaces) that fit an <see cref="int"/>.</summary>
    public static bool TryParseDecimal(string token, out int value)
    {
        value = 0;
        return token.Length > 0 && token.All(char.IsAsciiDigit) &&
               int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True for a decimal number or a <c>0x</c> hex number (any case) that fits an <see cref="int"/>.</summary>
    public static bool TryParseInteger(string token, out int value)
    {
        if (token.Length > 2 && token[0] == '0' && (token[1] is 'x' or 'X'))
        {
            var hex = token.AsSpan(2);
            value = 0;
            return !hex.ContainsAnyExcept("0123456789abcdefABCDEF") &&
                   int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && value >= 0;
        }
        return TryParseDecimal(token, out value);
    }

    /// <summary>Fails with "LABEL is empty" for an empty part (as in <c>GPIB::::INSTR</c>).</summary>
    public static void RequireNonEmpty(string token, string label, NameParseContext context)
    {
        if (token.Length == 0)
        {
            context.Fail($"{label} is empty");
        }
    }

    private static void RequirePrintable(string token, string label, NameParseContext context)
    {
        if (token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            context.Fail($"{label} '{token}' contains a space or control character");
        }
    }

    /// <summary>A hint for the common slip of writing one colon where VISA wants two.</summary>
    public static string SeparatorHint(string token) =>
        token.Contains(':', StringComparison.Ordinal) ? " (parts are separated by '::', not ':')" : "";
}
