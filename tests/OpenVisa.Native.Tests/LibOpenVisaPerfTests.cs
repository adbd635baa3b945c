using System.Text.RegularExpressions;
using OpenVisa.Cli;

namespace OpenVisa.Native.Tests;

/// <summary>
/// <c>ovisa perf --libopenvisa</c> with the library this run built: issue 13's two clients, <c>ivi</c> (OpenVisa over
/// <c>PATH@ivi</c> over libopenvisa over <c>@managed</c>) and <c>pyvisa-ivi</c> (Debian's PyVISA over the same library),
/// get their rows, ratio rows and target lines with numbers. Whether the targets are met is the harness's business, not
/// a test's: the rounds here are a twentieth of a second.
/// </summary>
[Collection(LibOpenVisaCollection.Name)]
public sealed class LibOpenVisaPerfTests
{
    private const string Number = @"[\d,.]+";

    [PyvisaFact]
    public async Task Ovisa_perf_measures_the_ivi_and_pyvisa_ivi_clients_over_libopenvisa_and_checks_their_targets()
    {
        DebianPyvisa.Require();
        var library = LibOpenVisaBuild.Library;

        // The ovisa apphost, as users run it: libopenvisa once failed to start beside it (it found OpenVisa's managed DLLs there).
        var ovisa = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "ovisa.exe" : "ovisa");
        string[] arguments = ["perf", "--transports", "socket", "--seconds", "0.05", "--rounds", "1", "--block-bytes", "4096", "--no-pin", "--libopenvisa", library];
        var (exit, text, error) = await Task.Run(() => ChildRun.Run(ovisa, arguments, new Dictionary<string, string>(), TimeSpan.FromMinutes(4)));

        Assert.True(exit == CliApp.Ok, $"ovisa perf exited {exit}: {error}\n{text}");
        // rt/s, then cpu µs/q (the 1cpu columns are empty with --no-pin).
        Assert.Matches(new Regex($@"^socket\s+ivi\s+{Number}\s+{Number}\s", RegexOptions.Multiline), text);
        Assert.Matches(new Regex($@"^socket\s+pyvisa-ivi\s+{Number}\s+{Number}\s", RegexOptions.Multiline), text);
        Assert.Matches(new Regex($@"^socket\s+ivi/openvisa\s+{Number}×", RegexOptions.Multiline), text);
        Assert.Matches(new Regex($@"^socket\s+pyvisa-ivi/pyvisa-py\s+{Number}×", RegexOptions.Multiline), text);
        Assert.Matches(new Regex($@"^  (met    |MISSED )socket \*IDN\? round trips/s: ivi / openvisa ≥ 0\.85: {Number} \(medians {Number} / {Number}\)", RegexOptions.Multiline), text);
        Assert.Matches(new Regex($@"^  (met    |MISSED )socket client CPU per query: pyvisa-ivi / pyvisa-py ≤ 0\.5: {Number} \(medians {Number} / {Number}\)", RegexOptions.Multiline), text);
        Assert.Contains($"note: ivi and pyvisa-ivi (socket): {library}@ivi with OPENVISA_BACKEND=@managed, timeout 2000 ms", text);
        // Neither client failed to start or was dropped (that would be a note "… not measured: …" or "… dropped: …").
        Assert.All(text.Split('\n').Where(l => l.StartsWith("note: socket ", StringComparison.Ordinal) && l.Contains("ivi", StringComparison.Ordinal)),
            l => Assert.Fail($"an ivi client did not run through: {l}"));
    }
}
