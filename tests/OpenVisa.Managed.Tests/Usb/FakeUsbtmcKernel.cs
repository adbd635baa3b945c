using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Usb.Kernel;

namespace OpenVisa.Managed.Tests.Usb;

/// <summary>
/// The kernel-usbtmc path's test bench: a fresh copy of the fake system calls (fake_usbtmc_kernel.c, built with gcc once
/// per run) named by <c>OPENVISA_LIBC</c>, and a made-up sysfs in which the usbtmc driver serves one interface as
/// <c>usbtmc0</c>. Disposing restores the variables and the real roots.
/// </summary>
internal sealed class FakeUsbtmcKernel : IDisposable
{
    private static readonly Lazy<string> Built = new(Build);
    private static int _copies;
    private readonly string? _previousLibc = Environment.GetEnvironmentVariable(UsbtmcKernelCalls.LibraryVariable);
    private readonly string? _previousLibUsb = Environment.GetEnvironmentVariable("OPENVISA_LIBUSB");
    private readonly string _folder;
    private readonly nint _library;

    private FakeUsbtmcKernel(string path, string folder)
    {
        Path = path;
        _folder = folder;
        _library = NativeLibrary.Load(path);
        Environment.SetEnvironmentVariable(UsbtmcKernelCalls.LibraryVariable, path);
        KernelUsbtmcDevices.SysfsRoot = System.IO.Path.Combine(folder, "sys");
        KernelUsbtmcDevices.DevRoot = System.IO.Path.Combine(folder, "dev");
    }

    /// <summary>This copy's file.</summary>
    public string Path { get; }

    /// <summary>
    /// The fake, serving the device <paramref name="vendor"/>:<paramref name="product"/> with <paramref name="serial"/>
    /// (USB488, interface 0) as usbtmc0; <paramref name="libUsb"/> is what <c>OPENVISA_LIBUSB</c> names meanwhile
    /// (a missing file: no libusb).
    /// </summary>
    public static FakeUsbtmcKernel Use(string libUsb, int vendor = 0xF4CE, int product = 0x0005, string serial = "KFAKE01")
    {
        var folder = Directory.CreateTempSubdirectory("ovisa-usbtmc-").FullName;
        var device = Directory.CreateDirectory(System.IO.Path.Combine(folder, "sys", "devices", "pci0000:00", "usb1", "1-2")).FullName;
        File.WriteAllText(System.IO.Path.Combine(device, "idVendor"), $"{vendor:x4}\n");
        File.WriteAllText(System.IO.Path.Combine(device, "idProduct"), $"{product:x4}\n");
        File.WriteAllText(System.IO.Path.Combine(device, "serial"), serial + "\n");
        File.WriteAllText(System.IO.Path.Combine(device, "busnum"), "1\n");
        File.WriteAllText(System.IO.Path.Combine(device, "devnum"), "7\n");
        var usbInterface = Directory.CreateDirectory(System.IO.Path.Combine(device, "1-2:1.0")).FullName;
        File.WriteAllText(System.IO.Path.Combine(usbInterface, "bInterfaceNumber"), "00\n");
        File.WriteAllText(System.IO.Path.Combine(usbInterface, "bInterfaceProtocol"), "01\n");
        var node = Directory.CreateDirectory(System.IO.Path.Combine(folder, "sys", "class", "usbmisc", "usbtmc0")).FullName;
        File.CreateSymbolicLink(System.IO.Path.Combine(node, "device"), usbInterface);
        Directory.CreateDirectory(System.IO.Path.Combine(folder, "dev"));
        Environment.SetEnvironmentVariable("OPENVISA_LIBUSB", libUsb);
        var copy = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Built.Value)!, $"usbtmc-kernel-fake-{Interlocked.Increment(ref _copies)}.so");
        File.Copy(Built.Value, copy, overwrite: true);
        return new FakeUsbtmcKernel(copy, folder);
    }

    /// <summary>The resource name of the device served by usbtmc0.</summary>
    public static string Name(int product = 0x0005, string serial = "KFAKE01") => $"USB0::0xF4CE::0x{product:X4}::{serial}::0::INSTR";

    /// <summary>What the fake driver was asked: clear, abort_in, abort_out, trigger, ren, gtl, llo, writes, reads, halts_cleared, open, timeout, eom, remote.</summary>
    public long Counter(string name) =>
        Marshal.GetDelegateForFunctionPointer<CounterFunction>(NativeLibrary.GetExport(_library, "fake_usbtmc_counter"))(name);

    /// <summary>Changes the fake's setup: deny_open (an errno), caps, termchar_capable, stb.</summary>
    public void Set(string name, long value) =>
        Marshal.GetDelegateForFunctionPointer<SetFunction>(NativeLibrary.GetExport(_library, "fake_usbtmc_set"))(name, value);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate long CounterFunction([MarshalAs(UnmanagedType.LPStr)] string name);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetFunction([MarshalAs(UnmanagedType.LPStr)] string name, long value);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(UsbtmcKernelCalls.LibraryVariable, _previousLibc);
        Environment.SetEnvironmentVariable("OPENVISA_LIBUSB", _previousLibUsb);
        KernelUsbtmcDevices.SysfsRoot = "/sys";
        KernelUsbtmcDevices.DevRoot = "/dev";
        Directory.Delete(_folder, recursive: true);
    }

    private static string Build()
    {
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, "Usb", "fake_usbtmc_kernel.c");
        var folder = Directory.CreateTempSubdirectory("ovisa-usbtmc-build-").FullName;
        var output = System.IO.Path.Combine(folder, "usbtmc-kernel-fake.so");
        using var gcc = Process.Start(new ProcessStartInfo(Gpib.GccFactAttribute.Gcc, ["-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-o", output, source])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        Assert.True(gcc.ExitCode == 0, $"gcc could not build the fake usbtmc system calls: {errors}");
        return output;
    }
}

/// <summary>Keeps what was logged, for the tests that check which path a session took.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return [.. _lines];
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
            _lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
