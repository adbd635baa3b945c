using System.Text.Json;

namespace OpenVisa;

/// <summary>What the recorder writes on every line about one session, encoded once when the session opens.</summary>
internal sealed class SessionLines(int session, string? resource)
{
    /// <summary>The resource name as the program opened it.</summary>
    public string? Name { get; } = resource;

    /// <summary>The name as a JSON string value.</summary>
    public JsonEncodedText Encoded { get; } = JsonEncodedText.Encode(resource ?? "", System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    /// <summary>The constant middle of write lines.</summary>
    public byte[] Write { get; } = SessionWriter.MessagePrefix(SessionOps.Write, session, resource);

    /// <summary>The constant middle of read lines.</summary>
    public byte[] Read { get; } = SessionWriter.MessagePrefix(SessionOps.Read, session, resource);
}
