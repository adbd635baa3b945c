using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using OpenVisa.Managed.Server;
using OpenVisa.Server;
using OpenVisa.Server.Http;

namespace OpenVisa.Lamb.Tests;

/// <summary>OpenVisa's HTTP server in this process on 127.0.0.1 and an ephemeral port: a demo instrument and a slow one.</summary>
internal sealed class LambTestServer : IAsyncDisposable
{
    private LambTestServer(HttpInstrumentServer server, DemoInstrument demo)
    {
        Server = server;
        Demo = demo;
    }

    public HttpInstrumentServer Server { get; }

    public DemoInstrument Demo { get; }

    public string Url => Server.Url;

    public static async Task<LambTestServer> StartAsync(HttpServerOptions? options = null)
    {
        var demo = new DemoInstrument("SN42");
        var server = new HttpInstrumentServer([new("DEMO0::INSTR", demo), new("TCPIP0::10.0.0.9::inst0::INSTR", new SlowDevice())], IPAddress.Loopback, options ?? new HttpServerOptions());
        await server.StartAsync();
        return new LambTestServer(server, demo);
    }

    /// <summary>A resource manager on a library of its own: another client, as another process would be.</summary>
    public ResourceManager NewClient() => new(new LambLibrary(Url));

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();

    /// <summary><c>SLOW? ms</c> answers <c>done</c> after that long; <c>*IDN?</c> names it.</summary>
    private sealed class SlowDevice : IMessageDevice
    {
        public async ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
        {
            var text = Encoding.ASCII.GetString(message.Span);
            if (text.StartsWith("SLOW? ", StringComparison.Ordinal))
            {
                await Task.Delay(int.Parse(text[6..], CultureInfo.InvariantCulture), cancellationToken);
                reply.Write("done"u8);
                return true;
            }
            if (text != "*IDN?")
                return false;
            reply.Write("Test,Slow Scope,SLOW1,1"u8);
            return true;
        }
    }
}
