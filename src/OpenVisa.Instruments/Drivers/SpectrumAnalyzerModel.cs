namespace OpenVisa.Instruments.Drivers;

/// <summary>
/// What sets one swept spectrum analyser model apart from another of the same command set: its frequency range, the
/// bandwidths it offers, its reference-level range and how many points a sweep has.
/// </summary>
/// <param name="Model">The model as <c>*IDN?</c> names it.</param>
/// <param name="MinFrequency">The lowest frequency it sweeps, in Hz.</param>
/// <param name="MaxFrequency">The highest frequency it sweeps, in Hz.</param>
/// <param name="MinResolutionBandwidth">The narrowest RBW, in Hz.</param>
/// <param name="MaxResolutionBandwidth">The widest RBW, in Hz.</param>
/// <param name="MinVideoBandwidth">The narrowest VBW, in Hz.</param>
/// <param name="MaxVideoBandwidth">The widest VBW, in Hz.</param>
/// <param name="MinReferenceLevel">The lowest reference level, in dBm.</param>
/// <param name="MaxReferenceLevel">The highest reference level, in dBm.</param>
/// <param name="SweepPoints">How many points every sweep has (fixed on these analysers).</param>
/// <param name="TraceCount">How many traces it keeps (TRACE1 …).</param>
public sealed record SpectrumAnalyzerModel(
    string Model,
    double MinFrequency,
    double MaxFrequency,
    double MinResolutionBandwidth,
    double MaxResolutionBandwidth,
    double MinVideoBandwidth,
    double MaxVideoBandwidth,
    double MinReferenceLevel,
    double MaxReferenceLevel,
    int SweepPoints,
    int TraceCount);
