using System.Diagnostics;

namespace OpenVisa.Perf;

/// <summary>Debian's pyvisa-py (package python3-pyvisa-py), run with Debian's interpreter, and the harness's client script for it.</summary>
internal sealed record PyvisaPy(string Python, string PyvisaVersion, string PyvisaPyVersion)
{
    /// <summary>The Debian package that provides pyvisa-py, named in every "not installed" message.</summary>
    public const string Package = "python3-pyvisa-py";

    private const string ScriptResource = "OpenVisa.Perf.pyvisa_py_client.py";

    /// <summary>
    /// Finds Debian's python3 (on the system path, like <c>command -v -p python3</c>, or <paramref name="python"/>) and
    /// checks that it imports pyvisa-py; null with the reason when it does not.
    /// </summary>
    public static PyvisaPy? Find(string? python, out string reason)
    {
        python ??= PerfPaths.FindOnSystemPath("python3");
        if (python is null)
        {
            reason = $"Debian's python3 is not on the system path (/usr/bin:/bin), so pyvisa-py cannot run; install {Package}";
            return null;
        }
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", "import pyvisa, pyvisa_py; from importlib.metadata import version; print(version('pyvisa'), version('pyvisa-py'))"])
            info.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                reason = $"{python} took more than 30 s to import pyvisa-py";
                return null;
            }
            var versions = output.GetAwaiter().GetResult().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (process.ExitCode != 0 || versions.Length != 2)
            {
                var why = error.GetAwaiter().GetResult().Trim().Split('\n').LastOrDefault() ?? "";
                reason = $"{Package} is not installed for {python} ({why}); install it with apt-get install {Package}";
                return null;
            }
            reason = "";
            return new PyvisaPy(python, versions[0], versions[1]);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            reason = $"{python} cannot run ({e.Message}); install {Package}";
            return null;
        }
    }

    /// <summary>The client script's text, shipped inside ovisa.</summary>
    public static string ScriptText()
    {
        using var stream = typeof(PyvisaPy).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"ovisa was built without its {ScriptResource} resource.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The arguments that start the client script at <paramref name="scriptPath"/> as pyvisa-py (PyVISA's <c>@py</c> backend).</summary>
    public static IEnumerable<string> ClientArguments(string scriptPath, string resourceName, string readTermination, int blockBytes) =>
        ClientArguments(scriptPath, resourceName, readTermination, blockBytes, "@py", PerfClientKinds.PyvisaPy, PerfDefaults.ClientTimeout);

    /// <summary>
    /// The arguments that start the same script as <paramref name="client"/> over the PyVISA backend
    /// <paramref name="backend"/> (e.g. <c>PATH/libopenvisa.so@ivi</c>), with I/O timeout <paramref name="timeout"/>.
    /// </summary>
    public static IEnumerable<string> ClientArguments(string scriptPath, string resourceName, string readTermination, int blockBytes, string backend, string client, TimeSpan timeout) =>
        ["-u", scriptPath, "--resource", resourceName, "--read-termination", readTermination, "--block-bytes", blockBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--timeout-ms", ((int)timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "--backend", backend, "--client", client];
}
