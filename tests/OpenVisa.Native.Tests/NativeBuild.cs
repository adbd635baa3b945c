using System.Diagnostics;

namespace OpenVisa.Native.Tests;

/// <summary>
/// Builds the small C libraries the tests load (the fake VISA library, a library missing most VISA functions, a library
/// that is not VISA at all) with gcc, once per test run; each test gets its own copy, so the fake's global state (one
/// instrument) is never shared between tests running in parallel.
/// </summary>
internal static class NativeBuild
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "openvisa-native-tests-" + Environment.ProcessId);
    private static readonly Lazy<string> Full = new(() => Compile("fakevisa.c", "libfakevisa.so", []));
    private static readonly Lazy<string> Minimal = new(() => Compile("fakevisa.c", "libfakevisa-minimal.so", ["-DFAKE_MINIMAL", "-Wno-unused-variable", "-Wno-unused-but-set-variable"]));
    private static readonly Lazy<string> NotVisa = new(() => Compile("notvisa.c", "libnotvisa.so", []));
    private static int _copies;

    /// <summary>A fresh copy of the fake VISA library.</summary>
    public static string FakeVisa() => Copy(Full.Value);

    /// <summary>A fresh copy of the fake VISA library built without viReadSTB, viLock, events and the rest.</summary>
    public static string FakeVisaMinimal() => Copy(Minimal.Value);

    /// <summary>A shared library that exports no VISA function.</summary>
    public static string NotVisaLibrary() => NotVisa.Value;

    /// <summary>Runs gcc; fails the test with gcc's output (and the Debian package to install) when it cannot.</summary>
    public static string Gcc(IEnumerable<string> arguments)
    {
        var gcc = File.Exists("/usr/bin/gcc") ? "/usr/bin/gcc" : "gcc";
        var info = new ProcessStartInfo(gcc) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("gcc did not start; install the Debian package gcc");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"gcc {string.Join(' ', info.ArgumentList)} failed ({process.ExitCode}): {errors.Result}{output}");
        return output;
    }

    private static string Compile(string source, string output, string[] defines)
    {
        Directory.CreateDirectory(Folder);
        var target = Path.Combine(Folder, output);
        Gcc([.. defines, "-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-pthread", "-o", target, Path.Combine(AppContext.BaseDirectory, "FakeVisa", source)]);
        return target;
    }

    private static string Copy(string built)
    {
        var copy = Path.Combine(Folder, $"{Path.GetFileNameWithoutExtension(built)}-{Interlocked.Increment(ref _copies)}.so");
        File.Copy(built, copy, overwrite: true);
        return copy;
    }
}
