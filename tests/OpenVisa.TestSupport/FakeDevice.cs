using System.Collections.Concurrent;

namespace OpenVisa.TestSupport;

/// <summary>
/// A small SCPI-ish device for model tests: "HEADER value" stores a value, "HEADER?" returns it, *IDN? and SYST:ERR?
/// behave as usual, unknown queries push -113 and return nothing; handlers override any header.
/// </summary>
public sealed class FakeDevice
{
    private readonly Lock _gate = new();
    private readonly List<string> _received = [];

    public string Idn { get; set; } = "Fake Instruments,Model 1,SN0001,1.0";

    public ConcurrentDictionary<string, string> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Replies by header (upper case, with its '?'): argument in, reply out (null: none).</summary>
    public ConcurrentDictionary<string, Func<string, string?>> Handlers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Sessions opened before this generation are dead: their I/O fails with VI_ERROR_CONN_LOST.</summary>
    public int Generation { get; private set; }

    public int Opens { get; private set; }

    /// <summary>How many coming opens fail with VI_ERROR_RSRC_NFOUND (the instrument is rebooting).</summary>
    public int RefuseOpens { get; set; }

    public IReadOnlyList<string> Received
    {
        get
        {
            lock (_gate)
                return [.. _received];
        }
    }

    /// <summary>Drops every open connection, as a server closing its sockets would.</summary>
    public void DropConnections() => Generation++;

    public void ClearLog()
    {
        lock (_gate)
            _received.Clear();
    }

    internal int Open(string resourceName)
    {
        if (RefuseOpens > 0)
        {
            RefuseOpens--;
            throw new VisaException(StatusCode.ErrorResourceNotFound, "The fake device is not answering.", "Open", resourceName);
        }
        Opens++;
        return Generation;
    }

    internal string? Respond(string command)
    {
        lock (_gate)
            _received.Add(command);
        var space = command.IndexOf(' ', StringComparison.Ordinal);
        var header = (space < 0 ? command : command[..space]).ToUpperInvariant();
        var argument = space < 0 ? "" : command[(space + 1)..].Trim();
        if (Handlers.TryGetValue(header, out var handler))
            return handler(argument);
        if (header == "*IDN?")
            return Idn;
        if (header is "SYST:ERR?" or ":SYST:ERR?" or "SYSTEM:ERROR?")
            return Errors.TryDequeue(out var error) ? error : "+0,\"No error\"";
        if (header.EndsWith('?'))
        {
            var key = header[..^1] + (argument.Length > 0 ? " " + argument : "");
            if (Values.TryGetValue(key, out var value))
                return value;
            Errors.Enqueue("-113,\"Undefined header\"");
            return null;
        }
        if (argument.Length > 0)
        {
            var comma = argument.IndexOf(',', StringComparison.Ordinal);
            // "VOLT 5,(@1)" stores under "VOLT (@1)" so that "VOLT? (@1)" reads it back.
            if (comma >= 0 && argument[(comma + 1)..].TrimStart().StartsWith("(@", StringComparison.Ordinal))
                Values[header + " " + argument[(comma + 1)..].Trim()] = argument[..comma].Trim();
            else
                Values[header] = argument;
            return null;
        }
        if (header is "*RST" or "*CLS")
            return null;
        Errors.Enqueue("-113,\"Undefined header\"");
        return null;
    }
}
