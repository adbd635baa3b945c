using System.Runtime.InteropServices;
using OpenVisa.CApi.Formatting;

namespace OpenVisa.CApi;

internal static unsafe partial class Exports
{
    /// <summary>
    /// Called by formatted_io.c for <c>viPrintf</c>, <c>viSPrintf</c> and the write half of <c>viQueryf</c>: formats into
    /// the session's write buffer and sends it (or, with a destination, into that NUL-terminated string).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "OpenVisaFormatWrite")]
    public static int FormatWrite(uint vi, byte* format, FormatArgument* arguments, int count, byte* destination)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, destination is null ? "viPrintf" : "viSPrintf");
            var text = CText.Read(format, "writeFmt", "viPrintf");
            var args = arguments is null ? [] : new ReadOnlySpan<FormatArgument>(arguments, count).ToArray();
            if (destination is not null)
            {
                using var formatted = new MemoryStream();
                FormatWriter.Format(text, args, formatted);
                formatted.WriteByte(0);
                formatted.GetBuffer().AsSpan(0, (int)formatted.Length).CopyTo(new Span<byte>(destination, (int)formatted.Length));
                return CStatus.Success;
            }
            lock (session.FormattedIo)
            {
                FormatWriter.Format(text, args, session.WriteBuffer);
                // Each viPrintf is one message: sent when the call returns (VISA's flush when the format ends).
                session.FlushWriteBuffer();
            }
            return CStatus.Success;
        }
        catch (Exception e)
        {
            session?.WriteBuffer.SetLength(0);
            return CStatus.From(e, session);
        }
    }

    /// <summary>Called by formatted_io.c for <c>viScanf</c>, <c>viSScanf</c> and the read half of <c>viQueryf</c>.</summary>
    [UnmanagedCallersOnly(EntryPoint = "OpenVisaFormatRead")]
    public static int FormatRead(uint vi, byte* format, FormatArgument* arguments, int count, byte* source)
    {
        SessionObject? session = null;
        try
        {
            session = HandleTable.Get<SessionObject>(vi, source is null ? "viScanf" : "viSScanf");
            var text = CText.Read(format, "readFmt", "viScanf");
            var args = arguments is null ? [] : new ReadOnlySpan<FormatArgument>(arguments, count).ToArray();
            if (source is not null)
            {
                var bytes = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(source).ToArray();
                FormatReader.Scan(text, args, ScanInput.FromBytes(bytes));
                return CStatus.Success;
            }
            lock (session.FormattedIo)
                FormatReader.Scan(text, args, ScanInput.FromDevice(session));
            return CStatus.Success;
        }
        catch (Exception e)
        {
            return CStatus.From(e, session);
        }
    }
}
