using System.Text;

namespace OpenVisa.CApi;

/// <summary>C strings in and out: NUL-terminated Latin-1, and the C API's <c>ViChar[256]</c> output buffers.</summary>
internal static unsafe class CText
{
    /// <summary>The size of <c>ViChar desc[]</c>-style output buffers (<c>VI_FIND_BUFLEN</c>, 256).</summary>
    public const int BufferSize = 256;

    /// <summary>The string at <paramref name="text"/>; VI_ERROR_USER_BUF naming <paramref name="parameter"/> when null.</summary>
    public static string Read(byte* text, string parameter, string operation)
    {
        if (text is null)
            throw CStatus.NullPointer(parameter, operation);
        return Encoding.Latin1.GetString(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));
    }

    /// <summary>The string at <paramref name="text"/>, or null for a null pointer.</summary>
    public static string? ReadOptional(byte* text) =>
        text is null ? null : Encoding.Latin1.GetString(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));

    /// <summary>Writes <paramref name="value"/> into a 256-byte C buffer, cut to 255 bytes and NUL-terminated; a null buffer is skipped.</summary>
    public static void Write(byte* buffer, string value)
    {
        if (buffer is null)
            return;
        var span = new Span<byte>(buffer, BufferSize);
        var count = Encoding.Latin1.GetBytes(value.AsSpan(0, Math.Min(value.Length, BufferSize - 1)), span);
        span[count] = 0;
    }
}
