using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenVisa;

/// <summary>
/// Reads the files users hand to OpenVisa (simulator files, profiles, bench files, session files) within a size limit,
/// and refuses what is not a regular file: <c>/dev/zero</c> would fill memory and a FIFO would block for ever.
/// </summary>
public static partial class InputFile
{
    /// <summary>The default largest file read: 64 MiB, far above any simulator, bench or session file written by hand.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Reads all of <paramref name="path"/>. Throws <see cref="IOException"/> (with the path and what to do) when the file
    /// is missing, unreadable, not a regular file (a FIFO, a device), or larger than <paramref name="maxBytes"/>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest size accepted.</param>
    public static byte[] ReadAllBytes(string path, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var handle = OpenForReading(path);
        using var stream = new FileStream(handle, FileAccess.Read, 1);
        // Pipes and terminals cannot seek; devices such as /dev/zero can but report no length, and are caught by the limit.
        if (!stream.CanSeek)
            throw new IOException($"'{path}' is not a regular file (a pipe, socket or terminal); give the path of a file on disk");
        var length = stream.Length;
        if (length > maxBytes)
            throw TooLarge(path, maxBytes, length);
        using var buffer = new MemoryStream((int)Math.Max(0, length));
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw TooLarge(path, maxBytes, null);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Reads <paramref name="path"/> as UTF-8 text (a byte-order mark is dropped) with the checks of <see cref="ReadAllBytes"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest size accepted.</param>
    public static string ReadAllText(string path, long maxBytes = DefaultMaxBytes)
    {
        var bytes = ReadAllBytes(path, maxBytes);
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        return System.Text.Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }

    private static IOException TooLarge(string path, long maxBytes, long? length) =>
        new($"'{path}' is {(length is { } l ? $"{l:N0} bytes" : "endless or growing")}, more than the {maxBytes:N0} bytes allowed for an input file; is it the right file (not a device such as /dev/zero)?");

    private static SafeFileHandle OpenForReading(string path)
    {
        if (OperatingSystem.IsWindows())
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (Directory.Exists(path))
            throw new IOException($"'{path}' is a folder; give the path of a file in it");
        if (!File.Exists(path))
            throw new FileNotFoundException($"the file '{path}' does not exist (looked at {Path.GetFullPath(path)})", path);
        // Opened non-blocking: opening a FIFO with no writer otherwise waits for ever. Reads of regular files ignore the flag.
        var nonBlocking = OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD() ? 0x0004 : 0x0800;
        var fd = Open(path, nonBlocking);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == 13
                ? new UnauthorizedAccessException($"the file '{path}' cannot be read: permission denied")
                : new IOException($"the file '{path}' cannot be opened (error {errno}: {Marshal.GetPInvokeErrorMessage(errno)})");
        }
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);
}
