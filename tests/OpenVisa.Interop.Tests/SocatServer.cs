using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OpenVisa.Interop.Tests;

/// <summary>
/// A line-based SCPI instrument made of socat and a shell script: <c>socat TCP-LISTEN:0,bind=127.0.0.1,fork EXEC:script</c>.
/// The OS chooses the port; socat's <c>-d -d</c> log says which. Each connection gets its own copy of the script.
/// </summary>
internal sealed partial class SocatServer : IDisposable
{
    /// <summary>The reply of the script to <c>*IDN?</c>.</summary>
    public const string Identity = "SOCAT,LineResponder,0,1.0";

    // One reply line per query line, as a simple SCPI instrument; DATA? sends block.bin from the script's folder.
    private const string Responder = """
        #!/bin/sh
        cr=$(printf '\r')
        folder=$(dirname "$0")
        while IFS= read -r line; do
          line=${line%"$cr"}
          case "$line" in
            '*IDN?') printf '%s\n' 'SOCAT,LineResponder,0,1.0' ;;
            'DATA?') cat "$folder/block.bin" ;;
            *) printf 'ERR unknown command %s\n' "$line" ;;
          esac
        done
        """;

    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private SocatServer(Process process, DirectoryInfo folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ResourceName => $"TCPIP0::127.0.0.1::{Port}::SOCKET";

    /// <summary>Starts socat; <paramref name="block"/> (header, payload and newline) is what <c>DATA?</c> answers.</summary>
    public static async Task<SocatServer> StartAsync(byte[]? block = null)
    {
        var folder = Directory.CreateTempSubdirectory("ovisa-socat-");
        var script = Path.Combine(folder.FullName, "responder.sh");
        await File.WriteAllTextAsync(script, Responder.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "block.bin"), block ?? "#10\n"u8.ToArray());
        var info = new ProcessStartInfo(Peers.Socat) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-d", "-d", "TCP-LISTEN:0,bind=127.0.0.1,reuseaddr,fork", $"EXEC:{script}"])
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await process.StandardError.ReadLineAsync(cancel.Token) is { } line)
            {
                var match = Listening().Match(line);
                if (match.Success)
                {
                    _ = process.StandardError.ReadToEndAsync(); // socat logs every connection; keep its pipe drained
                    return new SocatServer(process, folder, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        process.Kill();
        process.Dispose();
        folder.Delete(recursive: true);
        throw new InvalidOperationException("socat did not report the port it listens on within 10 s");
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(5000);
        _process.Dispose();
        _folder.Delete(recursive: true);
    }

    [GeneratedRegex(@"listening on AF=2 127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
