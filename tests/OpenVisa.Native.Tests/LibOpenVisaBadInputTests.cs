using System.Runtime.InteropServices;
using System.Text;

namespace OpenVisa.Native.Tests;

/// <summary>The C API called directly with bad input: every case is a status, never a crash.</summary>
[Collection(LibOpenVisaCollection.Name)]
public sealed unsafe class LibOpenVisaBadInputTests
{
    private static readonly IntPtr Library = NativeLibrary.Load(LibOpenVisaBuild.For("@sim"));

    private static nint Export(string name) => NativeLibrary.GetExport(Library, name);

    private static int OpenDefaultRM(uint* vi) => ((delegate* unmanaged<uint*, int>)Export("viOpenDefaultRM"))(vi);

    private static int Open(uint rm, string name, uint* vi)
    {
        var bytes = Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* n = bytes)
            return ((delegate* unmanaged<uint, byte*, uint, uint, uint*, int>)Export("viOpen"))(rm, n, 0, 2000, vi);
    }

    private static int Close(uint vi) => ((delegate* unmanaged<uint, int>)Export("viClose"))(vi);

    private static int Read(uint vi, byte* buffer, uint count, uint* returned) =>
        ((delegate* unmanaged<uint, byte*, uint, uint*, int>)Export("viRead"))(vi, buffer, count, returned);

    private static int Write(uint vi, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        uint written;
        fixed (byte* b = bytes)
            return ((delegate* unmanaged<uint, byte*, uint, uint*, int>)Export("viWrite"))(vi, b, (uint)bytes.Length, &written);
    }

    private static string StatusDesc(uint vi, int status, out int result)
    {
        var text = stackalloc byte[256];
        result = ((delegate* unmanaged<uint, int, byte*, int>)Export("viStatusDesc"))(vi, status, text);
        return Marshal.PtrToStringAnsi((nint)text)!;
    }

    [Fact]
    public void UnknownAndStaleHandles_AreInvalidObject_AndNeverReused()
    {
        uint rm, vi, again;
        Assert.Equal(0, OpenDefaultRM(&rm));
        Assert.Equal(0, Open(rm, "TCPIP0::sim-scope.local::inst0::INSTR", &vi));
        Assert.Equal(0, Close(vi));
        var buffer = stackalloc byte[16];
        uint count;
        Assert.Equal((int)StatusCode.ErrorInvalidObject, Read(vi, buffer, 16, &count));
        Assert.Contains("not open", StatusDesc(vi, (int)StatusCode.ErrorInvalidObject, out _), StringComparison.Ordinal);
        Assert.Equal((int)StatusCode.ErrorInvalidObject, Read(0xDEAD_BEEF, buffer, 16, &count));
        Assert.Equal((int)StatusCode.ErrorInvalidObject, Close(0xDEAD_BEEF));
        Assert.Equal((int)StatusCode.WarningNullObject, Close(0));
        Assert.Equal(0, Open(rm, "TCPIP0::sim-scope.local::inst0::INSTR", &again));
        Assert.NotEqual(vi, again);
        Assert.Equal((int)StatusCode.ErrorInvalidObject, Read(rm, buffer, 16, &count));
        Assert.Equal(0, Close(rm));
        Assert.Equal((int)StatusCode.ErrorInvalidObject, Close(again));
    }

    [Fact]
    public void NullPointers_AreUserBufferErrors_NamingTheParameter()
    {
        Assert.Equal((int)StatusCode.ErrorUserBuffer, OpenDefaultRM(null));
        Assert.Contains("vi is a null pointer", StatusDesc(0, (int)StatusCode.ErrorUserBuffer, out _), StringComparison.Ordinal);
        uint rm, vi;
        Assert.Equal(0, OpenDefaultRM(&rm));
        Assert.Equal((int)StatusCode.ErrorUserBuffer, Open(rm, "TCPIP0::sim-scope.local::inst0::INSTR", null));
        Assert.Equal(0, Open(rm, "TCPIP0::sim-scope.local::inst0::INSTR", &vi));
        uint count;
        Assert.Equal((int)StatusCode.ErrorUserBuffer, Read(vi, null, 16, &count));
        Assert.Contains("buf is a null pointer", StatusDesc(vi, (int)StatusCode.ErrorUserBuffer, out _), StringComparison.Ordinal);
        Assert.Equal((int)StatusCode.ErrorUserBuffer, ((delegate* unmanaged<uint, uint, void*, int>)Export("viGetAttribute"))(vi, (uint)VisaAttribute.TimeoutValue, null));
        Assert.Equal((int)StatusCode.ErrorUserBuffer, ((delegate* unmanaged<uint, ushort*, int>)Export("viReadSTB"))(vi, null));
        Assert.Equal(0, Close(rm));
    }

    [Fact]
    public void SmallBuffer_ReadsInPieces_WithMaxCount()
    {
        uint rm, vi;
        Assert.Equal(0, OpenDefaultRM(&rm));
        Assert.Equal(0, Open(rm, "TCPIP0::sim-scope.local::inst0::INSTR", &vi));
        Assert.Equal(0, Write(vi, "*IDN?\n"));
        var buffer = stackalloc byte[4];
        uint count;
        Assert.Equal((int)StatusCode.SuccessMaxCountRead, Read(vi, buffer, 4, &count));
        Assert.Equal(4u, count);
        Assert.Equal("Open", Encoding.ASCII.GetString(buffer, 4));
        var rest = new StringBuilder();
        int status;
        do
        {
            status = Read(vi, buffer, 4, &count);
            Assert.True(status >= 0, $"viRead failed with {status}");
            rest.Append(Encoding.ASCII.GetString(buffer, (int)count));
        }
        while (status == (int)StatusCode.SuccessMaxCountRead);
        Assert.Equal("Visa,SIM-SCOPE4,SIM0003,1.0\n", rest.ToString());
        Assert.Equal(0, Close(rm));
    }

    [Fact]
    public void UnknownStatusAndAttribute_AreReportedAsSuch()
    {
        var text = StatusDesc(0, 0x12345, out var result);
        Assert.Equal((int)StatusCode.WarningUnknownStatus, result);
        Assert.Contains("Unknown status code", text, StringComparison.Ordinal);
        uint rm;
        Assert.Equal(0, OpenDefaultRM(&rm));
        ulong value;
        Assert.Equal((int)StatusCode.ErrorNonsupportedAttribute, ((delegate* unmanaged<uint, uint, void*, int>)Export("viGetAttribute"))(rm, 0x3FFF8123, &value));
        Assert.Equal(0, Close(rm));
    }
}
