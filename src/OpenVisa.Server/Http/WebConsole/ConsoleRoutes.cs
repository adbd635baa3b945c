using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OpenVisa.Server.Http.WebConsole;

/// <summary>
/// Serves the web console: the page at <c>/</c> and its files under <c>/console/</c>. Everything the page shows it
/// asks of the <c>/api/v1/</c> routes with JavaScript, so these routes only hand out files.
/// </summary>
/// <remarks>
/// Caching: every file is sent with <c>Cache-Control: no-cache</c> and a strong <c>ETag</c>; a browser keeps its
/// copy but asks each time, and gets <c>304 Not Modified</c> until the server is upgraded. So a new server version
/// never runs with an old script, and a reload costs a few bytes. The files carry no secret, so they are served
/// without the bearer token (see <see cref="IsConsolePath"/>): the page asks the user for it.
/// </remarks>
internal static class ConsoleRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", context => SendAsync(context, "/"));
        app.MapGet(ConsoleAssets.Prefix + "/{file}", context => SendAsync(context, ConsoleAssets.Prefix + "/" + context.Request.RouteValues["file"]));
    }

    /// <summary>True for the console's own paths, which the bearer-token check lets through.</summary>
    public static bool IsConsolePath(PathString path) =>
        path == "/" || (path.StartsWithSegments(ConsoleAssets.Prefix, out var rest) && rest.HasValue);

    private static Task SendAsync(HttpContext context, string path)
    {
        if (ConsoleAssets.Find(path) is not { } asset)
        {
            var failure = new HttpFailure(404, StatusCode.ErrorResourceNotFound,
                $"The console has no file {path}; its files are: {string.Join(", ", ConsoleAssets.All.Keys.Order(StringComparer.Ordinal))}.");
            return HttpExchange.WriteFailureAsync(context, failure, json: false);
        }
        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        // The page loads only its own files and talks only to this server.
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            context.Response.StatusCode = 304;
            return Task.CompletedTask;
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Content.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : context.Response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }
}
