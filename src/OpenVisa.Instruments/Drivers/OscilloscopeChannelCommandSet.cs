using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers;

/// <summary>
/// What sets one SCPI oscilloscope family's channels apart from another's: the command header of each channel setting,
/// with <c>{0}</c> where the channel's number goes (<c>:CHAN{0}:SCAL</c>; queried with <c>HEADER?</c>, set with
/// <c>HEADER value</c>), and the ranges and mappings the family accepts. <see cref="ScpiOscilloscopeChannel"/> builds
/// the parameters from it.
/// </summary>
public sealed record OscilloscopeChannelCommandSet
{
    /// <summary>The header of the volts per division, e.g. <c>:CHAN{0}:SCAL</c>.</summary>
    public required string Scale { get; init; }

    /// <summary>The smallest volts per division.</summary>
    public required double MinScale { get; init; }

    /// <summary>The largest volts per division.</summary>
    public required double MaxScale { get; init; }

    /// <summary>The header of the vertical offset, e.g. <c>:CHAN{0}:OFFS</c>.</summary>
    public required string Offset { get; init; }

    /// <summary>The header of whether the channel is shown, e.g. <c>:CHAN{0}:DISP</c>.</summary>
    public required string Display { get; init; }

    /// <summary>How the family writes and answers shown and hidden.</summary>
    public required ValueMapping<bool> DisplayStates { get; init; }

    /// <summary>The header of the input coupling, e.g. <c>:CHAN{0}:COUP</c>.</summary>
    public required string Coupling { get; init; }

    /// <summary>How the family names DC and AC coupling.</summary>
    public required ValueMapping<InputCoupling> Couplings { get; init; }

    /// <summary>The header of the probe attenuation, e.g. <c>:CHAN{0}:PROB</c>.</summary>
    public required string ProbeAttenuation { get; init; }

    /// <summary>The probe ratios the family accepts (a range, or the list it offers).</summary>
    public required Validator ProbeAttenuations { get; init; }

    /// <summary>The header of the 20 MHz bandwidth limit, e.g. <c>:CHAN{0}:BWL</c>.</summary>
    public required string BandwidthLimit { get; init; }

    /// <summary>How the family writes and answers the limit on and off.</summary>
    public required ValueMapping<bool> BandwidthLimitStates { get; init; }
}
