namespace OpenVisa.Tests.Backends;

[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection;

/// <summary>These tests change process environment variables, so they run alone.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class BackendRegistryTests : IDisposable
{
    private readonly string? _savedPath = Environment.GetEnvironmentVariable(BackendRegistry.BackendPathVariable);
    private readonly string? _savedBackend = Environment.GetEnvironmentVariable(BackendRegistry.BackendVariable);

    private static string PluginFolder => Path.Combine(AppContext.BaseDirectory, "plugins");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(BackendRegistry.BackendPathVariable, _savedPath);
        Environment.SetEnvironmentVariable(BackendRegistry.BackendVariable, _savedBackend);
        BackendRegistry.Reset();
    }

    [Theory]
    [InlineData("@sim", "", "sim")]
    [InlineData("file.yaml@sim", "file.yaml", "sim")]
    [InlineData("/opt/x/libvisa.so@ivi", "/opt/x/libvisa.so", "ivi")]
    [InlineData("user@host/file.yaml@SIM", "user@host/file.yaml", "sim")]
    [InlineData("/opt/x/libvisa.so", "/opt/x/libvisa.so", "")]
    [InlineData("", "", "")]
    public void A_spec_splits_on_its_last_at(string spec, string argument, string name)
    {
        var parsed = BackendSpec.Parse(spec);
        Assert.Equal(argument, parsed.Argument);
        Assert.Equal(name, parsed.Name);
    }

    [Fact]
    public void A_third_party_backend_is_found_by_its_file_name_and_used_end_to_end()
    {
        Assert.True(File.Exists(Path.Combine(PluginFolder, "OpenVisa.Backends.Echo.dll")), "the build copies the echo backend to plugins/");
        Environment.SetEnvironmentVariable(BackendRegistry.BackendPathVariable, PluginFolder);
        BackendRegistry.Reset();

        using var rm = new ResourceManager("bench-7@echo");
        Assert.Equal("echo", rm.Library.BackendName);
        Assert.Equal(["TCPIP0::echo.invalid::1::SOCKET", "TCPIP0::echo.invalid::2::SOCKET"], rm.ListResources("?*SOCKET"));
        var res = rm.Open<TcpipSocketResource>("TCPIP0::echo.invalid::1::SOCKET");
        Assert.Equal("OpenVisa,Echo,bench-7,1.0", res.Query("*IDN?"));
        Assert.Equal("hello", res.Query("hello"));
        Assert.Contains(BackendRegistry.FindAll(), d => d.Name == "echo" && d.AssemblyLocation.EndsWith("OpenVisa.Backends.Echo.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void A_backend_path_entry_may_name_the_assembly_file_itself()
    {
        Environment.SetEnvironmentVariable(BackendRegistry.BackendPathVariable, Path.Combine(PluginFolder, "OpenVisa.Backends.Echo.dll"));
        BackendRegistry.Reset();
        using var rm = new ResourceManager("@echo");
        Assert.Equal("echo", rm.Library.BackendName);
    }

    [Fact]
    public void One_library_serves_each_backend_and_argument_pair()
    {
        Environment.SetEnvironmentVariable(BackendRegistry.BackendPathVariable, PluginFolder);
        BackendRegistry.Reset();
        Assert.Same(BackendRegistry.GetLibrary("a@echo"), BackendRegistry.GetLibrary("a@ECHO"));
        Assert.NotSame(BackendRegistry.GetLibrary("a@echo"), BackendRegistry.GetLibrary("b@echo"));
    }

    [Fact]
    public void An_unknown_backend_names_the_installed_ones_and_how_to_add_one()
    {
        Environment.SetEnvironmentVariable(BackendRegistry.BackendPathVariable, null);
        BackendRegistry.Reset();
        BackendRegistry.Register("listed", typeof(ScriptedLibrary));
        var e = Assert.Throws<VisaException>(() => new ResourceManager("@nosuch"));
        Assert.Equal(StatusCode.ErrorLibraryNotFound, e.Status);
        Assert.Contains("No backend named '@nosuch' is installed", e.Message, StringComparison.Ordinal);
        Assert.Contains("Installed backends: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("@listed", e.Message, StringComparison.Ordinal);
        Assert.Contains("OpenVisa.Backends.<Name>.dll", e.Message, StringComparison.Ordinal);
        Assert.Contains(BackendRegistry.BackendPathVariable, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("@echo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_backend_comes_from_the_environment_then_falls_back_to_managed()
    {
        Environment.SetEnvironmentVariable(BackendRegistry.BackendVariable, "sim");
        Assert.Equal("@sim", BackendRegistry.DefaultSpec());
        Environment.SetEnvironmentVariable(BackendRegistry.BackendVariable, "x.yaml@sim");
        Assert.Equal("x.yaml@sim", BackendRegistry.DefaultSpec());
        Environment.SetEnvironmentVariable(BackendRegistry.BackendVariable, null);
        Assert.Equal("@managed", BackendRegistry.DefaultSpec());
    }

    [Fact]
    public void A_backend_whose_constructor_fails_says_so()
    {
        BackendRegistry.Register("broken", typeof(BrokenLibrary));
        var e = Assert.Throws<VisaException>(() => new ResourceManager("@broken"));
        Assert.Equal(StatusCode.ErrorLibraryNotFound, e.Status);
        Assert.Contains("Could not create the @broken backend", e.Message, StringComparison.Ordinal);
        Assert.Contains("the vendor library is missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_a_type_that_is_not_a_library_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => BackendRegistry.Register("bad", typeof(string)));
        Assert.Contains("does not derive from VisaLibrary", e.Message, StringComparison.Ordinal);
    }

    private sealed class BrokenLibrary : VisaLibrary
    {
        public BrokenLibrary(string argument)
            : base(argument) => throw new InvalidOperationException("the vendor library is missing");

        public override int OpenDefaultResourceManager() => 0;

        public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR") => [];

        public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout) => 0;

        public override void Close(int session)
        {
        }
    }
}
