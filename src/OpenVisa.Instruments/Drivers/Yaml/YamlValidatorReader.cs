using System.Globalization;
using OpenVisa.Instruments.Benches;
using OpenVisa.Instruments.Validators;
using YamlDotNet.RepresentationModel;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>
/// Reads the <c>validator:</c> of a YAML driver's parameter or function argument into a <see cref="Validator"/>
/// (numbers, ints, multiples, enumerated values, string lengths), and the <c>{name}</c> bounds a channel list fills in.
/// </summary>
internal static class YamlValidatorReader
{
    private static readonly string[] ValidatorFields = ["min", "max", "values", "max_length", "min_length", "multiple_of"];

    /// <summary>The variable name of a bound written <c>{name}</c>; null for a number or nothing.</summary>
    private static string? VariableName(YamlNode? node) =>
        node is YamlScalarNode { Value: { Length: > 2 } text } && text[0] == '{' && text[^1] == '}' && InstrumentNames.IsValid(text[1..^1]) ? text[1..^1] : null;

    /// <summary>The variable a float parameter's validator bound <paramref name="key"/> names, or null (with an error where it cannot).</summary>
    public static string? BoundVariable(YamlNode? validator, string key, string at, YamlValueType type, YamlFields fields)
    {
        if (validator is not YamlMappingNode mapping || VariableName(YamlFields.Get(mapping, key)) is not { } name)
            return null;
        if (type != YamlValueType.Float || YamlFields.Get(mapping, "multiple_of") is not null || YamlFields.Get(mapping, "values") is not null)
        {
            fields.Error(YamlFields.Get(mapping, key), $"{at}.validator.{key}", "a bound from a channel variable ({" + name + "}) applies to float parameters with min/max only");
            return null;
        }
        return name;
    }

    public static Validator? Read(YamlNode? node, string field, YamlValueType type, YamlFields fields)
    {
        if (fields.Mapping(node, field) is not { } mapping)
            return null;
        fields.UnknownKeys(mapping, field, ValidatorFields);
        var minNode = YamlFields.Get(mapping, "min");
        var maxNode = YamlFields.Get(mapping, "max");
        // A bound written {name} is a channel-list variable (one rating per output), set when each channel is built.
        var min = VariableName(minNode) is null ? fields.Number(minNode, field + ".min") : null;
        var max = VariableName(maxNode) is null ? fields.Number(maxNode, field + ".max") : null;
        var valuesNode = YamlFields.Get(mapping, "values");
        var multipleNode = YamlFields.Get(mapping, "multiple_of");
        if (valuesNode is not null)
        {
            var values = fields.StringList(valuesNode, field + ".values");
            var typed = new List<object?>();
            foreach (var text in values)
            {
                if (TypedValue(text, type) is { } value)
                    typed.Add(value);
                else
                    fields.Error(valuesNode, field + ".values", $"'{text}' is not a {type.ToString().ToLowerInvariant()} value");
            }
            return typed.Count == 0 ? null : new EnumValues([.. typed]);
        }
        if (type == YamlValueType.Str)
        {
            var minLength = fields.Number(YamlFields.Get(mapping, "min_length"), field + ".min_length") ?? 0;
            var maxLength = fields.Number(YamlFields.Get(mapping, "max_length"), field + ".max_length") ?? 1_000_000_000;
            if (minLength < 0 || maxLength < minLength || minLength != Math.Floor(minLength) || maxLength != Math.Floor(maxLength))
            {
                fields.Error(mapping, field, "min_length and max_length are whole numbers, 0 <= min_length <= max_length");
                return null;
            }
            return new Strings((int)minLength, (int)maxLength);
        }
        if (type == YamlValueType.Bool)
        {
            fields.Error(mapping, field, "a bool parameter needs no validator (true and false are checked already)");
            return null;
        }
        if (min is not null && max is not null && min > max)
        {
            fields.Error(minNode, field + ".min", $"the minimum {min.Value.ToString(CultureInfo.InvariantCulture)} is above the maximum {max.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        if (type == YamlValueType.Int)
        {
            if ((min is { } a && a != Math.Floor(a)) || (max is { } b && b != Math.Floor(b)))
            {
                fields.Error(minNode ?? maxNode, field, "the bounds of an int parameter are whole numbers");
                return null;
            }
            var divisor = fields.PositiveInteger(multipleNode, field + ".multiple_of");
            return divisor is { } d
                ? new Multiples(d, min is { } lo ? (long)lo : long.MinValue, max is { } hi ? (long)hi : long.MaxValue)
                : new Ints(min is { } l ? (long)l : long.MinValue, max is { } h ? (long)h : long.MaxValue);
        }
        if (multipleNode is not null)
        {
            var step = fields.Number(multipleNode, field + ".multiple_of");
            if (step is not > 0)
                return null;
            return new MultiTypeAnd(new PermissiveMultiples(step.Value), new Numbers(min ?? double.NegativeInfinity, max ?? double.PositiveInfinity));
        }
        return new Numbers(min ?? double.NegativeInfinity, max ?? double.PositiveInfinity);
    }

    private static object? TypedValue(string text, YamlValueType type) => type switch
    {
        YamlValueType.Float => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        YamlValueType.Int => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
        YamlValueType.Bool => bool.TryParse(text, out var b) ? b : null,
        _ => text,
    };
}
