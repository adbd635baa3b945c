using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;

namespace OpenVisa.Perf;

/// <summary>
/// <c>ovisa perf client</c>: a long-lived client child. It connects, checks the replies once, prints
/// <c>{"ready":true}</c>, then answers each command line on standard input with one <see cref="ClientReport"/> line:
/// <c>roundtrips SECONDS</c>, <c>block SECONDS</c>, <c>load CLIENTS SECONDS</c>, <c>quit</c>. Staying alive between
/// rounds keeps the JIT warm and the connection open, so each round measures only the loop. <c>load N S</c> drives N
/// connections as asynchronous loops; <c>load N S threads</c> gives each its own thread and the blocking path.
/// </summary>
internal static class PerfClientHost
{
    private static readonly JsonSerializerOptions LineJson = PerfJson.Lines;

    public static int Run(PerfClientSettings settings, TextReader input, TextWriter output)
    {
        IPerfClient client;
        try
        {
            client = Connect(settings);
            client.Verify(settings.BlockBytes);
        }
        catch (Exception e) when (IsClientFailure(e))
        {
            WriteLine(output, new ClientReport { Error = $"{settings.Kind} client could not start on {settings.ResourceName}: {e.Message}" });
            return PerfExitCodes.VisaError;
        }
        using (client)
        {
            WriteLine(output, new { ready = true, client = settings.Kind });
            var histogram = new LatencyHistogram();
            while (input.ReadLine() is { } line)
            {
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0)
                    continue;
                if (words[0] == "quit")
                    break;
                ClientReport report;
                try
                {
                    report = words switch
                    {
                        ["roundtrips", var seconds] => PerfLoops.RoundTrips(client, Number(seconds), histogram),
                        ["block", var seconds] => PerfLoops.Blocks(client, Number(seconds)),
                        ["load", var count, var seconds] => Load(settings, int.Parse(count, CultureInfo.InvariantCulture), Number(seconds), threads: false),
                        ["load", var count, var seconds, "threads"] => Load(settings, int.Parse(count, CultureInfo.InvariantCulture), Number(seconds), threads: true),
                        _ => new ClientReport { Error = $"unknown perf client command '{line}'; expected roundtrips S, block S, load N S [threads] or quit" },
                    };
                }
                catch (Exception e) when (IsClientFailure(e))
                {
                    report = new ClientReport { Error = $"'{line}' failed on {settings.ResourceName}: {e.Message}" };
                }
                WriteLine(output, report);
            }
        }
        return PerfExitCodes.Ok;
    }

    private static IPerfClient Connect(PerfClientSettings settings) => settings.Kind switch
    {
        // The same client code for both: only the backend differs (PATH/libopenvisa.so@ivi for ivi), so the gap is the C API hop.
        PerfClientKinds.OpenVisa or PerfClientKinds.Ivi => new OpenVisaPerfClient(settings.Backend, settings.ResourceName, settings.Timeout),
        PerfClientKinds.Raw => settings.Transport.CreateRawClient(settings.ResourceName, settings.BlockBytes)
            ?? throw new UsageException($"the {settings.Transport.Name} transport has no raw client; its baseline is the raw SOCKET client"),
        _ => throw new UsageException($"unknown perf client kind '{settings.Kind}'; use {PerfClientKinds.OpenVisa}, {PerfClientKinds.Raw} or {PerfClientKinds.Ivi} (pyvisa-py and pyvisa-ivi run as a Python script)"),
    };

    private static ClientReport Load(PerfClientSettings settings, int count, double seconds, bool threads)
    {
        if (count is < 1 or > 1024)
            throw new UsageException($"load {count}: the number of clients must be from 1 to 1024");
        var clients = new List<IPerfClient>(count);
        try
        {
            for (var i = 0; i < count; i++)
                clients.Add(Connect(settings));
            // The child's command loop is synchronous by design (one command at a time on stdin); the load itself runs on the pool.
            return Task.Run(() => PerfLoops.LoadAsync(clients, seconds, threads)).GetAwaiter().GetResult();
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool IsClientFailure(Exception e) =>
        e is VisaException or IOException or SocketException or InvalidDataException or UsageException or FormatException or InvalidOperationException;

    private static void WriteLine<T>(TextWriter output, T value)
    {
        output.WriteLine(JsonSerializer.Serialize(value, LineJson));
        output.Flush();
    }
}

/// <summary>What a client child is told on its command line.</summary>
internal sealed record PerfClientSettings(PerfTransport Transport, string Kind, string ResourceName, string Backend, int BlockBytes, TimeSpan Timeout);
