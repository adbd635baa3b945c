using OpenVisa.Instruments.Drivers.Keysight;

namespace OpenVisa.Instruments.Drivers;

/// <summary>
/// What sets one SCPI oscilloscope family apart from another in the members every scope has: how many channels a
/// model may have, the command headers of the timebase and edge trigger (each parameter is queried with
/// <c>HEADER?</c> and set with <c>HEADER value</c>), the ranges and mappings the family accepts, and the commands
/// that run, stop and arm a single acquisition. <see cref="ScpiOscilloscope{TChannel}"/> builds the parameters from it.
/// </summary>
public sealed record OscilloscopeCommandSet
{
    /// <summary>The fewest analog channels a model of the family has.</summary>
    public required int MinChannels { get; init; }

    /// <summary>The most analog channels a model of the family has.</summary>
    public required int MaxChannels { get; init; }

    /// <summary>The header of the time per division, e.g. <c>:TIM:SCAL</c>.</summary>
    public required string TimebaseScale { get; init; }

    /// <summary>The smallest time per division, in s.</summary>
    public required double MinTimebaseScale { get; init; }

    /// <summary>The largest time per division, in s.</summary>
    public required double MaxTimebaseScale { get; init; }

    /// <summary>The header of the horizontal position, e.g. <c>:TIM:POS</c>.</summary>
    public required string TimebasePosition { get; init; }

    /// <summary>The label of the horizontal position, in the family's own words (trigger position, offset …).</summary>
    public required string TimebasePositionLabel { get; init; }

    /// <summary>What the family's horizontal position means, when the label does not say it all.</summary>
    public string? TimebasePositionDocstring { get; init; }

    /// <summary>The header of the edge trigger's source, e.g. <c>:TRIG:EDGE:SOUR</c>.</summary>
    public required string TriggerSource { get; init; }

    /// <summary>How the family names an analog channel as a trigger source, before its number: <c>CHAN</c> or <c>CH</c>.</summary>
    public required string ChannelPrefix { get; init; }

    /// <summary>The header of the edge trigger's level, e.g. <c>:TRIG:EDGE:LEV</c>.</summary>
    public required string TriggerLevel { get; init; }

    /// <summary>
    /// Whether the scope keeps one trigger level per source, addressed by the source's number after
    /// <see cref="TriggerLevel"/> (the R&amp;S RTB's <c>TRIGger:A:LEVel&lt;n&gt;</c>); the level is then the one of the
    /// source in use.
    /// </summary>
    public bool TriggerLevelPerSource { get; init; }

    /// <summary>The header of the edge trigger's slope, e.g. <c>:TRIG:EDGE:SLOP</c>.</summary>
    public required string TriggerSlope { get; init; }

    /// <summary>The slopes the family offers and how it names them.</summary>
    public required ValueMapping<ScopeTriggerSlope> TriggerSlopes { get; init; }

    /// <summary>The commands, in order, that make the scope acquire continuously.</summary>
    public required IReadOnlyList<string> Run { get; init; }

    /// <summary>The commands, in order, that stop the acquisition.</summary>
    public required IReadOnlyList<string> Stop { get; init; }

    /// <summary>The commands, in order, that acquire once.</summary>
    public required IReadOnlyList<string> Single { get; init; }
}
