using System.Text;

namespace OpenVisa.Sim.PyVisaSim;

/// <summary>Expands a channel query such as <c>CH {ch_id}:VOLT?</c> for one channel id, as <c>q.format(ch_id=id)</c> does.</summary>
internal static class ChannelKey
{
    /// <summary>The query for channel <paramref name="id"/>; throws <see cref="FormatException"/> for any field other than <c>{ch_id}</c>.</summary>
    public static string Expand(string query, string id)
    {
        if (!query.Contains('{', StringComparison.Ordinal) && !query.Contains('}', StringComparison.Ordinal))
            return query;
        var builder = new StringBuilder(query.Length + id.Length);
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (c is '{' or '}' && i + 1 < query.Length && query[i + 1] == c)
            {
                builder.Append(c);
                i++;
                continue;
            }
            if (c == '}')
                throw new FormatException("Single '}' encountered in format string");
            if (c != '{')
            {
                builder.Append(c);
                continue;
            }
            var close = query.IndexOf('}', i);
            if (close < 0)
                throw new FormatException("expected '}' before end of string");
            var field = query[(i + 1)..close];
            var colon = field.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? field : field[..colon];
            if (name != "ch_id")
                throw new FormatException(name.Length == 0 || char.IsAsciiDigit(name[0])
                    ? $"'{{{field}}}' asks for a positional value, but only {{ch_id}} is given (IndexError in pyvisa-sim)"
                    : $"'{{{field}}}' names '{name}', but only {{ch_id}} is given (KeyError in pyvisa-sim)");
            if (colon < 0)
                builder.Append(id);
            else
                builder.Append(PyFormatTemplate.Parse("{:" + field[(colon + 1)..] + "}").Format(PyValue.Str(id)));
            i = close;
        }
        return builder.ToString();
    }
}
