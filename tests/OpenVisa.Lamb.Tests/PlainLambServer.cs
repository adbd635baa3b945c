using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Lamb.Tests;

/// <summary>
/// A stand-in for Lamb itself (a FastAPI app): its five routes and nothing else, so <c>/api/v1/</c> is 404 with
/// FastAPI's <c>{"detail":"Not Found"}</c>; one instrument whose <c>*IDN?</c> fails with a 500 in plain text.
/// </summary>
internal sealed class PlainLambServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlainLambServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public List<string> Commands { get; } = [];

    public static async Task<PlainLambServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        PlainLambServer? self = null;
        app.MapGet("/list_resources", () => Results.Json(new { active = new[] { "USB0::0x2A8D::0x9007::MY1::INSTR" }, inactive = Array.Empty<string>() }));
        app.MapPost("/instrument/write", async (HttpContext c) =>
        {
            var body = await System.Text.Json.JsonDocument.ParseAsync(c.Request.Body);
            lock (self!.Commands)
                self.Commands.Add(body.RootElement.GetProperty("command").GetString()!);
            return Results.Ok();
        });
        app.MapPost("/instrument/query_raw", async (HttpContext c) =>
        {
            var body = await System.Text.Json.JsonDocument.ParseAsync(c.Request.Body);
            var command = body.RootElement.GetProperty("command").GetString();
            return command == "*IDN?"
                ? Results.Text("Internal Server Error: VisaIOError VI_ERROR_TMO", statusCode: 500)
                : Results.Bytes("#15hello\n"u8.ToArray(), "application/octet-stream");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new PlainLambServer(app, address);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
