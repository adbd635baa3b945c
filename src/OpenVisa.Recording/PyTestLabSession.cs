using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenVisa;

/// <summary>
/// Turns PyTestLab's replay YAML (<c>alias: {profile, log: [{type, command, response, timestamp}]}</c>) into session
/// operations: a <c>write</c> entry becomes a write of the command, a <c>query</c> or <c>query_raw</c> entry a write
/// and a read of the response. PyTestLab strips commands and responses, so the writes carry <c>\n</c> and replays
/// compare them without their termination; PyTestLab stored raw responses as text, so their bytes may differ from
/// what the instrument sent (a known defect of that format).
/// </summary>
internal static class PyTestLabSession
{
    private static readonly string[] EntryKeys = ["type", "command", "response", "timestamp"];

    public static SessionLog Parse(string text, string source)
    {
        if (SessionYaml.Parse(text, source) is not YamlMap root || root.Count == 0)
            throw new InvalidDataException($"{source}: expected a JSON Lines session file or PyTestLab replay YAML (a mapping of instrument aliases, each with 'profile' and 'log').");
        var operations = new List<SessionOperation>();
        var aliases = new List<SessionAlias>();
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var (alias, value) in root)
        {
            if (value is not YamlMap entry)
                throw new InvalidDataException($"{source}: the alias '{alias}' should map to {{profile, log}}, not {Describe(value)}.");
            if (entry.Get("log") is not List<object?> log)
                throw new InvalidDataException($"{source}: the alias '{alias}' has no 'log' list of operations.");
            var session = aliases.Count + 1;
            var resource = (entry.Get("address") ?? entry.Get("resource")) as string;
            aliases.Add(new SessionAlias(alias, string.IsNullOrWhiteSpace(resource) ? null : resource, entry.Get("profile") as string, session));
            for (var n = 0; n < log.Count; n++)
            {
                if (log[n] is not YamlMap item)
                    throw new InvalidDataException($"{source}: {alias} log entry {n + 1} should be a mapping with type and command, not {Describe(log[n])}.");
                AddEntry(operations, buffer, source, alias, resource ?? alias, session, n + 1, item);
            }
        }
        return SessionLog.FromPyTestLab(source, operations, aliases);
    }

    private static void AddEntry(List<SessionOperation> operations, ArrayBufferWriter<byte> buffer, string source, string alias, string resource, int session, int number, YamlMap item)
    {
        var where = $"{source}: {alias} log entry {number}";
        var type = item.Get("type") as string ?? throw new InvalidDataException($"{where} has no 'type' (write, query or query_raw).");
        var command = item.Get("command") as string ?? throw new InvalidDataException($"{where} has no 'command'.");
        var time = 0.0;
        // 1e999999 parses as infinity, which the session line cannot hold: refused here, with the entry it is in.
        if (item.Get("timestamp") is string stamp && (!double.TryParse(stamp, NumberStyles.Float, CultureInfo.InvariantCulture, out time) || !double.IsFinite(time) || time < 0))
            throw new InvalidDataException($"{where}: the timestamp '{(stamp.Length <= 40 ? stamp : stamp[..40] + "…")}' is not a number of seconds (finite, from 0).");
        var unknown = item.Select(p => p.Key).Where(k => !EntryKeys.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new InvalidDataException($"{where} has unknown keys {string.Join(", ", unknown)}; expected {string.Join(", ", EntryKeys)}.");
        switch (type)
        {
            case "write":
                operations.Add(Line(buffer, operations.Count, time, SessionOps.Write, session, resource, Encoding.UTF8.GetBytes(command.Trim() + "\n")));
                break;
            case "query" or "query_raw":
                var response = item.Get("response") as string ?? throw new InvalidDataException($"{where} is a {type} without a 'response'.");
                operations.Add(Line(buffer, operations.Count, time, SessionOps.Write, session, resource, Encoding.UTF8.GetBytes(command.Trim() + "\n")));
                operations.Add(Line(buffer, operations.Count, time, SessionOps.Read, session, resource, Encoding.UTF8.GetBytes(response + "\n")));
                break;
            default:
                throw new InvalidDataException($"{where} has type '{type}'; PyTestLab logs hold write, query and query_raw.");
        }
    }

    private static SessionOperation Line(ArrayBufferWriter<byte> buffer, int index, double time, string op, int session, string resource, byte[] data)
    {
        buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber(SessionFields.Index, index);
            w.WriteNumber(SessionFields.Time, time);
            w.WriteNumber(SessionFields.Duration, 0);
            w.WriteString(SessionFields.Op, op);
            w.WriteNumber(SessionFields.Session, session);
            w.WriteString(SessionFields.Resource, resource);
            SessionPayload.Write(w, data);
            if (op == SessionOps.Read)
                w.WriteString(SessionFields.Status, StatusCode.Success.Abbreviation());
            else
                w.WriteNumber(SessionFields.Count, data.Length);
            w.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new SessionOperation(index, document.RootElement.Clone()) { Position = index };
    }

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        string s => $"the text '{s}'",
        List<object?> => "a list",
        _ => "a mapping",
    };
}
