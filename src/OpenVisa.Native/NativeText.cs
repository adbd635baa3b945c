using System.Text;

namespace OpenVisa.Native;

/// <summary>
/// Text to and from the C API's <c>ViChar</c> strings: NUL-terminated, Latin-1 (VISA names and descriptions are
/// ASCII; Latin-1 keeps any vendor byte instead of failing on it).
/// </summary>
internal static unsafe class NativeText
{
    /// <summary>A NUL-terminated copy of <paramref name="text"/>.</summary>
    public static byte[] ToNative(string text)
    {
        var bytes = new byte[Encoding.Latin1.GetByteCount(text) + 1];
        Encoding.Latin1.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>The string at <paramref name="text"/>, up to its NUL or <paramref name="capacity"/> bytes.</summary>
    public static string FromNative(byte* text, int capacity)
    {
        if (text is null)
            return "";
        var span = new ReadOnlySpan<byte>(text, capacity);
        var end = span.IndexOf((byte)0);
        return Encoding.Latin1.GetString(end < 0 ? span : span[..end]);
    }
}
