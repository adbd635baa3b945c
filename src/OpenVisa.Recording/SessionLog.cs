using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenVisa;

/// <summary>
/// A recorded session loaded from a file: OpenVisa's JSON Lines session file, or PyTestLab's replay YAML
/// (<c>alias: {profile, log: [...]}</c>), which is turned into the same operations.
/// </summary>
public sealed class SessionLog
{
    /// <summary>The <c>format</c> value of a session file's header line.</summary>
    public const string FormatName = "openvisa-session";

    /// <summary>The newest session-file version this library reads and the one it writes.</summary>
    public const int FormatVersion = 1;

    private SessionLog(string source, IReadOnlyList<SessionOperation> operations, SessionLogFormat format)
    {
        Source = source;
        Operations = operations;
        Format = format;
    }

    /// <summary>Where the log came from (a file path, or the name given to <see cref="Parse"/>).</summary>
    public string Source { get; }

    /// <summary>The operations, in file order.</summary>
    public IReadOnlyList<SessionOperation> Operations { get; }

    /// <summary>The file format the log was read from.</summary>
    public SessionLogFormat Format { get; }

    /// <summary>The backend that was recorded, from the header line.</summary>
    public string? Backend { get; private init; }

    /// <summary>When the recording started, from the header line.</summary>
    public DateTimeOffset? Started { get; private init; }

    /// <summary>
    /// True when the last line was cut off (the recording process died while writing it); the operations before it
    /// are all there.
    /// </summary>
    public bool Truncated { get; private init; }

    /// <summary>For PyTestLab files: each alias with the resource name it stands for and its profile.</summary>
    public IReadOnlyList<SessionAlias> Aliases { get; private init; } = [];

    /// <summary>Reads a session file; <see cref="InvalidDataException"/> names the line and what is wrong with it.</summary>
    public static SessionLog Load(string path)
    {
        string text;
        try
        {
            // Bounded and regular files only: /dev/zero would fill memory, a FIFO would block for ever.
            text = InputFile.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Cannot read the session file '{path}': {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses the text of a session file; <paramref name="source"/> names it in errors.</summary>
    public static SessionLog Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').TrimEnd('\0');
        if (first.Length == 0)
            throw new InvalidDataException($"{source} is empty: a session file holds one JSON object per line, starting with a header.");
        return first[0] is '{' or '[' ? ParseJsonLines(text, source) : PyTestLabSession.Parse(text, source);
    }

    internal static SessionLog FromPyTestLab(string source, IReadOnlyList<SessionOperation> operations, IReadOnlyList<SessionAlias> aliases) =>
        new(source, operations, SessionLogFormat.PyTestLab) { Aliases = aliases };

    private static SessionLog ParseJsonLines(string text, string source)
    {
        // A recorder killed while its file was memory-mapped leaves zeros after the last line.
        var lines = text.TrimEnd('\0').Split('\n');
        var operations = new List<SessionOperation>();
        string? backend = null;
        DateTimeOffset? started = null;
        var truncated = false;
        // A file whose writer died mid-line ends without '\n'; only that last piece may be incomplete.
        var last = lines.Length - 1;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
                continue;
            JsonElement element;
            try
            {
                using var document = JsonDocument.Parse(line);
                element = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                if (n == last)
                {
                    truncated = true;
                    break;
                }
                throw new InvalidDataException($"{source} line {n + 1}: not a JSON object ({e.Message.Split(" Path:")[0]}): {Shorten(line)}", e);
            }
            if (element.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{source} line {n + 1}: expected a JSON object, found {Shorten(line)}.");
            if (element.TryGetProperty(SessionFields.Format, out var format))
            {
                CheckHeader(element, format, source, n + 1);
                backend ??= element.TryGetProperty(SessionFields.Backend, out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
                if (started is null && element.TryGetProperty(SessionFields.Started, out var s) && s.ValueKind == JsonValueKind.String &&
                    DateTimeOffset.TryParse(s.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                    started = when;
                continue;
            }
            if (!element.TryGetProperty(SessionFields.Op, out var op) || op.ValueKind != JsonValueKind.String || op.GetString()!.Length == 0)
                throw new InvalidDataException($"{source} line {n + 1}: the line has no \"op\" naming the operation: {Shorten(line)}");
            var index = operations.Count;
            if (element.TryGetProperty(SessionFields.Index, out var i) && (i.ValueKind != JsonValueKind.Number || !i.TryGetInt32(out index)))
                throw new InvalidDataException($"{source} line {n + 1}: the operation's number \"{SessionFields.Index}\" is {Shorten(i.GetRawText())}, not a whole number.");
            try
            {
                operations.Add(new SessionOperation(index, element) { Position = operations.Count });
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{source} line {n + 1}: {e.Message}", e);
            }
        }
        return new SessionLog(source, operations, SessionLogFormat.OpenVisa) { Backend = backend, Started = started, Truncated = truncated };
    }

    private static void CheckHeader(JsonElement header, JsonElement format, string source, int line)
    {
        if (format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
            throw new InvalidDataException($"{source} line {line}: the header says format {format.GetRawText()}, expected \"{FormatName}\".");
        if (!header.TryGetProperty(SessionFields.Version, out var version))
            return;
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v))
            throw new InvalidDataException($"{source} line {line}: the header's version is {Shorten(version.GetRawText())}, not a whole number.");
        if (v > FormatVersion)
            throw new InvalidDataException($"{source} line {line}: the file is version {v} of the session format; this OpenVisa reads up to version {FormatVersion}. Update OpenVisa.");
    }

    private static string Shorten(string line) => line.Length > 80 ? line[..80] + "…" : line;
}

/// <summary>The file formats a <see cref="SessionLog"/> reads.</summary>
public enum SessionLogFormat
{
    /// <summary>OpenVisa's session file: JSON Lines, every operation of every session.</summary>
    OpenVisa,

    /// <summary>PyTestLab's replay YAML: writes and queries per instrument alias.</summary>
    PyTestLab,
}

/// <summary>An instrument of a PyTestLab session file.</summary>
/// <param name="Alias">The alias (the key in the file).</param>
/// <param name="Resource">The resource name it stands for: its <c>address</c> or <c>resource</c> key, or null when the file gives none.</param>
/// <param name="Profile">The PyTestLab profile key.</param>
/// <param name="Session">The session number its operations carry in <see cref="SessionLog.Operations"/>.</param>
public sealed record SessionAlias(string Alias, string? Resource, string? Profile, int Session);
