using System.IO.Compression;
using System.Xml.Linq;

namespace OpenVisa.Tests.Packaging;

/// <summary>
/// dotnet pack as the README tells a user to run it: the CLI becomes a .NET tool that installs and runs, each library a
/// package with its README, licence, XML docs and symbols, and nothing from tests/ or the native library is packed.
/// These run in every <c>dotnet test</c>, CI's included (trait Category=Packaging); they pack with --no-build from the
/// output the test run already built, so each takes seconds, not a rebuild.
/// </summary>
[Trait("Category", "Packaging")]
public sealed class PackagingTests : IDisposable
{
    // "Must succeed" paths on a loaded two-core machine: generous, they only bound a hang.
    private static readonly TimeSpan SdkTimeout = TimeSpan.FromMinutes(4);

    /// <summary>The one version every package carries, as Directory.Build.props sets it.</summary>
    private static readonly string Version = XDocument.Load(Path.Combine(DotnetCommand.RepositoryRoot, "Directory.Build.props"))
        .Descendants("Version").Single().Value;

    private readonly string _scratch = Directory.CreateTempSubdirectory("openvisa-pack-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void The_cli_packs_as_a_dotnet_tool_that_installs_into_a_tool_path_and_runs_ovisa_info()
    {
        var artifacts = Path.Combine(_scratch, "artifacts");
        var pack = Pack("src/OpenVisa.Cli/OpenVisa.Cli.csproj", artifacts);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var package = Path.Combine(artifacts, $"OpenVisa.Cli.{Version}.nupkg");
        Assert.True(File.Exists(package), $"no {Path.GetFileName(package)} in {string.Join(", ", Directory.GetFiles(artifacts).Select(Path.GetFileName))}");
        using (var archive = ZipFile.OpenRead(package))
        {
            Assert.Contains("DotnetTool", NuspecOf(archive).Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name")));
            Assert.Contains(archive.Entries, e => e.FullName == "tools/net10.0/any/DotnetToolSettings.xml");
        }

        // A fresh machine: only the packed folder as a source (no network), and a package cache of its own, so an
        // older OpenVisa.Cli 0.1.0 cached by an earlier run is never what gets installed.
        var toolPath = Path.Combine(_scratch, "tools");
        var config = Path.Combine(_scratch, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="artifacts" value="{artifacts}" />
              </packageSources>
            </configuration>
            """);
        var cache = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_scratch, "packages") };
        var install = DotnetCommand.Run("dotnet", ["tool", "install", "--tool-path", toolPath, "--configfile", config, "--add-source", artifacts, "OpenVisa.Cli"], SdkTimeout, cache);
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("ovisa", install.Out);

        var ovisa = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "ovisa.exe" : "ovisa");
        var info = DotnetCommand.Run(ovisa, ["info"], SdkTimeout);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.StartsWith($"OpenVisa {Version}", info.Out);
        Assert.Contains("@sim", info.Out);
        Assert.Contains("@managed", info.Out);

        // The installed tool is the whole stack, not just a banner: the simulator answers through it.
        var query = DotnetCommand.Run(ovisa, ["query", "-b", "@sim", "TCPIP0::sim-psu.local::inst0::INSTR", "*IDN?"], SdkTimeout);
        Assert.True(query.ExitCode == 0, query.ToString());
        Assert.Contains("SIM-PSU", query.Out);
    }

    [Fact]
    public void A_library_package_carries_its_readme_licence_repository_xml_docs_and_a_symbol_package()
    {
        var artifacts = Path.Combine(_scratch, "artifacts");
        var pack = Pack("src/OpenVisa/OpenVisa.csproj", artifacts);
        Assert.True(pack.ExitCode == 0, pack.ToString());

        using (var archive = ZipFile.OpenRead(Path.Combine(artifacts, $"OpenVisa.{Version}.nupkg")))
        {
            var entries = archive.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("lib/net10.0/OpenVisa.dll", entries);
            Assert.Contains("lib/net10.0/OpenVisa.xml", entries);
            Assert.Contains("README.md", entries);
            var metadata = NuspecOf(archive).Descendants().First(e => e.Name.LocalName == "metadata");
            string? Field(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
            Assert.Equal("expression", (string?)license.Attribute("type"));
            Assert.Equal("MIT", license.Value);
            Assert.Equal("README.md", Field("readme"));
            Assert.Equal(Version, Field("version"));
            Assert.False(string.IsNullOrWhiteSpace(Field("description")));
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal("git", (string?)repository.Attribute("type"));

            // The package README is the library's own, not a checkout's relative links.
            using var readme = new StreamReader(archive.GetEntry("README.md")!.Open());
            Assert.Contains("dotnet add package OpenVisa", readme.ReadToEnd());
        }
        using (var symbols = ZipFile.OpenRead(Path.Combine(artifacts, $"OpenVisa.{Version}.snupkg")))
            Assert.Contains(symbols.Entries, e => e.FullName == "lib/net10.0/OpenVisa.pdb");
    }

    [Theory]
    [InlineData("tests/OpenVisa.Tests/OpenVisa.Tests.csproj")]
    [InlineData("tests/OpenVisa.Backends.Echo/OpenVisa.Backends.Echo.csproj")]
    [InlineData("src/OpenVisa.CApi/OpenVisa.CApi.csproj")]
    [InlineData("benchmarks/OpenVisa.Benchmarks/OpenVisa.Benchmarks.csproj")]
    public void Tests_benchmarks_and_the_native_library_are_not_packed(string project)
    {
        var result = DotnetCommand.Run("dotnet", ["msbuild", project, "-getProperty:IsPackable"], SdkTimeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("false", result.Out.Trim());
    }

    [Theory]
    [InlineData("src/OpenVisa/OpenVisa.csproj")]
    [InlineData("src/OpenVisa.Cli/OpenVisa.Cli.csproj")]
    public void Shipped_projects_are_packed_deterministically_with_the_one_version(string project)
    {
        var result = DotnetCommand.Run("dotnet", ["msbuild", project, "-getProperty:IsPackable", "-getProperty:Deterministic", "-getProperty:Version", "-getProperty:IncludeSymbols"], SdkTimeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"IsPackable\": \"true\"", result.Out);
        Assert.Contains("\"Deterministic\": \"true\"", result.Out);
        Assert.Contains("\"IncludeSymbols\": \"true\"", result.Out);
        Assert.Contains($"\"Version\": \"{Version}\"", result.Out);
    }

    private static DotnetCommand Pack(string project, string output) =>
        DotnetCommand.Run("dotnet", ["pack", project, "-c", DotnetCommand.Configuration, "--no-build", "--no-restore", "-o", output], SdkTimeout);

    private static XDocument NuspecOf(ZipArchive archive)
    {
        using var stream = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }
}
