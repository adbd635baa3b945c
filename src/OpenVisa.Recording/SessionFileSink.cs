using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace OpenVisa;

/// <summary>
/// Where session-file lines go. A regular file is memory-mapped: a line is copied into the operating system's page cache,
/// where it survives the recording process dying, without a system call per line; the mapping grows as needed and the
/// file is cut to its written length when closed. A file that cannot be mapped (a pipe, a device) is written with one
/// write call per line instead. Not thread-safe: <see cref="SessionWriter"/> serialises calls.
/// </summary>
internal sealed unsafe class SessionFileSink : IDisposable
{
    private const long Growth = 1 << 20;

    private readonly SafeFileHandle _file;
    private readonly FileStream? _stream;
    private MemoryMappedFile? _map;
    private MemoryMappedViewAccessor? _view;
    private byte* _base;
    private long _capacity;
    private long _length;

    private SessionFileSink(SafeFileHandle file, long length)
    {
        _file = file;
        _length = length;
        try
        {
            Map(length + Growth);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Unmap();
            _stream = new FileStream(file, FileAccess.Write, bufferSize: 0);
            if (_stream.CanSeek)
                _stream.Position = length;
        }
    }

    /// <summary>Creates (or empties) the file.</summary>
    public static SessionFileSink Create(string path) => new(File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read), 0);

    /// <summary>Opens the file to add lines after what it holds.</summary>
    public static SessionFileSink Append(string path)
    {
        var file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var length = RandomAccess.GetLength(file);
        // A file left by a killed recorder ends in the unused zeros of its mapping; new lines go after the last real one.
        var tail = new byte[Math.Min(length, 1 << 16)];
        var read = RandomAccess.Read(file, tail, length - tail.Length);
        var zeros = tail.AsSpan(0, read).Length - tail.AsSpan(0, read).TrimEnd((byte)0).Length;
        return new SessionFileSink(file, length - zeros);
    }

    /// <summary>Adds <paramref name="line"/> at the end.</summary>
    public void Append(ReadOnlySpan<byte> line)
    {
        if (_stream is not null)
        {
            _stream.Write(line);
            _length += line.Length;
            return;
        }
        if (_length + line.Length > _capacity)
        {
            Unmap();
            Map(Math.Max(_capacity * 2, _length + line.Length + Growth));
        }
        line.CopyTo(new Span<byte>(_base + _length, line.Length));
        _length += line.Length;
    }

    /// <summary>Unmaps, cuts the file to the bytes written, and closes it.</summary>
    public void Dispose()
    {
        var mapped = _map is not null;
        Unmap();
        if (mapped)
            RandomAccess.SetLength(_file, _length);
        _stream?.Dispose();
        _file.Dispose();
    }

    private void Map(long capacity)
    {
        _map = MemoryMappedFile.CreateFromFile(_file, null, capacity, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
        _view = _map.CreateViewAccessor(0, capacity, MemoryMappedFileAccess.ReadWrite);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
        _capacity = capacity;
    }

    private void Unmap()
    {
        if (_view is not null)
        {
            if (_base is not null)
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        _map?.Dispose();
        _view = null;
        _map = null;
        _base = null;
        _capacity = 0;
    }
}
