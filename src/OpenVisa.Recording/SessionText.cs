using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenVisa;

/// <summary>Describes recorded operations in one line each, for tables and error messages.</summary>
public static class SessionText
{
    private const int PayloadLimit = 60;

    private static readonly HashSet<string> Plumbing =
    [
        SessionFields.Index, SessionFields.Time, SessionFields.Duration, SessionFields.Op, SessionFields.Session,
        SessionFields.ResourceManager, SessionFields.Resource, SessionFields.Text, SessionFields.Base64, SessionFields.Status,
        SessionFields.Error, SessionFields.Max, SessionFields.Count,
    ];

    /// <summary>E.g. <c>#7 write TCPIP0::10.0.0.5::5025::SOCKET 'VOLT 5\n'</c>.</summary>
    public static string Describe(SessionOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return $"#{operation.Index} {operation.Op} {Target(operation)} {Details(operation)}".TrimEnd();
    }

    /// <summary>What the operation was on: the resource name, else the session or manager number.</summary>
    public static string Target(SessionOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Op == SessionOps.Open)
            return operation.Resource ?? "?";
        if (operation.Resource is not null && !SessionOps.IsManagerLevel(operation.Op))
            return operation.Resource;
        if (operation.Session is { } session)
            return "session " + session.ToString(CultureInfo.InvariantCulture);
        return operation.ResourceManager is { } rm ? "manager " + rm.ToString(CultureInfo.InvariantCulture) : "";
    }

    /// <summary>The arguments and outcome: payloads quoted, attribute values, statuses other than plain success, errors.</summary>
    public static string Details(SessionOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var parts = new List<string>();
        var fields = operation.Fields;
        switch (operation.Op)
        {
            case SessionOps.GetAttribute:
                parts.Add($"{Field(fields, SessionFields.Attribute)} = {Field(fields, SessionFields.Value)}");
                break;
            case SessionOps.SetAttribute:
                parts.Add($"{Field(fields, SessionFields.Attribute)} := {Field(fields, SessionFields.Value)}");
                break;
            case SessionOps.List:
                parts.Add($"{Field(fields, SessionFields.Query)}");
                if (fields.TryGetProperty(SessionFields.Names, out var names) && names.ValueKind == JsonValueKind.Array)
                    parts.Add($"-> {names.GetArrayLength()} found");
                break;
            case SessionOps.Parse:
                if (fields.TryGetProperty(SessionFields.Info, out var info) && info.TryGetProperty(SessionFields.Name, out var canonical))
                    parts.Add($"{operation.Resource} -> {canonical.GetString()}");
                break;
            default:
                foreach (var property in fields.EnumerateObject())
                {
                    if (!Plumbing.Contains(property.Name) && !(operation.Op == SessionOps.Open && property.Name == SessionFields.Mode && property.Value.GetString() == "None"))
                        parts.Add($"{property.Name}={Value(property.Value)}");
                }
                break;
        }
        if (operation.Data is { } data)
            parts.Add(Quote(data));
        if (operation.Status is { } status && status != StatusCode.Success)
            parts.Add($"({status.Abbreviation()})");
        if (operation.Error is { } error)
            parts.Add($"! {error.Short}{(error.Detail is null ? "" : ": " + error.Detail)}");
        return string.Join(' ', parts.Where(p => p.Length > 0));
    }

    /// <summary>Bytes quoted with \n, \r, \t and \xHH escapes, cut after 60 characters with the total length.</summary>
    public static string Quote(ReadOnlySpan<byte> data)
    {
        var builder = new StringBuilder("'");
        var i = 0;
        for (; i < data.Length && builder.Length < PayloadLimit; i++)
            builder.Append(Escape(data[i]));
        builder.Append('\'');
        if (i < data.Length)
            builder.Append(CultureInfo.InvariantCulture, $"… ({data.Length} bytes)");
        return builder.ToString();
    }

    private static string Escape(byte b) => b switch
    {
        (byte)'\n' => "\\n",
        (byte)'\r' => "\\r",
        (byte)'\t' => "\\t",
        (byte)'\\' => "\\\\",
        (byte)'\'' => "\\'",
        >= 0x20 and < 0x7F => ((char)b).ToString(),
        _ => "\\x" + b.ToString("x2", CultureInfo.InvariantCulture),
    };

    private static string Field(JsonElement fields, string name) => fields.TryGetProperty(name, out var value) ? Value(value) : "?";

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Object when value.TryGetProperty(SessionFields.Base64, out var b64) && b64.TryGetBytesFromBase64(out var bytes) => Quote(bytes),
        _ => value.GetRawText(),
    };
}
