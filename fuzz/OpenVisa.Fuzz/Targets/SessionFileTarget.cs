using System.Text;

namespace OpenVisa.Fuzz.Targets;

/// <summary>
/// Session files, OpenVisa's JSON lines and PyTestLab's YAML: a file is parsed and replayed (every resource opens), or
/// refused with an <see cref="InvalidDataException"/> naming the line, or the replay refuses with a VISA status or a replay mismatch.
/// </summary>
public sealed class SessionFileTarget : FuzzTarget
{
    private const string PyTestLabSeed = """
        psu:
          profile: keysight/EDU36311A
          address: TCPIP0::192.168.1.20::5025::SOCKET
          log:
            - {command: '*IDN?', response: 'Keysight Technologies,EDU36311A,CN61130056,K-01.08', timestamp: 0.1, type: query}
            - {command: 'CURR 0.1, (@1)', response: null, timestamp: 0.2, type: write}
            - command: 'MEAS:VOLT? (@1)'
              response: '+9.99749200E-01'
              timestamp: 0.3
              type: query
        """;

    /// <inheritdoc/>
    public override string Name => "session-file";

    /// <inheritdoc/>
    public override string Description => "session files (JSON lines and PyTestLab YAML) through SessionLog.Parse and the replay backend";

    /// <inheritdoc/>
    public override int MaxInputLength => 16384;

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Seeds { get; } = [RecordedSession(), Encoding.UTF8.GetBytes(PyTestLabSeed)];

    /// <inheritdoc/>
    public override IReadOnlyList<byte[]> Tokens { get; } =
        [.. YamlTokens.All, .. new[] { "{\"op\":", "\"write\"", "\"query\"", "\"data\":", "\"b64\":", ",", "null", "\"session\":", "-1", "1e400" }.Select(Encoding.UTF8.GetBytes)];

    /// <summary>A real session file: a short conversation with the built-in simulator, recorded.</summary>
    private static byte[] RecordedSession()
    {
        var folder = Directory.CreateTempSubdirectory("ovisa-fuzz-session-");
        try
        {
            var file = Path.Combine(folder.FullName, "run.jsonl");
            using (var manager = new ResourceManager($"{file}|bundled:default.yaml@sim@record"))
            {
                using var generator = manager.Open<MessageBasedResource>("ASRL1::INSTR");
                generator.Query("?IDN");
                generator.Write("!FREQ 12.5");
                generator.Query("?FREQ");
                generator.ReadStb();
                generator.Clear();
            }
            return File.ReadAllBytes(file);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <inheritdoc/>
    public override void Run(byte[] input)
    {
        var log = SessionLog.Parse(Encoding.UTF8.GetString(input), "fuzz-session");
        // Replaying must follow the recording, so the program replays the file's own first operations: open the manager.
        using var manager = new ResourceManager(new ReplayLibrary(log));
    }

    /// <inheritdoc/>
    public override bool IsExpected(Exception error) => error is InvalidDataException or VisaException or ReplayMismatchException;
}
