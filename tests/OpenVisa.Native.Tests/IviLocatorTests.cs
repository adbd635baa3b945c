namespace OpenVisa.Native.Tests;

/// <summary>Where @ivi looks for a VISA library, and that looking never throws.</summary>
public sealed class IviLocatorTests
{
    [Fact]
    public void ExplicitArgument_IsTheOnlyCandidate()
    {
        Assert.Equal(["/opt/x/libvisa.so"], IviLibraryLocator.Candidates(" /opt/x/libvisa.so "));
    }

    [Fact]
    public void PlatformCandidates_NameTheVendorLibraries()
    {
        var candidates = IviLibraryLocator.PlatformCandidates();
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains("libvisa.so.0", candidates);
            Assert.Contains("libvisa.so", candidates);
            Assert.Contains("libiovisa.so", candidates);
        }
        else if (OperatingSystem.IsWindows())
        {
            Assert.Contains(Environment.Is64BitProcess ? "visa64.dll" : "visa32.dll", candidates);
        }
    }

    [Fact]
    public void TryLoad_OfNothingLoadable_ReturnsFalseWithWhatWasTried()
    {
        Assert.False(IviLibraryLocator.TryLoad("/nonexistent/dir/libvisa.so", out _, out _, out var problem));
        Assert.Contains("/nonexistent/dir/libvisa.so (no such file)", problem, StringComparison.Ordinal);
        Assert.False(IviLibraryLocator.TryLoad("no-such-visa-library-name", out _, out _, out var byName));
        Assert.Contains("no-such-visa-library-name (not found by the loader)", byName, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_NeverThrows_AndSaysWhatItFound()
    {
        var available = new IviProbe().IsAvailable(out var detail);
        Assert.False(string.IsNullOrWhiteSpace(detail));
        if (!available)
            Assert.Contains("VISA library", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_FindsTheIviBackend_WithItsProbe()
    {
        var ivi = BackendRegistry.FindAll().Single(d => d.Name == "ivi");
        Assert.Equal(typeof(IviLibrary), ivi.LibraryType);
        Assert.Equal(typeof(IviProbe), ivi.ProbeType);
    }
}
