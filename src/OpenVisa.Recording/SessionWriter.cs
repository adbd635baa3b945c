using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenVisa;

/// <summary>
/// Appends session-file lines: one JSON object per line, each handed to the operating system as soon as it is complete
/// (see <see cref="SessionFileSink"/>), so a process that dies loses nothing it had already done. Callers hold
/// <see cref="Gate"/> from <see cref="Begin"/> to <see cref="Commit"/>; the JSON writer, its buffer and the encoded
/// field names are reused, so a line costs no allocation.
/// </summary>
internal sealed class SessionWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly double MicrosecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;
    private static readonly ConcurrentDictionary<string, JsonEncodedText> OpNames = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<StatusCode, JsonEncodedText> StatusNames = new();
    private static readonly SearchValues<byte> Escaped = SearchValues.Create("\"\\\n\r\t"u8);

    // Every writer with an open file, so a process ending on a signal can cut each file to its lines (CloseEvery).
    private static readonly ConcurrentDictionary<SessionWriter, byte> Live = new();

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly long _origin;
    private SessionFileSink? _sink;
    private long _index;
    private bool _disposed;

    private SessionWriter(SessionFileSink sink, string path)
    {
        _sink = sink;
        Path = path;
        _origin = Stopwatch.GetTimestamp();
        _json = new Utf8JsonWriter(_buffer, Options);
        Live[this] = 0;
    }

    /// <summary>Closes every session file of this process for good, each cut to the lines written; see <see cref="RecordingLibrary.CloseSessionFilesForExit"/>.</summary>
    public static void CloseEvery()
    {
        foreach (var writer in Live.Keys)
        {
            Live.TryRemove(writer, out _);
            // The file only: the writer stays usable (lines are dropped), since the recording may still be running on
            // another thread until the process ends.
            lock (writer.Gate)
            {
                writer._sink?.Dispose();
                writer._sink = null;
                writer._disposed = true;
            }
        }
    }

    /// <summary>Held while a line is being written.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Creates (or empties) <paramref name="path"/> and writes the header line naming <paramref name="backend"/>.</summary>
    public static SessionWriter Create(string path, string backend)
    {
        var full = System.IO.Path.GetFullPath(path);
        SessionFileSink sink;
        try
        {
            sink = SessionFileSink.Create(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new VisaException(StatusCode.ErrorInvalidSetup, $"Cannot create the session file '{full}': {e.Message}", "Record");
        }
        var writer = new SessionWriter(sink, full);
        writer.WriteHeader(backend);
        return writer;
    }

    /// <summary>The timestamp for <see cref="Begin"/>: now.</summary>
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>A status name as an encoded JSON value, cached.</summary>
    public static JsonEncodedText Status(StatusCode status) => StatusNames.GetOrAdd(status, s => JsonEncodedText.Encode(s.Abbreviation()));

    /// <summary>Starts a line for operation <paramref name="op"/> that started at <paramref name="start"/> and ended at <paramref name="end"/>.</summary>
    public Utf8JsonWriter Begin(string op, long start, long end)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteNumber(HotFields.Index, _index++);
        Seconds(HotFields.Time, start - _origin);
        Seconds(HotFields.Duration, end - start);
        _json.WriteString(HotFields.Op, OpNames.GetOrAdd(op, o => JsonEncodedText.Encode(o)));
        return _json;
    }

    /// <summary>
    /// The fast path for the lines written most (message writes and reads), formatted straight into bytes: the same JSON
    /// the general path makes, with the per-session part (<c>"op"</c>, <c>"session"</c>, <c>"resource"</c>) made once per
    /// session by <see cref="MessagePrefix"/>. Call under <see cref="Gate"/>.
    /// </summary>
    /// <param name="prefix">From <see cref="MessagePrefix"/>.</param>
    /// <param name="start">When the operation started.</param>
    /// <param name="end">When it ended.</param>
    /// <param name="max">For reads, the bytes asked for; -1 for none.</param>
    /// <param name="data">The payload.</param>
    /// <param name="status">For reads, why the read stopped; null for none.</param>
    /// <param name="count">For writes, the bytes written; -1 for none.</param>
    public void Message(ReadOnlySpan<byte> prefix, long start, long end, int max, ReadOnlySpan<byte> data, StatusCode? status, int count)
    {
        _buffer.ResetWrittenCount();
        Raw("{\"i\":"u8);
        Integer(_index++);
        Raw(",\"t\":"u8);
        Seconds(start - _origin);
        Raw(",\"dur\":"u8);
        Seconds(end - start);
        Raw(prefix);
        if (max >= 0)
        {
            Raw(",\"max\":"u8);
            Integer(max);
        }
        if (SessionPayload.IsText(data))
        {
            Raw(",\"text\":\""u8);
            EscapedText(data);
        }
        else
        {
            Raw(",\"base64\":\""u8);
            var span = _buffer.GetSpan(Base64.GetMaxEncodedToUtf8Length(data.Length));
            Base64.EncodeToUtf8(data, span, out _, out var written);
            _buffer.Advance(written);
        }
        Raw("\""u8);
        if (status is { } code)
        {
            Raw(",\"status\":\""u8);
            Raw(Status(code).EncodedUtf8Bytes);
            Raw("\""u8);
        }
        if (count >= 0)
        {
            Raw(",\"count\":"u8);
            Integer(count);
        }
        Raw("}\n"u8);
        _sink?.Append(_buffer.WrittenSpan);
    }

    /// <summary>The constant middle of <see cref="Message"/> lines for one operation on one session.</summary>
    public static byte[] MessagePrefix(string op, int session, string? resource)
    {
        var text = new StringBuilder();
        text.Append(",\"op\":\"").Append(op).Append("\",\"session\":").Append(session.ToString(CultureInfo.InvariantCulture));
        if (resource is not null)
            text.Append(",\"resource\":\"").Append(JsonEncodedText.Encode(resource, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value).Append('"');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Ends the line and hands it to the file.</summary>
    public void Commit()
    {
        _json.WriteEndObject();
        _json.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        _sink?.Append(_buffer.WrittenSpan);
    }

    /// <summary>Closes the file until <see cref="Resume"/>; lines written meanwhile are dropped.</summary>
    public void Suspend()
    {
        lock (Gate)
        {
            _sink?.Dispose();
            _sink = null;
        }
    }

    /// <summary>Reopens the file after <see cref="Suspend"/>, appending to it.</summary>
    public void Resume()
    {
        lock (Gate)
        {
            if (_sink is not null || _disposed)
                return;
            try
            {
                _sink = SessionFileSink.Append(Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new VisaException(StatusCode.ErrorInvalidSetup, $"Cannot reopen the session file '{Path}': {e.Message}", "Record");
            }
        }
    }

    /// <summary>Closes the file for good; later lines are dropped.</summary>
    public void Dispose()
    {
        Live.TryRemove(this, out _);
        lock (Gate)
        {
            _sink?.Dispose();
            _sink = null;
            _disposed = true;
            _json.Dispose();
        }
    }

    private void WriteHeader(string backend)
    {
        lock (Gate)
        {
            _buffer.ResetWrittenCount();
            _json.Reset(_buffer);
            _json.WriteStartObject();
            _json.WriteString(SessionFields.Format, SessionLog.FormatName);
            _json.WriteNumber(SessionFields.Version, SessionLog.FormatVersion);
            _json.WriteString(SessionFields.Started, DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            _json.WriteString(SessionFields.Backend, backend);
            var version = typeof(SessionWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
            if (version is not null)
                _json.WriteString(SessionFields.OpenVisaVersion, version);
            Commit();
        }
    }

    private void Seconds(JsonEncodedText name, long ticks)
    {
        Span<byte> text = stackalloc byte[32];
        var length = FormatSeconds(ticks, text);
        _json.WritePropertyName(name);
        _json.WriteRawValue(text[..length], skipInputValidation: true);
    }

    private void Seconds(long ticks)
    {
        var length = FormatSeconds(ticks, _buffer.GetSpan(32));
        _buffer.Advance(length);
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }

    private void Integer(long value)
    {
        Utf8Formatter.TryFormat(value, _buffer.GetSpan(20), out var written);
        _buffer.Advance(written);
    }

    // Printable ASCII, tab, CR and LF (what SessionPayload.IsText allows) as the body of a JSON string: runs without
    // anything to escape are copied whole (the search is vectorised), the few characters that need it get a backslash.
    private void EscapedText(ReadOnlySpan<byte> data)
    {
        var span = _buffer.GetSpan(data.Length * 2);
        var n = 0;
        while (!data.IsEmpty)
        {
            var at = data.IndexOfAny(Escaped);
            var run = at < 0 ? data : data[..at];
            run.CopyTo(span[n..]);
            n += run.Length;
            if (at < 0)
                break;
            span[n++] = (byte)'\\';
            span[n++] = data[at] switch
            {
                (byte)'\n' => (byte)'n',
                (byte)'\r' => (byte)'r',
                (byte)'\t' => (byte)'t',
                var c => c,
            };
            data = data[(at + 1)..];
        }
        _buffer.Advance(n);
    }

    // Seconds with six decimals, formatted from whole microseconds: exact, short, and much cheaper than a double.
    private static int FormatSeconds(long ticks, Span<byte> text)
    {
        var micros = (long)Math.Round(ticks * MicrosecondsPerTick);
        Utf8Formatter.TryFormat(micros / 1_000_000, text, out var whole);
        text[whole] = (byte)'.';
        Utf8Formatter.TryFormat(micros % 1_000_000, text[(whole + 1)..], out var fraction, new StandardFormat('D', 6));
        return whole + 1 + fraction;
    }
}

/// <summary>The field names of the lines written most, encoded once.</summary>
internal static class HotFields
{
    public static readonly JsonEncodedText Index = JsonEncodedText.Encode(SessionFields.Index);
    public static readonly JsonEncodedText Time = JsonEncodedText.Encode(SessionFields.Time);
    public static readonly JsonEncodedText Duration = JsonEncodedText.Encode(SessionFields.Duration);
    public static readonly JsonEncodedText Op = JsonEncodedText.Encode(SessionFields.Op);
    public static readonly JsonEncodedText Session = JsonEncodedText.Encode(SessionFields.Session);
    public static readonly JsonEncodedText Resource = JsonEncodedText.Encode(SessionFields.Resource);
    public static readonly JsonEncodedText Text = JsonEncodedText.Encode(SessionFields.Text);
    public static readonly JsonEncodedText Base64 = JsonEncodedText.Encode(SessionFields.Base64);
    public static readonly JsonEncodedText Max = JsonEncodedText.Encode(SessionFields.Max);
    public static readonly JsonEncodedText Count = JsonEncodedText.Encode(SessionFields.Count);
    public static readonly JsonEncodedText Status = JsonEncodedText.Encode(SessionFields.Status);
}
