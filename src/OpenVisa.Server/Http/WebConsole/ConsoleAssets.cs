using System.Reflection;
using System.Security.Cryptography;

namespace OpenVisa.Server.Http.WebConsole;

/// <summary>
/// The web console's files (HTML, CSS, JavaScript), embedded in the server assembly so <c>ovisa serve --http</c>
/// needs no files beside it and no network: nothing is fetched from a CDN, at build time or at run time.
/// </summary>
public static class ConsoleAssets
{
    /// <summary>The URL prefix of every file but the page itself.</summary>
    public const string Prefix = "/console";

    /// <summary>The resource name prefix the project file gives the embedded files.</summary>
    private const string ResourcePrefix = "OpenVisa.Server.Console.";

    private static readonly Lazy<IReadOnlyDictionary<string, ConsoleAsset>> Loaded = new(Load);

    /// <summary>Every file by URL path (<c>/</c> for the page, <c>/console/NAME</c> for the others), case-sensitive as URLs are.</summary>
    public static IReadOnlyDictionary<string, ConsoleAsset> All => Loaded.Value;

    /// <summary>The file at <paramref name="path"/>, or null.</summary>
    public static ConsoleAsset? Find(string path) => All.GetValueOrDefault(path);

    /// <summary>The <c>Content-Type</c> of a file by its extension; the console ships only these kinds.</summary>
    public static string ContentTypeOf(string fileName) => System.IO.Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".ico" => "image/x-icon",
        var other => throw new InvalidOperationException($"The console file {fileName} has the extension '{other}', which the server has no content type for; add it to ConsoleAssets.ContentTypeOf."),
    };

    private static IReadOnlyDictionary<string, ConsoleAsset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[ResourcePrefix.Length..];
            var content = Read(assembly, resource);
            var path = fileName == "index.html" ? "/" : $"{Prefix}/{fileName}";
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content), 0, 8) + "\"";
            assets[path] = new ConsoleAsset(path, ContentTypeOf(fileName), content, etag);
        }
        if (!assets.ContainsKey("/"))
            throw new InvalidOperationException("The server assembly has no embedded console page (index.html); the build lost its EmbeddedResource items.");
        return assets;
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
