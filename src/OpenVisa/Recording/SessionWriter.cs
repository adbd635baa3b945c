using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace OpenVisa;

/// <summary>
/// Appends session-file lines: one JSON object per line, each handed to the operating system with one write call as
/// soon as it is complete, so a process that dies loses nothing it had already done. Callers hold <see cref="Gate"/>
/// from <see cref="Begin"/> to <see cref="Commit"/>; the JSON writer and its buffer are reused, so a line costs no
/// allocation.
/// </summary>
internal sealed class SessionWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly double TicksToSeconds = 1.0 / Stopwatch.Frequency;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly long _origin;
    private SafeFileHandle? _file;
    private long _offset;
    private long _index;
    private bool _disposed;

    private SessionWriter(SafeFileHandle file, long offset, long origin)
    {
        _file = file;
        _offset = offset;
        _origin = origin;
        _json = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>Held while a line is being written.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The file written.</summary>
    public required string Path { get; init; }

    /// <summary>Creates (or empties) <paramref name="path"/> and writes the header line naming <paramref name="backend"/>.</summary>
    public static SessionWriter Create(string path, string backend)
    {
        var full = System.IO.Path.GetFullPath(path);
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(full, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new VisaException(StatusCode.ErrorInvalidSetup, $"Cannot create the session file '{full}': {e.Message}", "Record");
        }
        var writer = new SessionWriter(file, 0, Stopwatch.GetTimestamp()) { Path = full };
        writer.WriteHeader(backend);
        return writer;
    }

    /// <summary>The timestamp for <see cref="Begin"/>: now.</summary>
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>Starts a line for operation <paramref name="op"/> that started at <paramref name="start"/> and ended at <paramref name="end"/>.</summary>
    public Utf8JsonWriter Begin(string op, long start, long end)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteNumber(SessionFields.Index, _index++);
        _json.WriteNumber(SessionFields.Time, Seconds(start - _origin));
        _json.WriteNumber(SessionFields.Duration, Seconds(end - start));
        _json.WriteString(SessionFields.Op, op);
        return _json;
    }

    /// <summary>Ends the line and writes it to the file.</summary>
    public void Commit()
    {
        _json.WriteEndObject();
        _json.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        var file = _file;
        if (file is null)
            return;
        RandomAccess.Write(file, _buffer.WrittenSpan, _offset);
        _offset += _buffer.WrittenCount;
    }

    /// <summary>Closes the file until <see cref="Resume"/>; lines written meanwhile are dropped.</summary>
    public void Suspend()
    {
        lock (Gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    /// <summary>Reopens the file after <see cref="Suspend"/>, appending to it.</summary>
    public void Resume()
    {
        lock (Gate)
        {
            if (_file is not null || _disposed)
                return;
            try
            {
                _file = File.OpenHandle(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
                _offset = RandomAccess.GetLength(_file);
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
        lock (Gate)
        {
            _file?.Dispose();
            _file = null;
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

    // Microseconds are plenty for instrument I/O and keep lines short.
    private static double Seconds(long ticks) => Math.Round(ticks * TicksToSeconds, 6);
}
