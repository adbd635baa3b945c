using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json;
using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Drivers;

/// <summary>
/// Pins what users see of the scope and generator drivers that share a family base class: the full snapshot read from
/// the simulation profile (names, labels, units, values, order) and every parameter's docstring, validators and
/// get/set abilities. The expected files were written from the drivers before the family base classes existed, so a
/// refactor that changes any of it fails here.
/// </summary>
public class DriverFamilySnapshotTests
{
    public static TheoryData<string> Drivers() =>
    [
        "keysight/DSOX1204G", "rigol/DS1054Z", "tektronix/TBS2104", "rs/RTB2004",
        "keysight/33522B", "rigol/DG1022Z", "siglent/SDG2042X", "tektronix/AFG31022",
    ];

    [Theory]
    [MemberData(nameof(Drivers))]
    public async Task The_snapshot_and_parameter_definitions_are_unchanged(string key)
    {
        await using var instrument = Simulated.Open<Instrument>(key);
        var actual = Describe(instrument);
        var file = Path.Combine(AppContext.BaseDirectory, "Drivers", "FamilySnapshots", key.Replace('/', '_') + ".txt");
        if (!File.Exists(file))
        {
            var written = Path.Combine(Path.GetTempPath(), key.Replace('/', '_') + ".txt");
            File.WriteAllText(written, actual);
            Assert.Fail($"No expected description for {key} at {file}; the current one is in {written}.");
        }
        Assert.Equal(File.ReadAllText(file), actual);
    }

    private static string Describe(Instrument instrument)
    {
        var text = new StringBuilder();
        var json = instrument.Snapshot(SnapshotUpdate.All).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        // The name is unique per test and the timestamps are the time of the read; neither is the driver's doing.
        json = Regex.Replace(json.Replace(instrument.Name, "NAME", StringComparison.Ordinal), @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?", "TIME");
        text.AppendLine(json);
        foreach (var parameter in instrument.AllParameters())
        {
            text.Append(parameter.FullName.Replace(instrument.Name, "NAME", StringComparison.Ordinal)).Append(" | ")
                .Append(parameter.Label).Append(" | ").Append(parameter.Unit).Append(" | ")
                .Append(parameter.Docstring).Append(" | ")
                .Append(string.Join(", ", parameter.Validators.Select(v => v.ToString()))).Append(" | ")
                .Append(parameter.Gettable).Append(' ').Append(parameter.Settable).Append(' ').Append(parameter.ValueType.Name)
                .AppendLine();
        }
        foreach (var function in instrument.Functions.Keys)
            text.Append("function ").AppendLine(function);
        return text.ToString();
    }
}
