using System.Text;
using OpenVisa.Instruments.Drivers;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>The on-disk copy of an embedded simulation profile is trusted only when its content matches.</summary>
public class SimulationProfileCacheTests
{
    [Fact]
    public void A_same_length_edit_of_the_cached_copy_is_replaced_by_the_embedded_profile()
    {
        const string Name = "rigol_dl3021.yaml";
        var path = SimulationProfiles.PathOf(Name);
        var original = File.ReadAllText(path);
        Assert.Equal(SimulationProfiles.Text(Name), original);
        // Same length, different content (only the first comment line changes, so a test reading the file meanwhile
        // still gets a working profile): the old check, by length only, kept this file.
        var tampered = new StringBuilder(original);
        var firstLineEnd = original.IndexOf('\n', StringComparison.Ordinal);
        Assert.StartsWith("#", original);
        for (var i = 1; i < firstLineEnd; i++)
        {
            if (char.IsLetter(tampered[i]))
                tampered[i] = tampered[i] == 'x' ? 'y' : 'x';
        }
        File.WriteAllText(path, tampered.ToString());
        Assert.Equal(new FileInfo(path).Length, Encoding.UTF8.GetByteCount(original));
        var again = SimulationProfiles.PathOf(Name);
        Assert.Equal(original, File.ReadAllText(again));
    }

    [Fact]
    public void An_unknown_profile_name_lists_the_embedded_ones()
    {
        var e = Assert.Throws<FileNotFoundException>(() => SimulationProfiles.PathOf("nope.yaml"));
        Assert.Contains("no embedded simulation profile 'nope.yaml'", e.Message);
        Assert.Contains("keithley_2400.yaml", e.Message);
    }
}
