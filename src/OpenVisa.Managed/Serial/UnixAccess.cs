using System.Runtime.InteropServices;

namespace OpenVisa.Managed.Serial;

/// <summary>
/// The two facts about a device file that .NET does not give: whether this process may open it for reading and
/// writing (<c>access(2)</c>, which accounts for supplementary groups) and the name of the group that owns it, so a
/// permission error can name the group to join.
/// </summary>
internal static partial class UnixAccess
{
    private const int ReadOk = 4;
    private const int WriteOk = 2;

    /// <summary>True when <c>access(path, R_OK | W_OK)</c> succeeds; true on Windows, where it does not apply.</summary>
    public static bool CanReadWrite(string path) => OperatingSystem.IsWindows() || Access(path, ReadOk | WriteOk) == 0;

    /// <summary>The owning group's name from <c>/etc/group</c> (Linux), or null when it cannot be told.</summary>
    public static string? GroupOf(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            var gid = OwnerGroupId(path);
            if (gid < 0 || !File.Exists("/etc/group"))
                return null;
            foreach (var line in File.ReadLines("/etc/group"))
            {
                var fields = line.Split(':');
                if (fields.Length >= 3 && int.TryParse(fields[2], out var id) && id == gid)
                    return fields[0];
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>The owning group id of <paramref name="path"/> (Linux <c>statx</c>), or -1.</summary>
    private static long OwnerGroupId(string path)
    {
        // struct stat differs between architectures; statx has one layout everywhere: stx_gid is at byte 24.
        Span<byte> buffer = stackalloc byte[256];
        const int AtFdCwd = -100;
        const uint StatxGid = 0x10;
        return Statx(AtFdCwd, path, 0, StatxGid, ref MemoryMarshal.GetReference(buffer)) == 0
            ? BitConverter.ToUInt32(buffer[24..28])
            : -1;
    }

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, ref byte buffer);
}
