using System.Net;
using OpenVisa.Server;
using OpenVisa.Server.Http;

namespace OpenVisa.Console.Tests;

/// <summary>An HTTP instrument server on 127.0.0.1 and an ephemeral port, serving demo instruments.</summary>
internal sealed class ServedInstruments : IAsyncDisposable
{
    private ServedInstruments(HttpInstrumentServer server, IReadOnlyList<ServedInstrument> instruments)
    {
        Server = server;
        Instruments = instruments;
        Client = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpInstrumentServer Server { get; }

    public IReadOnlyList<ServedInstrument> Instruments { get; }

    /// <summary>Another client of the same server, as a second user of the instruments would be.</summary>
    public HttpClient Client { get; }

    public string Url => Server.Url;

    /// <summary>Serves <paramref name="count"/> demo instruments named <c>DEMO0::INSTR</c>, <c>DEMO1::INSTR</c>, ….</summary>
    public static async Task<ServedInstruments> StartAsync(int count = 1, HttpServerOptions? options = null)
    {
        var instruments = Enumerable.Range(0, count).Select(i => new ServedInstrument($"DEMO{i}::INSTR", new DemoInstrument($"SN{i}"))).ToArray();
        var server = new HttpInstrumentServer(instruments, IPAddress.Loopback, options ?? new HttpServerOptions());
        await server.StartAsync();
        return new ServedInstruments(server, instruments);
    }

    /// <summary>Serves <paramref name="instruments"/> as they are.</summary>
    public static async Task<ServedInstruments> StartAsync(IReadOnlyList<ServedInstrument> instruments)
    {
        var server = new HttpInstrumentServer(instruments, IPAddress.Loopback, new HttpServerOptions());
        await server.StartAsync();
        return new ServedInstruments(server, instruments);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
