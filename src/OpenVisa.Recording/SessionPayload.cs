using System.Text.Json;

namespace OpenVisa;

/// <summary>
/// How bytes appear in a session file: as <c>"text"</c> when every byte is printable ASCII, tab, CR or LF (so a person
/// can read and edit it), otherwise as <c>"base64"</c>; both give back the exact bytes.
/// </summary>
internal static class SessionPayload
{
    /// <summary>True when <paramref name="data"/> can be written as text and read back unchanged.</summary>
    public static bool IsText(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (b is < 0x20 and not ((byte)'\n' or (byte)'\r' or (byte)'\t') or > 0x7E)
                return false;
        }
        return true;
    }

    /// <summary>Writes <paramref name="data"/> as a <c>text</c> or <c>base64</c> property.</summary>
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> data)
    {
        if (IsText(data))
            writer.WriteString(HotFields.Text, data);
        else
            writer.WriteBase64String(HotFields.Base64, data);
    }

    /// <summary>The bytes of an object's <c>text</c> or <c>base64</c> property; null when it has neither.</summary>
    public static byte[]? Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return null;
        if (element.TryGetProperty(SessionFields.Text, out var text))
            return text.ValueKind == JsonValueKind.String ? System.Text.Encoding.UTF8.GetBytes(text.GetString()!) : null;
        if (element.TryGetProperty(SessionFields.Base64, out var base64))
        {
            if (base64.ValueKind != JsonValueKind.String || !base64.TryGetBytesFromBase64(out var bytes))
                throw new FormatException($"'{SessionFields.Base64}' holds {base64.GetRawText()}, which is not base64.");
            return bytes;
        }
        return null;
    }
}
