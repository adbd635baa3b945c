namespace OpenVisa.Instruments.Interfaces;

/// <summary>The shape of a generated waveform.</summary>
public enum WaveformShape
{
    /// <summary>Sine.</summary>
    Sine,

    /// <summary>Square.</summary>
    Square,

    /// <summary>Ramp (saw-tooth; symmetry sets the shape).</summary>
    Ramp,

    /// <summary>Triangle.</summary>
    Triangle,

    /// <summary>Pulse.</summary>
    Pulse,

    /// <summary>Noise.</summary>
    Noise,

    /// <summary>DC level.</summary>
    Dc,

    /// <summary>Arbitrary waveform.</summary>
    Arbitrary,
}

/// <summary>A function or arbitrary waveform generator.</summary>
public interface IWaveformGenerator : IInstrument, IChannelled<IWaveformGeneratorChannel>
{
}

/// <summary>One output of a waveform generator.</summary>
public interface IWaveformGeneratorChannel
{
    /// <summary>The waveform shape.</summary>
    [ParameterSpec("function")]
    Parameter<WaveformShape> Function { get; }

    /// <summary>The frequency.</summary>
    [ParameterSpec("frequency", "Hz")]
    Parameter<double> Frequency { get; }

    /// <summary>The peak-to-peak amplitude.</summary>
    [ParameterSpec("amplitude", "Vpp")]
    Parameter<double> Amplitude { get; }

    /// <summary>The DC offset.</summary>
    [ParameterSpec("offset", "V")]
    Parameter<double> Offset { get; }

    /// <summary>Whether the output is on.</summary>
    [ParameterSpec("output")]
    Parameter<bool> Output { get; }
}
