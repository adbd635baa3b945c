using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OpenVisa.Server.Http;

/// <summary><c>GET /api/v1/events</c>: service requests and HTTP bus traffic as <c>text/event-stream</c>, until the client goes away.</summary>
internal static class ServerSentEvents
{
    public static async Task StreamAsync(HttpContext context, ServerEventHub hub)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var reader = hub.Subscribe(out var handle);
        try
        {
            // A comment line first, so the client sees the stream open before any event.
            await context.Response.WriteAsync(": OpenVisa events: srq, traffic\n\n", Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await foreach (var item in reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                await context.Response.WriteAsync($"event: {item.Kind}\ndata: {item.Data}\n\n", Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client closed the stream.
        }
        finally
        {
            hub.Unsubscribe(handle);
        }
    }
}
