using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Support;

/// <summary>A three-channel supply over the fake device, for channel, snapshot and safety-limit tests.</summary>
public sealed class TestSupply : Instrument
{
    public TestSupply(string name, MessageBasedResource? resource, InstrumentOptions? options = null)
        : base(name, resource, InstrumentOptions.Merge(options, new InstrumentOptions { ReadTermination = "\n" }))
    {
        var channels = new List<TestSupplyChannel>();
        for (var i = 1; i <= 3; i++)
            channels.Add(AddSubmodule($"ch{i}", new TestSupplyChannel(this, i)));
        Channels = AddSubmodule("channels", new ChannelList<TestSupplyChannel>(this, "channels", channels, snapshotable: false));
        Reset = new InstrumentFunction("reset", this, "*RST");
    }

    public ChannelList<TestSupplyChannel> Channels { get; }

    public InstrumentFunction Reset { get; }

    public TestSupplyChannel Channel(int number) => Channels[number - 1];
}

public sealed class TestSupplyChannel : InstrumentChannel
{
    public TestSupplyChannel(Instrument parent, int number)
        : base(parent, $"ch{number}", number.ToString(System.Globalization.CultureInfo.InvariantCulture))
    {
        Voltage = new Parameter<double>("voltage", this)
        {
            Label = "Voltage",
            Unit = "V",
            GetCommand = $"VOLT? (@{ChannelId})",
            SetCommand = $"VOLT {{0}},(@{ChannelId})",
            Validator = new Numbers(0, number == 1 ? 6 : 25),
        };
        Output = new Parameter<bool>("output", this)
        {
            GetCommand = $"OUTP? (@{ChannelId})",
            SetCommand = $"OUTP {{0}},(@{ChannelId})",
            Mapping = ValueMapping.OnOff(),
        };
    }

    public Parameter<double> Voltage { get; }

    public Parameter<bool> Output { get; }
}
