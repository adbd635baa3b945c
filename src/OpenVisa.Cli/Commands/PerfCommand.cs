using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using OpenVisa.Perf;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// <c>ovisa perf</c>: the end-to-end performance harness (see docs/performance.md). Its hidden subcommands
/// <c>perf serve</c> and <c>perf client</c> are the child processes it starts, so servers and clients can be pinned.
/// </summary>
internal static class PerfCommand
{
    public static Command Create(CliContext context)
    {
        var transports = new Option<string>("--transports") { Description = $"Comma list of transports to measure ({string.Join(", ", PerfTransports.All.Select(t => t.Name))})", DefaultValueFactory = _ => string.Join(',', PerfTransports.All.Select(t => t.Name)) };
        var seconds = new Option<double>("--seconds") { Description = "Length of each timed loop, per client and round", DefaultValueFactory = _ => PerfDefaults.Seconds };
        var rounds = new Option<int>("--rounds") { Description = "Interleaved rounds; each figure is the median over them", DefaultValueFactory = _ => PerfDefaults.Rounds };
        var blockBytes = BlockBytesOption();
        var cpu = new Option<int>("--cpu") { Description = "The CPU pinned clients and servers share (taskset -c)", DefaultValueFactory = _ => 0 };
        var noPin = new Option<bool>("--no-pin") { Description = "Measure unpinned only (no …_1cpu figures)" };
        var noPyvisa = new Option<bool>("--no-pyvisa-py") { Description = "Leave the PyVISA clients (pyvisa-py, pyvisa-ivi) out even when PyVISA is installed" };
        var python = new Option<string?>("--python") { Description = "The Python that has pyvisa-py (default: Debian's, python3 on /usr/bin:/bin)" };
        var libopenvisa = new Option<string?>(PerfIviLibrary.Option)
        {
            Description = $"A VISA library (libopenvisa.so from eng/build-libopenvisa.sh OUT) for the socket clients ivi (OpenVisa over PATH@ivi) and pyvisa-ivi (PyVISA over it); default: ${PerfIviLibrary.Variable}, else both are skipped",
            HelpName = "PATH",
        };
        var command = new Command("perf", "Measure round trips, CPU per query, block throughput and server scaling against raw sockets and pyvisa-py, and OpenVisa through a VISA library (@ivi)")
        {
            transports, seconds, rounds, blockBytes, cpu, noPin, noPyvisa, python, libopenvisa,
        };
        // Synchronous on purpose: System.CommandLine ends an asynchronous action 2 s after Ctrl-C, before the children are
        // stopped and the summary printed; the harness takes SIGINT itself.
        command.SetAction(parsed =>
        {
            var options = new PerfOptions
            {
                Transports = PerfTransports.Parse(parsed.GetValue(transports)!),
                Seconds = Positive(parsed.GetValue(seconds), "--seconds"),
                Rounds = (int)Positive(parsed.GetValue(rounds), "--rounds"),
                BlockBytes = parsed.GetValue(blockBytes),
                PinnedCpu = parsed.GetValue(noPin) ? null : Cpu(parsed.GetValue(cpu)),
                UsePyvisaPy = !parsed.GetValue(noPyvisa),
                Python = parsed.GetValue(python),
                IviLibrary = PerfIviLibrary.Resolve(parsed.GetValue(libopenvisa), Environment.GetEnvironmentVariable(PerfIviLibrary.Variable)),
            };
            PerfReport report;
            using var stop = new CancellationTokenSource();
            using (PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            }))
            {
                // On a terminal the step lines become one status line with the time taken; elsewhere they stay lines.
                using var progress = CliProgress.Start(context, "ovisa");
                try
                {
                    // The top of the process, with no synchronization context: waiting here cannot deadlock.
                    report = PerfRun.RunAsync(options, progress?.AsWriter() ?? context.Error, stop.Token).GetAwaiter().GetResult();
                }
                catch (PerfChildException e)
                {
                    progress?.Dispose();
                    context.Error.WriteLine("error: " + e.Message.ReplaceLineEndings(" "));
                    return CliApp.VisaError;
                }
            }
            if (context.Json)
                context.WriteJson(new { report.Machine, report.Results, report.Targets, report.Notes, Summary = PerfTable.ClosingNote(report), report.Interrupted });
            else
                PerfTable.Write(report, context.Out);
            if (!report.Interrupted)
                return CliApp.Ok;
            context.Error.WriteLine($"perf: stopped by Ctrl-C; {report.Results.Count} figure{(report.Results.Count == 1 ? "" : "s")} measured before it are shown above");
            return CliApp.Interrupted;
        });
        command.Subcommands.Add(ServeCommand(context));
        command.Subcommands.Add(ClientCommand(context));
        return command;
    }

    private static Command ServeCommand(CliContext context)
    {
        var transport = TransportOption();
        var blockBytes = BlockBytesOption();
        var portmapper = new Option<PerfPortmapper>("--portmapper") { Description = "VXI-11: register with the portmapper on port 111 (system), run our own there (own), or neither (none)", DefaultValueFactory = _ => PerfPortmapper.None };
        var command = new Command("serve", "(harness child) serve the perf device; prints {\"resource\",\"backend\"} and runs until stdin closes") { transport, blockBytes, portmapper };
        command.Hidden = true;
        command.SetAction((parsed, cancellationToken) =>
            PerfServerHost.RunAsync(Single(parsed.GetValue(transport)!), parsed.GetValue(blockBytes), new PerfServeOptions(parsed.GetValue(portmapper)), context.In, context.Out, cancellationToken));
        return command;
    }

    private static Command ClientCommand(CliContext context)
    {
        var transport = TransportOption();
        var blockBytes = BlockBytesOption();
        var kind = new Option<string>("--kind") { Description = "openvisa, raw, or ivi (openvisa through the --backend PATH@ivi VISA library)", Required = true };
        kind.AcceptOnlyFromAmong(PerfClientKinds.OpenVisa, PerfClientKinds.Raw, PerfClientKinds.Ivi);
        var resource = new Option<string>("--resource") { Description = "The resource name the server printed", Required = true };
        var command = new Command("client", "(harness child) a timed client; answers roundtrips S, block S, load N S on stdin with JSON lines") { transport, blockBytes, kind, resource };
        command.Hidden = true;
        command.SetAction(parsed =>
        {
            var clientKind = parsed.GetValue(kind)!;
            var settings = new PerfClientSettings(Single(parsed.GetValue(transport)!), clientKind, parsed.GetValue(resource)!,
                context.Backend, parsed.GetValue(blockBytes), clientKind == PerfClientKinds.Ivi ? PerfDefaults.IviClientTimeout : PerfDefaults.ClientTimeout);
            return PerfClientHost.Run(settings, context.In, context.Out);
        });
        return command;
    }

    private static Option<string> TransportOption() =>
        new("--transport") { Description = "The transport: " + string.Join(", ", PerfTransports.All.Select(t => t.Name)), Required = true };

    private static Option<int> BlockBytesOption()
    {
        var option = new Option<int>("--block-bytes") { Description = "Payload bytes of the DATA? binary block (default 16 MiB)", DefaultValueFactory = _ => PerfDefaults.BlockBytes };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError($"--block-bytes {result.GetValueOrDefault<int>()} is not a block size; give a number of bytes of at least 1, e.g. 16777216");
        });
        return option;
    }

    private static PerfTransport Single(string name) => PerfTransports.Parse(name) switch
    {
        [var one] => one,
        _ => throw new UsageException($"--transport takes one transport, not '{name}'"),
    };

    private static double Positive(double value, string option) =>
        value > 0 && double.IsFinite(value) ? value : throw new UsageException($"{option} {value.ToString(CultureInfo.InvariantCulture)} must be a positive number");

    private static int Cpu(int cpu) =>
        cpu >= 0 && cpu < Environment.ProcessorCount ? cpu : throw new UsageException($"--cpu {cpu} is not a CPU of this machine; use 0 to {Environment.ProcessorCount - 1}");
}
