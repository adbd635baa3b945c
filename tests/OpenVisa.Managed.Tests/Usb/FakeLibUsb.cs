using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OpenVisa.Managed.Tests.Usb;

/// <summary>
/// The fake libusb-1.0 (fake_libusb.c, built here with gcc once per run): each <see cref="Use"/> loads a fresh copy
/// through <c>OPENVISA_LIBUSB</c>, so every test starts with a device in its initial state, and restores the variable
/// when disposed.
/// </summary>
internal sealed class FakeLibUsb : IDisposable
{
    /// <summary>The USB488 instrument the fake simulates.</summary>
    public const string Instrument = "USB0::0xF4CE::0x0001::FAKE0001::0::INSTR";

    /// <summary>The vendor-specific echo device.</summary>
    public const string Raw = "USB0::0xF4CE::0x0002::RAW0002::0::RAW";

    private static readonly Lazy<string> Built = new(Build);
    private static int _copies;
    private readonly string? _previous = Environment.GetEnvironmentVariable("OPENVISA_LIBUSB");

    private FakeLibUsb(string path)
    {
        Path = path;
        Environment.SetEnvironmentVariable("OPENVISA_LIBUSB", path);
    }

    /// <summary>This copy's file.</summary>
    public string Path { get; }

    /// <summary>A fresh copy of the fake, named by <c>OPENVISA_LIBUSB</c> until disposed.</summary>
    public static FakeLibUsb Use()
    {
        var copy = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Built.Value)!, $"libusb-fake-{Interlocked.Increment(ref _copies)}.so");
        File.Copy(Built.Value, copy, overwrite: true);
        return new FakeLibUsb(copy);
    }

    /// <summary>What the fake device saw: clear, trigger, abort_in, abort_out, ren, gtl, llo, detach, attach, clear_halt, requests, messages, kernel_driver.</summary>
    public long Counter(string name)
    {
        var handle = NativeLibrary.Load(Path);
        var counter = Marshal.GetDelegateForFunctionPointer<CounterFunction>(NativeLibrary.GetExport(handle, "fake_usb_counter"));
        return counter(name);
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate long CounterFunction([MarshalAs(UnmanagedType.LPStr)] string name);

    public void Dispose() => Environment.SetEnvironmentVariable("OPENVISA_LIBUSB", _previous);

    private static string Build()
    {
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, "Usb", "fake_libusb.c");
        var folder = Directory.CreateTempSubdirectory("ovisa-libusb-").FullName;
        var output = System.IO.Path.Combine(folder, "libusb-fake.so");
        using var gcc = Process.Start(new ProcessStartInfo(Gpib.GccFactAttribute.Gcc, ["-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-pthread", "-o", output, source])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        Assert.True(gcc.ExitCode == 0, $"gcc could not build the fake libusb: {errors}");
        return output;
    }
}

/// <summary>The tests that set <c>OPENVISA_LIBUSB</c>: run one at a time, since the variable is process-wide.</summary>
[CollectionDefinition(Name)]
public sealed class UsbEnvironment
{
    public const string Name = "OPENVISA_LIBUSB";
}
