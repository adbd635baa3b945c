using System.Text.Json;

namespace OpenVisa.Perf;

/// <summary>
/// <c>ovisa perf serve</c>: the server child. It starts the transport's server for a <see cref="PerfDevice"/>, prints one
/// JSON line <c>{"resource":…,"backend":…,"pyvisaPyResource":…,"note":…}</c>, and serves until standard input says <c>quit</c> or closes, so the
/// server never outlives the harness that started it.
/// </summary>
internal static class PerfServerHost
{
    public static async Task<int> RunAsync(PerfTransport transport, int blockBytes, PerfServeOptions options, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var server = await transport.StartServerAsync(new PerfDevice(blockBytes), options, cancellationToken).ConfigureAwait(false);
        try
        {
            output.WriteLine(JsonSerializer.Serialize(new { resource = server.ResourceName, backend = server.Backend, pyvisaPyResource = server.PyvisaPyResourceName, note = server.Note }));
            output.Flush();
            while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line && line.Trim() != "quit")
            {
            }
        }
        finally
        {
            if (server.Stop is { } stop)
                await stop().ConfigureAwait(false);
        }
        return PerfExitCodes.Ok;
    }
}
