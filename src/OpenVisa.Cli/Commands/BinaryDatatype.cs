using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenVisa.Cli.Commands;

/// <summary>The element types <c>--datatype</c> accepts, each mapped to a CLR type for block decoding.</summary>
internal abstract class BinaryDatatype
{
    public static readonly IReadOnlyList<string> Names = ["u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "f32", "f64"];

    public abstract string Name { get; }

    public static BinaryDatatype Parse(string name) => name switch
    {
        "u8" => new Of<byte>(name),
        "i8" => new Of<sbyte>(name),
        "u16" => new Of<ushort>(name),
        "i16" => new Of<short>(name),
        "u32" => new Of<uint>(name),
        "i32" => new Of<int>(name),
        "u64" => new Of<ulong>(name),
        "i64" => new Of<long>(name),
        "f32" => new Of<float>(name),
        "f64" => new Of<double>(name),
        _ => throw new UsageException($"unknown datatype '{name}'; use one of {string.Join(' ', Names)}"),
    };

    /// <summary>Sends the query and decodes its binary block.</summary>
    public abstract DecodedBlock Query(MessageBasedResource resource, string command, bool bigEndian);

    private sealed class Of<T>(string name) : BinaryDatatype
        where T : unmanaged, IFormattable
    {
        public override string Name => name;

        public override DecodedBlock Query(MessageBasedResource resource, string command, bool bigEndian)
        {
            var values = resource.QueryBinaryValues<T>(command, bigEndian);
            // Decoded values are in machine order; the file format is little-endian whatever the machine.
            var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
            if (!BitConverter.IsLittleEndian)
                throw new PlatformNotSupportedException("Writing raw values is implemented for little-endian machines only.");
            return new DecodedBlock(values.Length, bytes, () => values.Select(v => (object)v).ToArray(),
                () => string.Join(',', values.Select(v => v.ToString(null, CultureInfo.InvariantCulture))));
        }
    }
}

/// <summary>
/// A decoded binary reply: how many values, their raw little-endian bytes, and the values and a comma list, built only
/// when asked for (boxing every value of a 16 MiB block cost about 1 GB and seconds when only <c>--out</c> wanted the bytes).
/// </summary>
internal sealed class DecodedBlock(int count, byte[] littleEndianBytes, Func<object[]> values, Func<string> text)
{
    public int Count => count;

    public byte[] LittleEndianBytes => littleEndianBytes;

    public object[] Values => values();

    public string Text => text();
}
