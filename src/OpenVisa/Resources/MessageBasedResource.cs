using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;
using OpenVisa.Internal;

namespace OpenVisa;

/// <summary>
/// A resource that talks in messages: write, read, query, ASCII and binary values. A query is a write and a
/// read under one per-session lock, so threads sharing a resource never get each other's replies.
/// </summary>
public partial class MessageBasedResource : Resource
{
    /// <summary>The default read chunk, 20 KiB as in PyVISA; a message longer than one chunk is read in several.</summary>
    public const int DefaultChunkSize = 20 * 1024;

    private readonly SemaphoreSlim _io = new(1, 1);
    private byte[] _chunk = new byte[DefaultChunkSize];
    private string? _readTermination;
    private byte[] _readTerminationBytes = [];
    private string _writeTermination = "\n";
    private byte[] _writeTerminationBytes = "\n"u8.ToArray();
    private Encoding _encoding = Encoding.Latin1;

    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal MessageBasedResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
        var terminations = Library.DefaultTerminations(session, info);
        WriteTermination = terminations.Write;
        ReadTermination = terminations.Read;
    }

    /// <summary>
    /// Ends each reply; its last character becomes the termination character (<c>VI_ATTR_TERMCHAR</c>, enabled),
    /// and the whole sequence is stripped from replies. Null reads until END, the count or the timeout.
    /// </summary>
    public string? ReadTermination
    {
        get => _readTermination;
        set
        {
            if (string.IsNullOrEmpty(value))
            {
                SetAttribute(VisaAttribute.TerminationCharacterEnabled, false);
                _readTermination = null;
                _readTerminationBytes = [];
                return;
            }
            var bytes = _encoding.GetBytes(value);
            var last = bytes[^1];
            if (Array.IndexOf(bytes, last) != bytes.Length - 1)
                throw new ArgumentException($"The read termination {Escape(value)} is ambiguous: its last character also appears earlier, so a read would stop too soon.", nameof(value));
            SetAttribute(VisaAttribute.TerminationCharacter, last);
            SetAttribute(VisaAttribute.TerminationCharacterEnabled, true);
            _readTermination = value;
            _readTerminationBytes = bytes;
        }
    }

    /// <summary>Appended to every message written with <see cref="Write(string, string?)"/>; default <c>\n</c>.</summary>
    public string WriteTermination
    {
        get => _writeTermination;
        set
        {
            _writeTermination = value ?? "";
            _writeTerminationBytes = _encoding.GetBytes(_writeTermination);
        }
    }

    /// <summary>
    /// How text is turned into bytes and back. Default Latin-1, which maps every byte to one character, so no
    /// reply byte is ever lost (PyVISA's ASCII default fails on a <c>µ</c> or <c>°</c> in a reply).
    /// </summary>
    public Encoding Encoding
    {
        get => _encoding;
        set
        {
            _encoding = value ?? throw new ArgumentNullException(nameof(value));
            WriteTermination = _writeTermination;
            ReadTermination = _readTermination;
        }
    }

    /// <summary>Bytes asked of the backend per read call.</summary>
    public int ChunkSize
    {
        get => _chunk.Length;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _io.Wait();
            try
            {
                _chunk = new byte[value];
            }
            finally
            {
                _io.Release();
            }
        }
    }

    /// <summary>Waited between the write and the read of every query.</summary>
    public TimeSpan QueryDelay { get; set; }

    /// <summary>Assert END with the last byte of each write (<c>VI_ATTR_SEND_END_EN</c>).</summary>
    public bool SendEnd
    {
        get => Convert.ToBoolean(GetAttribute(VisaAttribute.SendEndEnabled), System.Globalization.CultureInfo.InvariantCulture);
        set => SetAttribute(VisaAttribute.SendEndEnabled, value);
    }

    /// <summary>
    /// Changes the I/O timeout until the returned scope is disposed:
    /// <c>using (res.WithTimeout(TimeSpan.FromSeconds(30))) res.Query("MEAS?");</c>
    /// </summary>
    public IDisposable WithTimeout(TimeSpan timeout)
    {
        var previous = Timeout;
        Timeout = timeout;
        return new TimeoutScope(this, previous);
    }

    /// <summary>Quotes <paramref name="text"/> with \r, \n and \t made visible, for messages.</summary>
    public static string Escape(string text) =>
        "'" + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "'";

    private sealed class TimeoutScope(MessageBasedResource resource, TimeSpan previous) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0 && !resource.IsClosed)
                resource.Timeout = previous;
        }
    }

    // ---- helpers shared by the sync and async paths ---------------------------------------------

    /// <summary>Encodes a message plus termination into <paramref name="destination"/> (sized by <see cref="EncodedLength"/>).</summary>
    private int Encode(string message, byte[] termination, Span<byte> destination)
    {
        var count = _encoding.GetBytes(message, destination);
        termination.CopyTo(destination[count..]);
        return count + termination.Length;
    }

    private int EncodedLength(string message, byte[] termination) => _encoding.GetByteCount(message) + termination.Length;

    private byte[] TerminationFor(string message, string? termination)
    {
        if (termination is not null)
            return termination.Length == 0 ? [] : _encoding.GetBytes(termination);
        // A message that already ends with the termination is sent as it is, not with a second one.
        return _writeTermination.Length > 0 && message.EndsWith(_writeTermination, StringComparison.Ordinal) ? [] : _writeTerminationBytes;
    }

    private string DecodeReply(ReadOnlySpan<byte> reply)
    {
        if (_readTerminationBytes.Length > 0)
        {
            if (reply.EndsWith(_readTerminationBytes))
                reply = reply[..^_readTerminationBytes.Length];
            else if (Library.Logger.IsEnabled(LogLevel.Warning))
                Library.Logger.LogWarning("{Resource}: the reply does not end with the read termination {Termination}", ResourceName, Escape(_readTermination!));
        }
        return _encoding.GetString(reply);
    }

    private static byte[] RentFor(int length) => ArrayPool<byte>.Shared.Rent(length);

    private static void Return(byte[] array) => ArrayPool<byte>.Shared.Return(array);
}
