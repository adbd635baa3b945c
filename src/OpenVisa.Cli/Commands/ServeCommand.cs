using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Tcpip.Hislip;
using OpenVisa.Managed.Tcpip.Vxi11;
using OpenVisa.Server;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// <c>ovisa serve</c>: puts instruments on the network over raw SOCKET and VXI-11 until Ctrl-C or SIGTERM. Serves
/// the built-in simulated instruments, a simulator file's (<c>--sim FILE</c>), real resources from any backend
/// (<c>--resource NAME</c>, repeated), or the demo instrument (<c>--demo</c>).
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var sim = new Option<FileInfo?>("--sim") { Description = "Serve the instruments of this simulator file (pyvisa-sim YAML) instead of the built-in ones" };
        var demo = new Option<bool>("--demo") { Description = "Serve the built-in demo instrument (IEEE 488.2 commands, MEAS:VOLT?, DATA? n blocks) instead of the simulated ones" };
        var resources = new Option<string[]>("--resource") { Description = "Serve this resource, opened with --backend; repeat for several" };
        var socket = new Option<int?>("--socket") { Description = "Serve over raw SOCKET: the first instrument on PORT, the next on PORT+1, …" };
        var vxi11 = new Option<bool>("--vxi11") { Description = "Serve over VXI-11 as inst0, inst1, … and under each instrument's own name" };
        var hislip = new Option<int?>("--hislip") { Description = "Serve over HiSLIP as hislip0, hislip1, … on PORT (default 4880; 0 lets the system choose)", Arity = ArgumentArity.ZeroOrOne };
        var hislipCertificate = new Option<FileInfo?>("--hislip-cert") { Description = "HiSLIP 2.0 TLS: the server certificate (.pfx, or PEM with certificate and key)" };
        var hislipCertificatePassword = new Option<string?>("--hislip-cert-password") { Description = "The password of a .pfx certificate" };
        var hislipUsers = new Option<string[]>("--hislip-user") { Description = "HiSLIP 2.0 SASL PLAIN credentials as NAME:PASSWORD; repeat for several; anonymous clients are then refused" };
        var serial = new Option<string?>("--serial") { Description = "Serve the first instrument on this serial device (e.g. one end of a socat pty pair) as an RS-232 instrument" };
        var prologix = new Option<int?>("--prologix") { Description = "Emulate a Prologix GPIB-ETHERNET adapter on PORT (real ones use 1234; 0 lets the system choose) with every instrument behind it at a GPIB address" };
        var bind = new Option<string>("--bind") { Description = "The address to listen on; 0.0.0.0 for every interface", DefaultValueFactory = _ => "127.0.0.1" };
        var portmapper = new Option<string>("--portmapper") { Description = "How VXI-11 clients find the server: auto (rpcbind when it runs, else our own on port 111), system, own, none", DefaultValueFactory = _ => "auto" };
        portmapper.AcceptOnlyFromAmong("auto", "system", "own", "none");
        var http = new Option<int?>("--http") { Description = "Serve the HTTP instrument API on PORT: Lamb's routes (PyTestLab's LambBackend, OpenVisa's @lamb) and /api/v1/" };
        var httpTokenFile = new Option<FileInfo?>("--http-token-file") { Description = "HTTP: require \"Authorization: Bearer TOKEN\", TOKEN being this file's first line" };
        var httpCertificate = new Option<FileInfo?>("--http-cert") { Description = "HTTP: serve HTTPS with this certificate (.pfx, or PEM with certificate and key)" };
        var httpCertificatePassword = new Option<string?>("--http-cert-password") { Description = "The password of the --http-cert .pfx" };
        var httpTimeout = new Option<int>("--http-timeout") { Description = "HTTP: milliseconds a request may take, waiting for the instrument included, before 504 VI_ERROR_TMO", DefaultValueFactory = _ => 30000 };
        var httpMaxBody = new Option<long>("--http-max-body") { Description = "HTTP: the largest request body in bytes (larger ones get 413)", DefaultValueFactory = _ => OpenVisa.Server.Http.HttpServerOptions.DefaultMaxRequestBodyBytes };
        var portmapperPort = new Option<int>("--portmapper-port") { Description = "The portmapper's port (111 is the one clients ask)", DefaultValueFactory = _ => 111 };
        var maxReplyBytes = new Option<int>("--max-reply-bytes") { Description = "The longest reply one message may get, over every protocol; larger ones are refused (the demo queues -223)", DefaultValueFactory = _ => new InstrumentServerOptions().MaxReplyBytes };
        var command = new Command("serve", "Serve instruments over raw SOCKET, VXI-11 and HiSLIP until Ctrl-C")
        {
            sim, demo, resources, socket, vxi11, hislip, hislipCertificate, hislipCertificatePassword, hislipUsers, bind, portmapper, portmapperPort,
            http, httpTokenFile, httpCertificate, httpCertificatePassword, httpTimeout, httpMaxBody,
        };
        command.Options.Add(maxReplyBytes);
        var maxClients = new Option<int?>("--max-clients") { Description = "How many clients at once: SOCKET connections per port (default 256), VXI-11 links (1024), HiSLIP sessions (64)" };
        var maxSessionsPerClient = new Option<int?>("--max-sessions-per-client") { Description = "How many sessions one client may hold: HiSLIP sessions per address (default 16), VXI-11 links per connection (32)" };
        var maxMessageBytes = new Option<int?>("--max-message-bytes") { Description = "The longest message a client may send, every protocol (default 67108864, 64 MiB)" };
        command.Options.Add(maxClients);
        command.Options.Add(maxSessionsPerClient);
        command.Options.Add(maxMessageBytes);
        command.Options.Add(serial);
        command.Options.Add(prologix);
        var advertise = new Option<bool>("--advertise") { Description = "Announce each served instrument over mDNS (_scpi-raw, _vxi-11, _hislip) so LXI discovery finds it; withdrawn on stop" };
        command.Options.Add(advertise);
        var bench = new Option<FileInfo?>("--bench") { Description = "Serve the instruments of this bench file (bench.yaml) through their drivers, under their aliases; with --http the web console shows their parameters and waveforms" };
        var simulate = new Option<bool>("--simulate") { Description = "With --bench: simulate every instrument of the bench with its driver's simulation profile" };
        command.Options.Add(bench);
        command.Options.Add(simulate);
        command.SetAction(parsed =>
        {
            var socketPort = parsed.GetValue(socket);
            var serveVxi11 = parsed.GetValue(vxi11);
            // "--hislip" alone means the standard port; absent means no HiSLIP at all.
            var hislipPort = parsed.GetResult(hislip) is null ? (int?)null : parsed.GetValue(hislip) ?? HislipDefaultPort;
            var serialDevice = parsed.GetValue(serial);
            var prologixPort = parsed.GetValue(prologix);
            var httpPort = parsed.GetValue(http);
            if (socketPort is null && !serveVxi11 && hislipPort is null && serialDevice is null && prologixPort is null && httpPort is null)
                throw new UsageException("nothing to serve on: give --socket PORT, --vxi11, --hislip [PORT], --http PORT, or several (or --serial PATH, --prologix PORT)");
            if (prologixPort is < 0 or > 65535)
                throw new UsageException($"--prologix {prologixPort} is not a port number (0 to 65535)");
            if (httpPort is < 0 or > 65535)
                throw new UsageException($"--http {httpPort} is not a port number (0 to 65535)");
            if (hislipPort is < 0 or > 65535)
                throw new UsageException($"--hislip {hislipPort} is not a port number (0 to 65535)");
            if (socketPort is < 0 or > 65535)
                throw new UsageException($"--socket {socketPort} is not a port number (0 to 65535)");
            if (!IPAddress.TryParse(parsed.GetValue(bind), out var address))
                throw new UsageException($"--bind \"{parsed.GetValue(bind)}\" is not an IP address; use e.g. 127.0.0.1, 0.0.0.0 or ::1");
            var names = parsed.GetValue(resources) ?? [];
            var file = parsed.GetValue(sim);
            var demoOnly = parsed.GetValue(demo);
            if ((names.Length > 0 ? 1 : 0) + (file is not null ? 1 : 0) + (demoOnly ? 1 : 0) > 1)
                throw new UsageException("give one of --sim FILE, --resource NAME or --demo, not several");
            var benchFile = parsed.GetValue(bench);
            if (benchFile is not null && (names.Length > 0 || file is not null || demoOnly))
                throw new UsageException("--bench FILE serves the bench's own instruments: give it without --sim, --resource or --demo");
            if (parsed.GetValue(simulate) && benchFile is null)
                throw new UsageException("--simulate goes with --bench FILE (it simulates the bench's instruments); without a bench, --sim FILE or no option serves simulated instruments");
            var replyLimit = parsed.GetValue(maxReplyBytes);
            if (replyLimit < 1)
                throw new UsageException($"--max-reply-bytes {replyLimit} is not a size: give a number of bytes of at least 1, e.g. 67108864");
            var limits = new ServerClientLimits
            {
                MaxClients = AtLeastOne(parsed.GetValue(maxClients), "--max-clients", "a number of clients"),
                MaxSessionsPerClient = AtLeastOne(parsed.GetValue(maxSessionsPerClient), "--max-sessions-per-client", "a number of sessions"),
                MaxMessageBytes = AtLeastOne(parsed.GetValue(maxMessageBytes), "--max-message-bytes", "a number of bytes"),
            };
            var logger = new ErrorLogger(context.Error);
            string? fallback = null;
            using var set = benchFile is not null ? ServeBench.Open(benchFile, parsed.GetValue(simulate), logger)
                : names.Length > 0 ? InstrumentSet.FromResources(context.Backend, names, logger)
                : file is not null ? InstrumentSet.FromSimulator(RequireFile(file) + "@sim", logger)
                : demoOnly ? InstrumentSet.Demo(replyLimit)
                : InstrumentSet.Default(out fallback, logger);
            var options = new InstrumentServerOptions
            {
                BindAddress = address,
                SocketPort = socketPort,
                Vxi11 = serveVxi11,
                HislipPort = hislipPort,
                Hislip = HislipOptions(parsed.GetValue(hislipCertificate), parsed.GetValue(hislipCertificatePassword), parsed.GetValue(hislipUsers) ?? [], logger),
                Limits = limits,
                Portmapper = Enum.Parse<Vxi11PortmapperMode>(parsed.GetValue(portmapper)!, ignoreCase: true),
                PortmapperPort = parsed.GetValue(portmapperPort),
                SerialDevice = serialDevice,
                PrologixPort = prologixPort,
                Logger = logger,
                MaxReplyBytes = replyLimit,
                Http = httpPort is null ? null : HttpOptions(httpPort.Value, parsed.GetValue(httpTokenFile), parsed.GetValue(httpCertificate), parsed.GetValue(httpCertificatePassword), parsed.GetValue(httpTimeout), parsed.GetValue(httpMaxBody), set.Bench),
            };
            return Serve(context, set, options, fallback, parsed.GetValue(advertise));
        });
        return command;
    }

    private const int HislipDefaultPort = 4880;

    private static OpenVisa.Server.Http.HttpServerOptions HttpOptions(int port, FileInfo? tokenFile, FileInfo? certificate, string? password, int timeoutMilliseconds, long maxBody,
        OpenVisa.Server.Http.BenchApi.ServedBench? bench = null)
    {
        if (timeoutMilliseconds <= 0)
            throw new UsageException($"--http-timeout {timeoutMilliseconds} must be a positive number of milliseconds");
        if (maxBody <= 0)
            throw new UsageException($"--http-max-body {maxBody} must be a positive number of bytes");
        string? token = null;
        if (tokenFile is not null)
        {
            token = File.ReadLines(RequireHttpFile(tokenFile, "--http-token-file")).FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(token))
                throw new UsageException($"the token file \"{tokenFile.FullName}\" is empty; put the bearer token on its first line");
        }
        return new OpenVisa.Server.Http.HttpServerOptions
        {
            Port = port,
            BearerToken = token,
            Certificate = certificate is null ? null : HislipServerOptions.LoadCertificate(RequireHttpFile(certificate, "--http-cert"), password),
            RequestTimeout = TimeSpan.FromMilliseconds(timeoutMilliseconds),
            MaxRequestBodyBytes = maxBody,
            Bench = bench,
        };
    }

    private static string RequireHttpFile(FileInfo file, string option) =>
        file.Exists ? file.FullName : throw new UsageException($"{option}: the file \"{file.FullName}\" does not exist");

    private static int? AtLeastOne(int? value, string option, string what) =>
        value is < 1 ? throw new UsageException($"{option} {value} is not {what}: give 1 or more") : value;

    private static HislipServerOptions HislipOptions(FileInfo? certificate, string? password, string[] users, ILogger logger)
    {
        var credentials = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var colon = user.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new UsageException($"--hislip-user \"{user}\" is not NAME:PASSWORD");
            credentials[user[..colon]] = user[(colon + 1)..];
        }
        if (credentials.Count > 0 && certificate is null)
        {
            throw new UsageException("--hislip-user needs --hislip-cert FILE: HiSLIP clients authenticate only over TLS, so without a certificate " +
                "no client could ever log in (give a .pfx, or a PEM file with certificate and key)");
        }
        return new HislipServerOptions
        {
            Certificate = certificate is null ? null : HislipServerOptions.LoadCertificate(RequireFile(certificate), password),
            Credentials = credentials.Count == 0 ? null : credentials,
            AllowAnonymous = credentials.Count == 0,
            Logger = logger,
        };
    }

    private static int Serve(CliContext context, InstrumentSet set, InstrumentServerOptions options, string? fallback, bool advertise = false)
    {
        using var stop = new CancellationTokenSource();
        // Ctrl-C and SIGTERM stop the server cleanly (unregistering from the portmapper) instead of killing the process.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopOn(stop));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopOn(stop));
        var server = new InstrumentServer(set.Instruments, options);
        try
        {
            server.Start();
        }
        catch (InvalidOperationException e)
        {
            context.Error.WriteLine("error: " + e.Message);
            return CliApp.VisaError;
        }
        try
        {
            Announce(context, set, server, options, fallback);
            using var advertiser = advertise ? StartAdvertising(context, server, options) : null;
            stop.Token.WaitHandle.WaitOne();
        }
        finally
        {
            server.StopAsync().GetAwaiter().GetResult();
        }
        if (!context.Json)
            context.Out.WriteLine("Stopped.");
        return CliApp.Ok;
    }

    /// <summary>Starts the mDNS responder for <c>--advertise</c>; a failure is a warning, the server keeps serving.</summary>
    private static OpenVisa.Managed.Discovery.Mdns.MdnsAdvertiser? StartAdvertising(CliContext context, InstrumentServer server, InstrumentServerOptions options)
    {
        var announcements = ServeAdvertising.Announcements(server.Endpoints, options.PortmapperPort);
        try
        {
            var advertiser = OpenVisa.Managed.Discovery.Mdns.MdnsAdvertiser.Start(announcements, ServeAdvertising.HostName, ServeAdvertising.Addresses(options.BindAddress));
            if (!context.Json)
                context.Out.WriteLine($"Advertising {announcements.Count} service{(announcements.Count == 1 ? "" : "s")} over mDNS as {advertiser.HostName} ({string.Join(", ", advertiser.Addresses)}).");
            return advertiser;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            context.Error.WriteLine($"warning: --advertise: mDNS is not available here ({e.Message}); is there a multicast route, and is UDP port 5353 free for sharing?");
            return null;
        }
    }

    private static Action<PosixSignalContext> StopOn(CancellationTokenSource stop) => signal =>
    {
        signal.Cancel = true;
        stop.Cancel();
    };

    private static void Announce(CliContext context, InstrumentSet set, InstrumentServer server, InstrumentServerOptions options, string? fallback)
    {
        if (context.Json)
        {
            context.WriteJson(new
            {
                source = set.Source,
                bind = options.BindAddress.ToString(),
                portmapper = server.PortmapperDescription,
                http = server.HttpUrl,
                instruments = set.Instruments.Select(i => new
                {
                    name = i.Name,
                    endpoints = server.Endpoints.Where(e => e.Instrument == i.Name).Select(e => new { protocol = e.Protocol, resourceName = e.ResourceName }).ToArray(),
                }).ToArray(),
            });
            return;
        }
        if (fallback is not null)
            context.Out.WriteLine($"Serving the built-in demo instrument: {fallback}.");
        var count = set.Instruments.Count;
        context.Out.WriteLine($"Serving {count} instrument{(count == 1 ? "" : "s")} from {set.Source} on {options.BindAddress}" +
            (server.PortmapperDescription is { } how ? $" (VXI-11 {how})" : "") + ":");
        if (server.HttpUrl is { } url)
            context.Out.WriteLine($"HTTP API on {url} (Lamb routes and /api/v1/; ovisa -b {url}@lamb)");
        if (server.HttpUrl is { } consoleUrl)
            context.Out.WriteLine($"Web console: open {consoleUrl}/ in a browser");
        foreach (var instrument in set.Instruments)
        {
            context.Out.WriteLine("  " + instrument.Name);
            foreach (var endpoint in server.Endpoints.Where(e => e.Instrument == instrument.Name))
                context.Out.WriteLine($"    {endpoint.Protocol,-7} {endpoint.ResourceName}");
        }
        if (server.Prologix is { } adapter)
            context.Out.WriteLine($"Prologix adapter: set OPENVISA_GPIB0={adapter.Binding}, or open {adapter.InterfaceResourceName} first.");
        context.Out.WriteLine("Stop with Ctrl-C.");
    }

    private static string RequireFile(FileInfo file) =>
        file.Exists ? file.FullName : throw new UsageException($"the simulator file \"{file.FullName}\" does not exist");

    /// <summary>Server warnings and errors (a client sent garbage, a device failed) on standard error.</summary>
    private sealed class ErrorLogger(TextWriter error) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            lock (error)
                error.WriteLine($"{(logLevel >= LogLevel.Error ? "error" : "warning")}: {formatter(state, exception)}" + (exception is null ? "" : $" ({exception.Message})"));
        }
    }
}
