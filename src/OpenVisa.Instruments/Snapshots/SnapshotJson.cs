using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenVisa.Instruments;

/// <summary>Turns values into snapshot JSON, names classes as the snapshot writes them, and formats timestamps.</summary>
public static class SnapshotJson
{
    /// <summary>Indented JSON with characters such as µ and ° kept readable.</summary>
    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The snapshot as indented JSON text.</summary>
    public static string ToJsonString(JsonObject snapshot) => snapshot.ToJsonString(Indented);

    /// <summary>
    /// The timestamp form QCoDeS writes: local time, <c>yyyy-MM-dd HH:mm:ss</c>, no offset (what every released QCoDeS
    /// version writes and reads).
    /// </summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A type's name in snapshots: namespace and name, generic arguments in C# form (<c>Parameter&lt;double&gt;</c>).</summary>
    public static string ClassName(Type type)
    {
        if (!type.IsGenericType)
            return Alias(type) ?? type.FullName ?? type.Name;
        var name = type.GetGenericTypeDefinition().FullName ?? type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
            name = name[..tick];
        return name + "<" + string.Join(", ", type.GetGenericArguments().Select(ClassName)) + ">";
    }

    /// <summary>
    /// A value as JSON: numbers, booleans and strings as themselves, enums by name, arrays as lists, non-finite reals
    /// as the strings "NaN", "Infinity", "-Infinity", records and other objects through System.Text.Json.
    /// </summary>
    public static JsonNode? ToNode(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonNode node:
                return node.DeepClone();
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case double d:
                return Real(d);
            case float f:
                return Real(f);
            case Enum e:
                return JsonValue.Create(e.ToString());
            case DateTimeOffset t:
                return JsonValue.Create(Timestamp(t));
            case TimeSpan span:
                return Real(span.TotalSeconds);
            case Array array when array.Rank > 1:
                return MultiDimensional(array, 0, new int[array.Rank]);
            case IDictionary dictionary:
                var obj = new JsonObject();
                foreach (DictionaryEntry entry in dictionary)
                    obj[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = ToNode(entry.Value);
                return obj;
            case IEnumerable items:
                var list = new JsonArray();
                foreach (var item in items)
                    list.Add(ToNode(item));
                return list;
        }
        if (value.GetType().IsPrimitive || value is decimal)
            return JsonValue.Create(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
        try
        {
            return JsonSerializer.SerializeToNode(value, value.GetType());
        }
        catch (NotSupportedException)
        {
            return JsonValue.Create(value.ToString());
        }
    }

    /// <summary>A value as short text for the readable form: reals with 5 significant digits, strings as they are.</summary>
    public static string ReadableValue(JsonNode? node)
    {
        if (node is null)
            return "None";
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number)
                return ReadableNumber(value);
            if (value.TryGetValue<string>(out var s))
                return s;
            if (value.TryGetValue<bool>(out var b))
                return b ? "True" : "False";
        }
        var text = new StringBuilder(node.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return text.ToString();
    }

    /// <summary>
    /// A real as JSON the way QCoDeS writes it: a float keeps its decimal point (<c>1.0</c>, not <c>1</c>), so a reader
    /// tells a float from an integer; non-finite values become the strings "NaN", "Infinity", "-Infinity".
    /// </summary>
    public static JsonNode Real(double d) =>
        double.IsNaN(d) ? JsonValue.Create("NaN")
        : double.IsPositiveInfinity(d) ? JsonValue.Create("Infinity")
        : double.IsNegativeInfinity(d) ? JsonValue.Create("-Infinity")
        : JsonNode.Parse(PythonFloat.Repr(d))!;

    /// <summary>
    /// An integer as written; a float with a whole value below 1e15 as its digits (<c>1000000</c>, not <c>1e+06</c>), any
    /// other float with 5 significant digits as Python's <c>.5g</c> (<c>1.2346e+06</c>, <c>0.001</c>).
    /// </summary>
    private static string ReadableNumber(JsonValue value)
    {
        var text = value.ToJsonString();
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
            return text;
        var d = value.GetValue<double>();
        if (Math.Abs(d) < 1e15 && d == Math.Floor(d))
            return ((long)d).ToString(CultureInfo.InvariantCulture);
        return d.ToString("G5", CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    private static JsonArray MultiDimensional(Array array, int dimension, int[] index)
    {
        var result = new JsonArray();
        for (var i = 0; i < array.GetLength(dimension); i++)
        {
            index[dimension] = i;
            result.Add(dimension == array.Rank - 1 ? ToNode(array.GetValue(index)) : MultiDimensional(array, dimension + 1, index));
        }
        return result;
    }

    private static string? Alias(Type type) => type switch
    {
        _ when type == typeof(double) => "double",
        _ when type == typeof(float) => "float",
        _ when type == typeof(int) => "int",
        _ when type == typeof(long) => "long",
        _ when type == typeof(bool) => "bool",
        _ when type == typeof(string) => "string",
        _ when type == typeof(decimal) => "decimal",
        _ when type.IsArray => ClassName(type.GetElementType()!) + "[]",
        _ => null,
    };
}
