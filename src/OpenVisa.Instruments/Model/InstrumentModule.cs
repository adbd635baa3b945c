namespace OpenVisa.Instruments;

/// <summary>A part of an instrument (a trigger block, a display) with its own parameters; I/O goes through the root instrument.</summary>
public class InstrumentModule : InstrumentBase
{
    /// <summary>Creates the module under <paramref name="parent"/>; add it with <see cref="InstrumentBase.AddSubmodule{T}"/>.</summary>
    public InstrumentModule(InstrumentBase parent, string name, string? label = null)
        : base(name, label, "module")
    {
        Parent = parent ?? throw new ArgumentNullException(nameof(parent));
    }

    /// <summary>The instrument or module this belongs to.</summary>
    public InstrumentBase Parent { get; }

    /// <inheritdoc/>
    public override string FullName => Parent.FullName + "_" + Name;

    /// <inheritdoc/>
    public override Instrument Root => Parent.Root;
}

/// <summary>One of several like parts of an instrument (an output, an input), identified by <see cref="ChannelId"/> in commands.</summary>
public class InstrumentChannel : InstrumentModule
{
    /// <summary>Creates the channel.</summary>
    /// <param name="parent">The instrument.</param>
    /// <param name="name">The channel's short name, e.g. <c>ch1</c>.</param>
    /// <param name="channelId">How commands name it, e.g. <c>1</c> in <c>VOLT 5,(@1)</c>.</param>
    /// <param name="label">A label; the name when null.</param>
    public InstrumentChannel(InstrumentBase parent, string name, string channelId, string? label = null)
        : base(parent, name, label)
    {
        ChannelId = channelId ?? throw new ArgumentNullException(nameof(channelId));
    }

    /// <summary>How commands name the channel.</summary>
    public string ChannelId { get; }
}
