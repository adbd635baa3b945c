using System.Buffers.Binary;
using System.Globalization;
using OpenVisa.Sim.Expressions;
using OpenVisa.Sim.Text;

namespace OpenVisa.Sim.Profiles;

/// <summary>
/// Writes binary replies: a file's bytes, or a waveform of <c>points</c> samples computed by a formula (variables
/// <c>i</c>, <c>n</c> and <c>x = i/n</c>, plus the state and the seeded random generator) and stored as the data type asks
/// (int8 … float64, big- or little-endian), framed as an IEEE 488.2 definite-length block <c>#&lt;d&gt;&lt;length&gt;&lt;data&gt;</c>.
/// </summary>
internal static class BinaryReply
{
    /// <summary>Bytes per sample of a data type; 0 when the name is unknown.</summary>
    public static int SampleSize(string dataType) => dataType switch
    {
        "int8" or "uint8" => 1,
        "int16" or "uint16" => 2,
        "int32" or "uint32" or "float32" => 4,
        "float64" => 8,
        _ => 0,
    };

    public const int MaxPoints = 16 * 1024 * 1024;

    public static void Write(BinarySpec spec, ExprScope scope, ByteBuilder output)
    {
        if (spec.FileBytes is { } bytes)
        {
            if (spec.Block)
                WriteHeader(bytes.Length, output);
            output.Append(bytes);
            return;
        }
        var pointsValue = spec.Points!.Evaluate(scope);
        if (pointsValue.Kind == ExprKind.Str && long.TryParse(pointsValue.AsStr, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            pointsValue = ExprValue.Int(parsed);
        if (pointsValue.Kind is not (ExprKind.Int or ExprKind.Float) || pointsValue.AsFloat is < 0 or > MaxPoints)
            throw new ExprException($"points must be a whole number from 0 to {MaxPoints}, not {pointsValue.Repr()}");
        var points = (int)pointsValue.AsFloat;
        var size = SampleSize(spec.DataType);
        if (spec.Block)
            WriteHeader(points * size, output);
        var hadLocals = scope.Locals.ContainsKey("i") || scope.Locals.ContainsKey("n") || scope.Locals.ContainsKey("x");
        if (hadLocals)
            throw new ExprException("a waveform formula cannot run inside another one");
        scope.Locals["n"] = ExprValue.Int(points);
        try
        {
            for (var i = 0; i < points; i++)
            {
                scope.Locals["i"] = ExprValue.Int(i);
                scope.Locals["x"] = ExprValue.Float(points == 0 ? 0 : (double)i / points);
                var sample = spec.Formula!.Evaluate(scope);
                if (!sample.IsNumber)
                    throw new ExprException($"the formula gave {sample.TypeName} {sample.Repr()} for i={i}; it must give a number");
                WriteSample(sample.AsFloat, spec.DataType, spec.BigEndian, output.Reserve(size));
                output.Advance(size);
            }
        }
        finally
        {
            scope.Locals.Remove("i");
            scope.Locals.Remove("n");
            scope.Locals.Remove("x");
        }
    }

    /// <summary>Writes <c>#&lt;digits&gt;&lt;length&gt;</c>.</summary>
    public static void WriteHeader(int length, ByteBuilder output)
    {
        Span<char> digits = stackalloc char[12];
        length.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        output.Append((byte)'#');
        output.Append((byte)('0' + written));
        output.AppendLatin1(digits[..written]);
    }

    private static void WriteSample(double value, string dataType, bool bigEndian, Span<byte> target)
    {
        double Clamp(double low, double high) => double.IsNaN(value) ? 0 : Math.Clamp(Math.Round(value, MidpointRounding.ToEven), low, high);
        switch (dataType)
        {
            case "int8":
                target[0] = (byte)(sbyte)Clamp(sbyte.MinValue, sbyte.MaxValue);
                break;
            case "uint8":
                target[0] = (byte)Clamp(byte.MinValue, byte.MaxValue);
                break;
            case "int16":
                var s16 = (short)Clamp(short.MinValue, short.MaxValue);
                if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(target, s16); else BinaryPrimitives.WriteInt16LittleEndian(target, s16);
                break;
            case "uint16":
                var u16 = (ushort)Clamp(ushort.MinValue, ushort.MaxValue);
                if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(target, u16); else BinaryPrimitives.WriteUInt16LittleEndian(target, u16);
                break;
            case "int32":
                var s32 = (int)Clamp(int.MinValue, int.MaxValue);
                if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(target, s32); else BinaryPrimitives.WriteInt32LittleEndian(target, s32);
                break;
            case "uint32":
                var u32 = (uint)Clamp(uint.MinValue, uint.MaxValue);
                if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(target, u32); else BinaryPrimitives.WriteUInt32LittleEndian(target, u32);
                break;
            case "float32":
                if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(target, (float)value); else BinaryPrimitives.WriteSingleLittleEndian(target, (float)value);
                break;
            default:
                if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(target, value); else BinaryPrimitives.WriteDoubleLittleEndian(target, value);
                break;
        }
    }
}
