namespace OpenVisa.Server.Http.WebConsole;

/// <summary>One file of the web console, as the server sends it.</summary>
/// <param name="Path">Its URL path, e.g. <c>/console/app.js</c> (the page itself is <c>/</c>).</param>
/// <param name="ContentType">Its <c>Content-Type</c>, with a charset for text.</param>
/// <param name="Content">Its bytes.</param>
/// <param name="ETag">A strong validator derived from the content, so a browser revalidates with one cheap request.</param>
public sealed record ConsoleAsset(string Path, string ContentType, ReadOnlyMemory<byte> Content, string ETag);
