namespace OpenVisa.Instruments.Interfaces;

/// <summary>A swept spectrum analyser: frequency range, bandwidths, reference level, and traces with their frequency axis.</summary>
public interface ISpectrumAnalyzer : IInstrument
{
    /// <summary>The centre of the swept range.</summary>
    [ParameterSpec("center_frequency", "Hz")]
    Parameter<double> CenterFrequency { get; }

    /// <summary>The width of the swept range.</summary>
    [ParameterSpec("span", "Hz")]
    Parameter<double> Span { get; }

    /// <summary>The first frequency of the sweep.</summary>
    [ParameterSpec("start_frequency", "Hz")]
    Parameter<double> StartFrequency { get; }

    /// <summary>The last frequency of the sweep.</summary>
    [ParameterSpec("stop_frequency", "Hz")]
    Parameter<double> StopFrequency { get; }

    /// <summary>The resolution bandwidth (RBW).</summary>
    [ParameterSpec("resolution_bandwidth", "Hz")]
    Parameter<double> ResolutionBandwidth { get; }

    /// <summary>The video bandwidth (VBW).</summary>
    [ParameterSpec("video_bandwidth", "Hz")]
    Parameter<double> VideoBandwidth { get; }

    /// <summary>The reference level (the top line of the display).</summary>
    [ParameterSpec("reference_level", "dBm")]
    Parameter<double> ReferenceLevel { get; }

    /// <summary>Takes one sweep and waits until it is done.</summary>
    void SingleSweep();

    /// <summary>Takes one sweep and waits until it is done.</summary>
    ValueTask SingleSweepAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads trace <paramref name="trace"/> (1 for TRACE1) with its frequency axis.</summary>
    SpectrumTrace ReadTrace(int trace = 1);

    /// <summary>Reads trace <paramref name="trace"/> with its frequency axis.</summary>
    ValueTask<SpectrumTrace> ReadTraceAsync(int trace = 1, CancellationToken cancellationToken = default);
}
