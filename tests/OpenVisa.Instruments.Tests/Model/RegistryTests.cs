using OpenVisa.Instruments.Tests.Support;

namespace OpenVisa.Instruments.Tests.Model;

public class RegistryTests
{
    [Fact]
    public void Names_are_unique_while_open_and_free_again_after_close()
    {
        var name = TestNames.Unique();
        var first = new Instrument(name, null);
        var e = Assert.Throws<InvalidOperationException>(() => new Instrument(name, null));
        Assert.Contains($"Another instrument is already named '{name}'", e.Message);
        Assert.Same(first, Instrument.Find(name));
        first.Dispose();
        Assert.False(Instrument.Exists(name));
        using var second = new Instrument(name, null);
        Assert.Same(second, Instrument.Find(name));
    }

    [Fact]
    public void A_duplicate_name_fails_before_the_resource_is_touched()
    {
        var device = new FakeDevice();
        var name = TestNames.Unique();
        using var first = new Instrument(name, null);
        using var resource = FakeLibrary.Open(device);
        var before = resource.Timeout;
        Assert.Throws<InvalidOperationException>(() => new Instrument(name, resource, new InstrumentOptions { Timeout = TimeSpan.FromSeconds(9) }));
        Assert.Equal(before, resource.Timeout);
    }

    [Theory]
    [InlineData("my-dmm", "my_dmm")]
    [InlineData("1dmm", "_1dmm")]
    [InlineData("dmm 2", "dmm_2")]
    public void Invalid_names_are_refused_with_a_suggestion(string name, string suggestion)
    {
        var e = Assert.Throws<ArgumentException>(() => new Instrument(name, null));
        Assert.Contains($"'{name}' is not a valid instrument name", e.Message);
        Assert.Contains($"(for example '{suggestion}')", e.Message);
    }

    [Fact]
    public void Find_reports_missing_names_and_wrong_types()
    {
        var name = TestNames.Unique();
        using var manual = new Instrument(name, null);
        var missing = Assert.Throws<KeyNotFoundException>(() => Instrument.Find(name + "_x"));
        Assert.Contains($"No open instrument is named '{name}_x'", missing.Message);
        Assert.Contains(name, missing.Message);
        var wrong = Assert.Throws<InvalidCastException>(() => Instrument.Find<TestSupply>(name));
        Assert.Equal($"The instrument '{name}' is a Instrument, not a TestSupply.", wrong.Message);
        Assert.True(Instrument.TryFind(name, out var found));
        Assert.Same(manual, found);
    }

    [Fact]
    public void Create_releases_the_name_when_the_constructor_throws()
    {
        var name = TestNames.Unique();
        Assert.Throws<InvalidOperationException>(() => Instrument.Create(() => new FailingInstrument(name)));
        Assert.False(Instrument.Exists(name));
        using var retry = Instrument.Create(() => new Instrument(name, null));
        Assert.True(Instrument.Exists(name));
    }

    [Fact]
    public void FindOrCreate_returns_the_open_one_or_replaces_it()
    {
        var name = TestNames.Unique();
        var created = 0;
        Instrument Make()
        {
            created++;
            return new Instrument(name, null);
        }
        var a = Instrument.FindOrCreate(name, Make);
        var b = Instrument.FindOrCreate(name, Make);
        Assert.Same(a, b);
        var c = Instrument.FindOrCreate(name, Make, recreate: true);
        Assert.NotSame(a, c);
        Assert.True(a.IsClosed);
        Assert.Equal(2, created);
        c.Dispose();
    }

    [Fact]
    public void CloseAll_of_a_type_closes_only_those()
    {
        // A type of its own: tests run in parallel, and closing every TestSupply would close other tests' instruments.
        var probes = new[] { new CloseAllProbe(TestNames.Unique()), new CloseAllProbe(TestNames.Unique()) };
        using var other = new Instrument(TestNames.Unique(), null);
        Assert.Contains(probes[0], Instrument.Instances<CloseAllProbe>());
        Instrument.CloseAll<CloseAllProbe>();
        Assert.All(probes, s => Assert.True(s.IsClosed));
        Assert.False(other.IsClosed);
        Assert.Empty(Instrument.Instances<CloseAllProbe>());
    }

    [Fact]
    public async Task A_closed_instrument_refuses_io()
    {
        var device = new FakeDevice();
        var inst = TestNames.Connected(device);
        await inst.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => inst.Write("*RST"));
        Assert.True(inst.Resource!.IsClosed);
        inst.Close();
    }

    private sealed class CloseAllProbe(string name) : Instrument(name, null);

    private sealed class FailingInstrument : Instrument
    {
        public FailingInstrument(string name)
            : base(name, null) => throw new InvalidOperationException("the driver found no channels");
    }
}
