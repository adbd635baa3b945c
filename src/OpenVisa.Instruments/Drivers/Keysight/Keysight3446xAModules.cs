using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers.Keysight;

/// <summary>Where a 3446xA trigger comes from.</summary>
public enum DmmTriggerSource
{
    /// <summary>At once.</summary>
    Immediate,

    /// <summary>On <c>*TRG</c> or a device trigger.</summary>
    Bus,

    /// <summary>On the rear Ext Trig input.</summary>
    External,

    /// <summary>On a level (34465A/34470A with the DIG option).</summary>
    Internal,
}

/// <summary>The edge a trigger reacts to.</summary>
public enum TriggerSlope
{
    /// <summary>Rising edge.</summary>
    Positive,

    /// <summary>Falling edge.</summary>
    Negative,
}

/// <summary>The 3446xA trigger subsystem.</summary>
public sealed class Keysight3446xATrigger : InstrumentModule
{
    internal Keysight3446xATrigger(Keysight3446xA parent)
        : base(parent, "trigger", "Trigger")
    {
        Count = new Parameter<int>("count", this) { Label = "Trigger count", GetCommand = "TRIG:COUN?", SetCommand = "TRIG:COUN {0}", Validator = new Ints(1, 1_000_000) };
        Source = new Parameter<DmmTriggerSource>("source", this)
        {
            Label = "Trigger source",
            GetCommand = "TRIG:SOUR?",
            SetCommand = "TRIG:SOUR {0}",
            Mapping = new ValueMapping<DmmTriggerSource>
            {
                [DmmTriggerSource.Immediate] = "IMM",
                [DmmTriggerSource.Bus] = "BUS",
                [DmmTriggerSource.External] = "EXT",
                [DmmTriggerSource.Internal] = "INT",
            },
        };
        Delay = new Parameter<double>("delay", this) { Label = "Trigger delay", Unit = "s", GetCommand = "TRIG:DEL?", SetCommand = "TRIG:DEL {0}", Validator = new Numbers(0, 3600) };
        Slope = new Parameter<TriggerSlope>("slope", this)
        {
            Label = "Trigger slope",
            GetCommand = "TRIG:SLOP?",
            SetCommand = "TRIG:SLOP {0}",
            Mapping = new ValueMapping<TriggerSlope> { [TriggerSlope.Positive] = "POS", [TriggerSlope.Negative] = "NEG" },
        };
    }

    /// <summary>Triggers accepted before returning to idle.</summary>
    public Parameter<int> Count { get; }

    /// <summary>Where triggers come from.</summary>
    public Parameter<DmmTriggerSource> Source { get; }

    /// <summary>The wait between trigger and measurement.</summary>
    public Parameter<double> Delay { get; }

    /// <summary>The external trigger's edge.</summary>
    public Parameter<TriggerSlope> Slope { get; }

    /// <summary>Sends a bus trigger (<c>*TRG</c>).</summary>
    public void Force() => Write("*TRG");
}

/// <summary>The 3446xA sample subsystem.</summary>
public sealed class Keysight3446xASample : InstrumentModule
{
    internal Keysight3446xASample(Keysight3446xA parent)
        : base(parent, "sample", "Sample")
    {
        Count = new Parameter<int>("count", this) { Label = "Samples per trigger", GetCommand = "SAMP:COUN?", SetCommand = "SAMP:COUN {0}", Validator = new Ints(1, 1_000_000) };
    }

    /// <summary>Readings per trigger.</summary>
    public Parameter<int> Count { get; }
}

/// <summary>The 3446xA front-panel display.</summary>
public sealed class Keysight3446xADisplay : InstrumentModule
{
    internal Keysight3446xADisplay(Keysight3446xA parent)
        : base(parent, "display", "Display")
    {
        Enabled = new Parameter<bool>("enabled", this) { Label = "Display on", GetCommand = "DISP:STAT?", SetCommand = "DISP:STAT {0}", Mapping = ValueMapping.OnOff() };
        Text = new Parameter<string>("text", this)
        {
            Label = "Display text",
            GetCommand = "DISP:TEXT?",
            SetCommand = "DISP:TEXT {0}",
            SetFormatter = ScpiString.Quote,
            Validator = new Strings(0, 40),
        };
    }

    /// <summary>Whether the display shows readings.</summary>
    public Parameter<bool> Enabled { get; }

    /// <summary>A message shown instead of the reading (empty for none).</summary>
    public Parameter<string> Text { get; }

    /// <summary>Removes the message.</summary>
    public void ClearText()
    {
        Write("DISP:TEXT:CLE");
        Text.Cache.Set("");
    }
}
