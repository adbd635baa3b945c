using OpenVisa.Instruments.Interfaces;

namespace OpenVisa.Instruments.Drivers;

/// <summary>
/// What sets one SCPI generator family's outputs apart from another's in the settings that come first on each:
/// the source prefix of the commands (<c>SOUR{0}:</c>, with <c>{0}</c> where the output's number goes; the settings are
/// <c>FUNC</c>, <c>FREQ</c>, <c>VOLT</c> and <c>VOLT:OFFS</c> under it), the shapes the family offers, its highest
/// frequency and what the function and amplitude need explaining. <see cref="ScpiWaveformGeneratorChannel"/> builds the
/// parameters from it.
/// </summary>
public sealed record WaveformGeneratorChannelCommandSet
{
    /// <summary>The prefix of the output's source commands, e.g. <c>SOUR{0}:</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The shapes the family offers and how it names them.</summary>
    public required ValueMapping<WaveformShape> Shapes { get; init; }

    /// <summary>What the family's function setting needs explaining (a shape it lacks, say), if anything.</summary>
    public string? FunctionDocstring { get; init; }

    /// <summary>The highest frequency, in Hz.</summary>
    public required double MaxFrequency { get; init; }

    /// <summary>How the family limits the amplitude by the load.</summary>
    public required string AmplitudeDocstring { get; init; }
}
