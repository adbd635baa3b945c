using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OpenVisa.Server.Http;

namespace OpenVisa.Server.Tests.Http;

/// <summary>An <see cref="HttpInstrumentServer"/> on 127.0.0.1 and an ephemeral port, with a client for it.</summary>
internal sealed class HttpTestServer : IAsyncDisposable
{
    private HttpTestServer(HttpInstrumentServer server, DemoInstrument demo, SlowDevice slow)
    {
        Server = server;
        Demo = demo;
        Slow = slow;
        Client = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpInstrumentServer Server { get; }

    public DemoInstrument Demo { get; }

    public SlowDevice Slow { get; }

    public HttpClient Client { get; }

    public static async Task<HttpTestServer> StartAsync(HttpServerOptions? options = null)
    {
        var demo = new DemoInstrument("SN42");
        var slow = new SlowDevice("slow");
        var server = new HttpInstrumentServer([new("DEMO0::INSTR", demo), new("SLOW0::INSTR", slow)], IPAddress.Loopback, options ?? new HttpServerOptions());
        await server.StartAsync();
        return new HttpTestServer(server, demo, slow);
    }

    /// <summary>POSTs a JSON body as PyTestLab's client does (Accept: application/json, Accept-Charset: utf-8).</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, string json, Action<HttpRequestMessage>? adjust = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.AcceptCharset.Add(new StringWithQualityHeaderValue("utf-8"));
        adjust?.Invoke(request);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostTextAsync(string path, string text, Action<HttpRequestMessage>? adjust = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(text, Encoding.Latin1, "text/plain") };
        adjust?.Invoke(request);
        return Client.SendAsync(request);
    }

    public static string Command(string visaString, string command) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["visa_string"] = visaString, ["command"] = command });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
