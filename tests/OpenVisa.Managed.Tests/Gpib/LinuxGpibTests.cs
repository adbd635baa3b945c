using System.Diagnostics;

namespace OpenVisa.Managed.Tests.Gpib;

/// <summary>
/// The linux-gpib layer against a fake <c>libgpib.so.0</c> built here from C with gcc and loaded through
/// <c>OPENVISA_LIBGPIB</c>: board 0 has a talking device at 5, a silent one at 6, and no listener elsewhere.
/// </summary>
/// <remarks>
/// In the <see cref="GpibEnvironment"/> collection with the Prologix tests, so no two tests change
/// <c>OPENVISA_LIBGPIB</c> at once: the variable is process-wide.
/// </remarks>
[Collection(GpibEnvironment.Name)]
public sealed class LinuxGpibTests
{
    private static readonly Lazy<string> FakeLibrary = new(BuildFakeLibrary);

    [GccFact]
    public void A_device_answers_through_the_driver_with_end_and_the_eos_character()
    {
        using var library = UseFake();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<GpibInstrResource>("GPIB0::5::INSTR");
        instrument.Timeout = TimeSpan.FromSeconds(10);

        instrument.Write("*IDN?");
        Assert.Equal("FAKE,LinuxGpib,5,1.0\n", instrument.Read()); // ended by EOI: no read termination needed
        Assert.Equal(StatusCode.Success, instrument.LastStatus);

        instrument.ReadTermination = "\n";
        instrument.Query("CONFIG?"); // its read turns EOS detection on
        instrument.SetAttribute(VisaAttribute.SendEndEnabled, false);
        // The driver saw: timeout code 13 (T10s, the first at least 10 s), EOI off, EOS read on with LF.
        Assert.Equal("13,0,1,10", instrument.Query("CONFIG?"));
    }

    [GccFact]
    public void Clear_trigger_serial_poll_and_a_binary_block_go_through_the_driver()
    {
        using var library = UseFake();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<GpibInstrResource>("GPIB0::5::INSTR");
        instrument.ReadTermination = "\n";

        var counts = instrument.Query("COUNTS?").Split(',').Select(int.Parse).ToArray();
        instrument.Clear();
        instrument.AssertTrigger();
        Assert.Equal(0x50, instrument.ReadStb());
        var after = instrument.Query("COUNTS?").Split(',').Select(int.Parse).ToArray();

        Assert.Equal([counts[0] + 1, counts[1] + 1], after);
        Assert.Equal(Enumerable.Range(0, 65536).Select(i => (byte)i), instrument.QueryBinaryValues<byte>("DATA?"));
    }

    [GccFact]
    public void A_silent_device_times_out_and_an_empty_address_has_no_listeners()
    {
        using var library = UseFake();
        using var rm = new ResourceManager("@managed");
        using var silent = rm.Open<GpibInstrResource>("GPIB0::6::INSTR");
        using var nobody = rm.Open<GpibInstrResource>("GPIB0::9::INSTR");
        silent.Timeout = TimeSpan.FromMilliseconds(300);

        var timeout = Assert.Throws<VisaException>(() => silent.Query("*IDN?"));
        var listeners = Assert.Throws<VisaException>(() => nobody.Write("*IDN?"));

        Assert.Equal(StatusCode.ErrorTimeout, timeout.Status);
        Assert.Contains("GPIB address 6 on board 0", timeout.Message);
        Assert.Contains("EABO", timeout.Message);
        Assert.Equal(StatusCode.ErrorNoListeners, listeners.Status);
        Assert.Contains("GPIB address 9", listeners.Message);
        Assert.Contains("ENOL", listeners.Message);
    }

    [GccFact]
    public void A_board_the_driver_does_not_have_fails_to_open_saying_so()
    {
        using var library = UseFake();
        using var rm = new ResourceManager("@managed");

        var e = Assert.Throws<VisaException>(() => rm.Open("GPIB3::5::INSTR"));

        Assert.Equal(StatusCode.ErrorInterfaceNumberNotConfigured, e.Status);
        Assert.Contains("ENEB", e.Message);
        Assert.Contains(FakeLibrary.Value, e.Message);
    }

    [Fact]
    public void A_gpib_name_with_no_driver_and_no_adapter_says_which_library_and_how_to_bind_one()
    {
        using var library = new LibraryVariable("/nonexistent/libgpib-test.so");
        using var rm = new ResourceManager("@managed");

        var e = Assert.Throws<VisaException>(() => rm.Open("GPIB27::5::INSTR"));

        Assert.Equal(StatusCode.ErrorLibraryNotFound, e.Status);
        Assert.Contains("/nonexistent/libgpib-test.so", e.Message);
        Assert.Contains("OPENVISA_GPIB27=prologix:tcp://", e.Message);
        Assert.Contains("PRLGX-TCPIP27::", e.Message);
        Assert.Contains("GPIB27::5::INSTR", e.Message);
    }

    private static LibraryVariable UseFake() => new(FakeLibrary.Value);

    /// <summary>Compiles fake_libgpib.c (copied beside the tests) into a shared library in a temporary folder.</summary>
    private static string BuildFakeLibrary()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Gpib", "fake_libgpib.c");
        var folder = Directory.CreateTempSubdirectory("ovisa-libgpib-").FullName;
        var output = Path.Combine(folder, "libgpib.so.0");
        using var gcc = Process.Start(new ProcessStartInfo(GccFactAttribute.Gcc, ["-shared", "-fPIC", "-O1", "-o", output, source])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        Assert.True(gcc.ExitCode == 0, $"gcc could not build the fake libgpib: {errors}");
        return output;
    }

    /// <summary>Sets <c>OPENVISA_LIBGPIB</c> for a test and restores it.</summary>
    private sealed class LibraryVariable : IDisposable
    {
        private readonly string? _previous = Environment.GetEnvironmentVariable("OPENVISA_LIBGPIB");

        public LibraryVariable(string path) => Environment.SetEnvironmentVariable("OPENVISA_LIBGPIB", path);

        public void Dispose() => Environment.SetEnvironmentVariable("OPENVISA_LIBGPIB", _previous);
    }
}

/// <summary>A fact that needs gcc (Debian package gcc): skipped without it, except on CI, where it fails naming the package.</summary>
public sealed class GccFactAttribute : FactAttribute
{
    public static string Gcc => File.Exists("/usr/bin/gcc") ? "/usr/bin/gcc" : "/bin/gcc";

    public GccFactAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "the fake libgpib is a Linux shared library";
        else if (!File.Exists(Gcc) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = "gcc is not installed; install the Debian package gcc";
    }
}

/// <summary>The tests that set <c>OPENVISA_LIBGPIB</c> or <c>OPENVISA_GPIBn</c>: run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class GpibEnvironment
{
    public const string Name = "GPIB environment variables";
}
