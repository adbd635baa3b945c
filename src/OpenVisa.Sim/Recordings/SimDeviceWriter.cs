using System.Globalization;
using System.Text;

namespace OpenVisa;

/// <summary>Writes one pyvisa-sim device from a resource's recorded traffic: end-of-message strings, properties, dialogues.</summary>
internal static class SimDeviceWriter
{
    private static readonly string[] Delimiters = ["\x1f", "\x1e", "\x1d", "|", "~", "^"];

    public static void Write(StringBuilder yaml, string device, SimResourceTraffic traffic, List<string> notes)
    {
        var queryEom = CommonEnding(traffic.Exchanges.Select(e => e.Message));
        var replies = traffic.Exchanges.Where(e => e.Reply is not null).Select(e => e.Reply!).ToList();
        var replyEom = replies.Count == 0 ? "\n" : CommonEnding(replies);
        if (queryEom.Length == 0)
        {
            queryEom = "\n";
            notes.Add($"{traffic.Canonical}: the recorded writes end in no common termination; the simulator expects \\n, so writes without it get no answer.");
        }
        var exchanges = traffic.Exchanges
            .Select(e => new Message(e, Strip(e.Message, queryEom), e.Reply is null ? null : Strip(e.Reply, replyEom)))
            .ToList();
        yaml.Append("  ").Append(device).Append(":  # ").Append(traffic.Canonical).Append('\n');
        var delimiter = Delimiter(exchanges, notes, traffic.Canonical);
        if (delimiter is not null)
            yaml.Append("    delimiter: ").Append(SimYamlText.Quote(Encoding.Latin1.GetBytes(delimiter))).Append('\n');
        if (traffic.InterfaceType != InterfaceType.Unknown)
        {
            var key = traffic.InterfaceType.ToString().ToUpperInvariant() + " " + traffic.ResourceClass.ToUpperInvariant();
            yaml.Append("    eom:\n      ").Append(key).Append(":\n        q: ").Append(SimYamlText.Quote(Encoding.Latin1.GetBytes(queryEom)))
                .Append("\n        r: ").Append(SimYamlText.Quote(Encoding.Latin1.GetBytes(replyEom))).Append('\n');
        }
        else
        {
            yaml.Append("    eom:\n      TCPIP INSTR:\n        q: ").Append(SimYamlText.Quote(Encoding.Latin1.GetBytes(queryEom)))
                .Append("\n        r: ").Append(SimYamlText.Quote(Encoding.Latin1.GetBytes(replyEom))).Append('\n');
        }
        var properties = delimiter is null ? SimPropertyFinder.Find(exchanges) : [];
        var covered = new HashSet<string>(properties.SelectMany(p => p.Covers), StringComparer.Ordinal);
        if (properties.Count > 0)
        {
            yaml.Append("    properties:\n");
            foreach (var property in properties)
                property.WriteTo(yaml);
        }
        WriteDialogues(yaml, exchanges.Where(e => !covered.Contains(e.Text)).ToList(), notes, traffic.Canonical);
    }

    private static void WriteDialogues(StringBuilder yaml, List<Message> exchanges, List<string> notes, string resource)
    {
        var seen = new Dictionary<string, List<Message>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var exchange in exchanges)
        {
            if (!seen.TryGetValue(exchange.Text, out var list))
            {
                seen[exchange.Text] = list = [];
                order.Add(exchange.Text);
            }
            list.Add(exchange);
        }
        if (order.Count == 0)
            return;
        yaml.Append("    dialogues:\n");
        foreach (var text in order)
        {
            var all = seen[text];
            var first = all.FirstOrDefault(m => m.Reply is not null) ?? all[0];
            yaml.Append("      - q: ").Append(SimYamlText.Quote(first.Query)).Append('\n');
            if (first.Reply is { } reply)
                yaml.Append("        r: ").Append(SimYamlText.Quote(reply)).Append('\n');
            var answers = all.Where(m => m.Reply is not null).Select(m => System.Convert.ToHexString(m.Reply!)).Distinct().Count();
            if (answers > 1)
                notes.Add($"{resource}: {SessionText.Quote(first.Query)} was answered {answers} different ways (first at #{first.Exchange.Index}); the simulator always gives the first answer.");
            if (all.Any(m => m.Reply is null) && all.Any(m => m.Reply is not null))
                notes.Add($"{resource}: {SessionText.Quote(first.Query)} was sometimes answered and sometimes not; the simulator always answers.");
        }
    }

    // pyvisa-sim splits each write on ';' and answers the pieces one by one; writes holding ';' are matched whole by
    // choosing a delimiter that none of them contains.
    private static string? Delimiter(List<Message> exchanges, List<string> notes, string resource)
    {
        if (!exchanges.Any(e => e.Query.AsSpan().IndexOf((byte)';') >= 0))
            return null;
        var delimiter = Delimiters.FirstOrDefault(d => !exchanges.Any(e => e.Query.AsSpan().IndexOf(Encoding.Latin1.GetBytes(d)) >= 0));
        if (delimiter is null)
        {
            notes.Add($"{resource}: some writes hold ';' and every spare delimiter; the simulator will split them on ';'.");
            return null;
        }
        notes.Add($"{resource}: writes hold ';', so each is matched whole (delimiter {SessionText.Quote(Encoding.Latin1.GetBytes(delimiter))}) and no properties are made.");
        return delimiter;
    }

    private static string CommonEnding(IEnumerable<byte[]> messages)
    {
        var list = messages.ToList();
        if (list.Count == 0)
            return "";
        foreach (var ending in new[] { "\r\n", "\n", "\r" })
        {
            var bytes = Encoding.Latin1.GetBytes(ending);
            if (list.All(m => m.AsSpan().EndsWith(bytes)))
                return ending;
        }
        return "";
    }

    private static byte[] Strip(byte[] data, string ending) =>
        ending.Length > 0 && data.AsSpan().EndsWith(Encoding.Latin1.GetBytes(ending)) ? data[..^ending.Length] : data;

    /// <summary>A recorded exchange with its termination removed.</summary>
    internal sealed record Message(SimExchange Exchange, byte[] Query, byte[]? Reply)
    {
        /// <summary>The query as Latin-1 text, for grouping and SCPI analysis.</summary>
        public string Text { get; } = Encoding.Latin1.GetString(Query);

        /// <summary>The reply as Latin-1 text.</summary>
        public string? ReplyText { get; } = Reply is null ? null : Encoding.Latin1.GetString(Reply);
    }

    internal static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
