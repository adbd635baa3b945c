using System.Runtime.InteropServices;

namespace OpenVisa.CApi.Formatting;

/// <summary>One argument the C part took from a va_list (<c>ov_arg</c> in formatted_io.c): an integer, a double or a pointer.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FormatArgument
{
    public long Integer;
    public double Real;
    public nint Pointer;
}
