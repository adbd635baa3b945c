using System.Xml.Linq;

namespace OpenVisa.Tests.Packaging;

/// <summary>
/// The repository's LICENSE file is the licence the packages declare, so a user reading either finds the same terms.
/// </summary>
public sealed class LicenseTests
{
    private static string Read(string file) => File.ReadAllText(Path.Combine(DotnetCommand.RepositoryRoot, file));

    [Fact]
    public void The_license_file_is_the_MIT_licence_of_the_OpenVisa_contributors()
    {
        var text = Read("LICENSE");
        Assert.StartsWith("MIT License", text, StringComparison.Ordinal);
        Assert.Contains("OpenVisa contributors", text, StringComparison.Ordinal);
        Assert.Contains("Permission is hereby granted, free of charge", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_packages_declare_the_licence_the_file_holds()
    {
        var expression = XDocument.Load(Path.Combine(DotnetCommand.RepositoryRoot, "Directory.Build.props"))
            .Descendants("PackageLicenseExpression").Single().Value;
        Assert.Equal("MIT", expression);
        Assert.StartsWith(expression + " License", Read("LICENSE"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_links_the_license_file()
    {
        Assert.Contains("[LICENSE](LICENSE)", Read("README.md"), StringComparison.Ordinal);
    }
}
