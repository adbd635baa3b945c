using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OpenVisa.Native.Tests;

/// <summary>
/// Builds libopenvisa with <c>eng/build-libopenvisa.sh</c> once per test run (a NativeAOT publish takes minutes), into
/// the test output folder, and reuses it while no source file is newer. Each backend spec gets its own copy of the
/// library: the copy reads <c>OPENVISA_BACKEND</c> on its first <c>viOpenDefaultRM</c>, which happens here under a lock.
/// </summary>
internal static partial class LibOpenVisaBuild
{
    private static readonly Lazy<string> Built = new(Build);
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> Copies = [];
    private static int _copies;

    /// <summary>The folder holding libopenvisa.so and include/.</summary>
    public static string Folder => Path.GetDirectoryName(Built.Value)!;

    /// <summary>The built library.</summary>
    public static string Library => Built.Value;

    /// <summary>The repository root (where OpenVisa.slnx is).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OpenVisa.slnx")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("The repository root (OpenVisa.slnx) is not above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A copy of libopenvisa whose backend is <paramref name="backendSpec"/>, already initialised.</summary>
    public static string For(string backendSpec)
    {
        var built = Built.Value;
        lock (Gate)
        {
            if (Copies.TryGetValue(backendSpec, out var existing))
                return existing;
            // A fresh name each time: overwriting a copy that is already loaded (even one whose set-up failed) crashes the process.
            var copy = Path.Combine(Path.GetDirectoryName(built)!, $"libopenvisa-{Environment.ProcessId}-{++_copies}.so");
            File.Copy(built, copy, overwrite: true);
            // The library's runtime reads the process environment (not .NET's copy of it), so set it with libc.
            Assert.Equal(0, SetEnv("OPENVISA_BACKEND", backendSpec, 1));
            try
            {
                var library = new IviLibrary(copy);
                library.Close(library.OpenDefaultResourceManager());
            }
            finally
            {
                UnsetEnv("OPENVISA_BACKEND");
            }
            Copies[backendSpec] = copy;
            return copy;
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);

    private static string Build()
    {
        var root = RepositoryRoot;
        var folder = Path.Combine(AppContext.BaseDirectory, "libopenvisa");
        var library = Path.Combine(folder, "libopenvisa.so");
        if (File.Exists(library) && File.GetLastWriteTimeUtc(library) > NewestSource(root))
            return library;
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(root, "eng", "build-libopenvisa.sh"));
        info.ArgumentList.Add(folder);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(library))
            throw new InvalidOperationException($"eng/build-libopenvisa.sh failed ({process.ExitCode}) after {clock.Elapsed}:\n{output}\n{errors.Result}");
        File.WriteAllText(Path.Combine(folder, "build-time.txt"), $"{clock.Elapsed.TotalSeconds:F0} s\n");
        return library;
    }

    private static DateTime NewestSource(string root)
    {
        var newest = DateTime.MinValue;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*", SearchOption.AllDirectories))
        {
            if (file.Contains("/bin/", StringComparison.Ordinal) || file.Contains("/obj/", StringComparison.Ordinal))
                continue;
            var time = File.GetLastWriteTimeUtc(file);
            if (time > newest)
                newest = time;
        }
        var script = File.GetLastWriteTimeUtc(Path.Combine(root, "eng", "build-libopenvisa.sh"));
        return script > newest ? script : newest;
    }
}
