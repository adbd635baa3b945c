using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenVisa.Perf;

/// <summary>How a perf child writes its report lines: one JSON object a line, camelCase keys, nulls left out.</summary>
internal static class PerfJson
{
    public static readonly JsonSerializerOptions Lines = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
