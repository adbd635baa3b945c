using OpenVisa.Cli;

namespace OpenVisa.Tests.Cli;

/// <summary>
/// Long operations show one status line on stderr when a person watches a terminal, erased when done; never with
/// --json, and never when output is captured (every other CLI test runs that way and sees an empty stderr).
/// </summary>
public sealed class CliProgressTests : IDisposable
{
    private const string Erase = "\r\u001b[K";
    private readonly string _folder = Directory.CreateTempSubdirectory("ovisa-progress-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string SimFile()
    {
        var path = Path.Combine(_folder, "meter.yaml");
        File.WriteAllText(path, "spec: \"1.1\"\ndevices:\n  meter:\n    eom:\n      GPIB INSTR: {q: \"\\n\", r: \"\\n\"}\n    dialogues:\n      - {q: \"*IDN?\", r: \"METER,1\"}\nresources:\n  GPIB0::1::INSTR: {device: meter}\n");
        return path;
    }

    [Fact]
    public void Sim_check_on_a_terminal_shows_a_status_line_and_erases_it()
    {
        var path = SimFile();
        var run = CliRun.OnTerminal("sim", "check", path);
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("\rchecking meter.yaml (", run.Error, StringComparison.Ordinal);
        Assert.EndsWith(Erase, run.Error, StringComparison.Ordinal);
        Assert.Equal(CliRun.Of("sim", "check", path).Out, run.Out);
    }

    [Fact]
    public void Json_never_shows_progress_even_on_a_terminal()
    {
        var run = CliRun.OnTerminal("sim", "check", SimFile(), "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Captured_output_never_shows_progress()
    {
        var run = CliRun.Of("list", "-b", "cli@scripted", "?*");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Discovery_on_a_terminal_says_what_it_looks_for_where()
    {
        var run = CliRun.OnTerminal("list", "-b", "cli@scripted", "?*");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("\rlooking for '?*' on @scripted (", run.Error, StringComparison.Ordinal);
        Assert.EndsWith(Erase, run.Error, StringComparison.Ordinal);
        Assert.Contains(ScriptedLibrary.SocketName, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_read_into_a_file_on_a_terminal_shows_progress_and_one_printed_to_stdout_does_not()
    {
        var file = Path.Combine(_folder, "block.bin");
        var toFile = CliRun.OnTerminal("query", "-b", "cli@scripted", ScriptedLibrary.SocketName, "DATA? 70000", "--binary", "--out", file);
        Assert.Equal(0, toFile.ExitCode);
        Assert.StartsWith($"\rreading the block from {ScriptedLibrary.SocketName} for block.bin (", toFile.Error, StringComparison.Ordinal);
        Assert.EndsWith(Erase, toFile.Error, StringComparison.Ordinal);
        Assert.Equal(70000, new FileInfo(file).Length);

        var toStdout = CliRun.OnTerminal("query", "-b", "cli@scripted", ScriptedLibrary.SocketName, "DATA? 4", "--binary");
        Assert.Equal(0, toStdout.ExitCode);
        Assert.Equal("", toStdout.Error);
    }

    [Fact]
    public void Lines_written_to_the_progress_writer_become_the_status()
    {
        var error = new StringWriter();
        var context = new CliContext(new StringWriter(), error, new StringReader("")) { IsTerminal = true };
        using (var progress = CliProgress.Start(context, "ovisa"))
        {
            Assert.NotNull(progress);
            progress.AsWriter().WriteLine("perf: round 1 of 2");
            progress.AsWriter().Write("perf: round 2 ");
            Assert.DoesNotContain("round 2", error.ToString(), StringComparison.Ordinal);
        }
        Assert.Contains("\rovisa: perf: round 1 of 2 (", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(Erase, error.ToString(), StringComparison.Ordinal);
        Assert.Null(CliProgress.Start(new CliContext(new StringWriter(), new StringWriter(), new StringReader("")), "ovisa"));
    }
}
