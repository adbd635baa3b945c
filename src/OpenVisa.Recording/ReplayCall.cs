using System.Buffers;
using System.Text.Json;
using System.Text.Encodings.Web;

namespace OpenVisa;

/// <summary>
/// What the replayed program is doing, described as a session-file line (by the same code that writes recordings) so
/// it can be compared field by field with what was recorded.
/// </summary>
internal sealed class ReplayCall
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private JsonElement? _finished;

    public ReplayCall(string op, string? resource)
    {
        Op = op;
        Resource = resource;
        Writer = new Utf8JsonWriter(_buffer, Options);
        Writer.WriteStartObject();
        Writer.WriteString(SessionFields.Op, op);
        if (resource is not null)
            Writer.WriteString(SessionFields.Resource, resource);
    }

    /// <summary>The operation.</summary>
    public string Op { get; }

    /// <summary>The resource it is on (for opens, the name being opened).</summary>
    public string? Resource { get; }

    /// <summary>The recorded session the caller's session is bound to.</summary>
    public int? RecordedSession { get; init; }

    /// <summary>The recorded manager the caller's manager is bound to.</summary>
    public int? RecordedManager { get; init; }

    /// <summary>Where in the log the caller's session or manager was opened; per-resource matching looks after it.</summary>
    public int From { get; init; } = -1;

    /// <summary>Writes the arguments here.</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>The finished description.</summary>
    public JsonElement Finish()
    {
        if (_finished is { } done)
            return done;
        Writer.WriteEndObject();
        Writer.Flush();
        Writer.Dispose();
        using var document = JsonDocument.Parse(_buffer.WrittenMemory);
        var element = document.RootElement.Clone();
        _finished = element;
        return element;
    }

    /// <summary>The call in the words of <see cref="SessionText"/>.</summary>
    public string Describe()
    {
        var operation = new SessionOperation(-1, Finish());
        return $"{operation.Op} {SessionText.Target(operation)} {SessionText.Details(operation)}".TrimEnd();
    }
}

/// <summary>A replay session (or manager) and the recorded one it plays back.</summary>
internal sealed class ReplayBinding(int recordedSession, int openIndex, string resource, int manager)
{
    /// <summary>The recorded session handle.</summary>
    public int RecordedSession { get; } = recordedSession;

    /// <summary>Where its open was recorded (-1 when the log has no opens).</summary>
    public int OpenIndex { get; } = openIndex;

    /// <summary>The resource name as the program opened it.</summary>
    public string Resource { get; } = resource;

    /// <summary>The replay manager session that opened it.</summary>
    public int Manager { get; } = manager;

    /// <summary>The rest of a recorded reply the program has not read yet.</summary>
    public byte[]? Pending { get; set; }

    /// <summary>How far into <see cref="Pending"/> the program has read.</summary>
    public int PendingOffset { get; set; }

    /// <summary>The recorded read <see cref="Pending"/> came from.</summary>
    public SessionOperation? PendingEntry { get; set; }

    /// <summary>The status that ended the recorded read <see cref="Pending"/> came from.</summary>
    public StatusCode PendingStatus { get; set; }

    /// <summary>Attribute values written during the replay (used when attributes are not matched in order).</summary>
    public Dictionary<VisaAttribute, object> Attributes { get; } = [];

    /// <summary>Installed event handlers.</summary>
    public List<(EventType Type, VisaEventHandler Handler, object? UserHandle)> Handlers { get; } = [];
}
