namespace OpenVisa.Instruments.Interfaces;

/// <summary>How an input is coupled.</summary>
public enum InputCoupling
{
    /// <summary>DC coupling.</summary>
    Dc,

    /// <summary>AC coupling.</summary>
    Ac,
}

/// <summary>
/// A waveform in volts against time: sample <c>i</c> was taken at <see cref="TimeOf"/>(i) =
/// <see cref="XOrigin"/> + (i − <see cref="XReference"/>) × <see cref="XIncrement"/>.
/// </summary>
/// <param name="Channel">The channel it came from.</param>
/// <param name="Voltages">The samples in volts.</param>
/// <param name="XIncrement">Seconds between samples.</param>
/// <param name="XOrigin">The time of the reference sample.</param>
/// <param name="XReference">The index of the reference sample.</param>
public sealed record Waveform(int Channel, double[] Voltages, double XIncrement, double XOrigin, double XReference)
{
    /// <summary>The time of sample <paramref name="index"/> in seconds.</summary>
    public double TimeOf(int index) => XOrigin + ((index - XReference) * XIncrement);

    /// <summary>Every sample's time.</summary>
    public double[] Times() => [.. Enumerable.Range(0, Voltages.Length).Select(TimeOf)];
}

/// <summary>An oscilloscope.</summary>
public interface IOscilloscope : IInstrument, IChannelled<IOscilloscopeChannel>
{
    /// <summary>Horizontal scale per division.</summary>
    [ParameterSpec("timebase_scale", "s")]
    Parameter<double> TimebaseScale { get; }

    /// <summary>Horizontal position (trigger to screen centre).</summary>
    [ParameterSpec("timebase_position", "s")]
    Parameter<double> TimebasePosition { get; }

    /// <summary>The edge trigger's source channel.</summary>
    [ParameterSpec("trigger_source")]
    Parameter<int> TriggerSource { get; }

    /// <summary>The edge trigger's level.</summary>
    [ParameterSpec("trigger_level", "V")]
    Parameter<double> TriggerLevel { get; }

    /// <summary>Acquires continuously.</summary>
    void Run();

    /// <summary>Stops acquiring.</summary>
    void Stop();

    /// <summary>Acquires once.</summary>
    void Single();

    /// <summary>Reads channel <paramref name="channel"/>'s waveform (binary block, scaled by the preamble).</summary>
    Waveform ReadWaveform(int channel);

    /// <summary>Reads channel <paramref name="channel"/>'s waveform.</summary>
    ValueTask<Waveform> ReadWaveformAsync(int channel, CancellationToken cancellationToken = default);
}

/// <summary>One input of an oscilloscope.</summary>
public interface IOscilloscopeChannel
{
    /// <summary>Vertical scale per division.</summary>
    [ParameterSpec("scale", "V")]
    Parameter<double> Scale { get; }

    /// <summary>Vertical offset.</summary>
    [ParameterSpec("offset", "V")]
    Parameter<double> Offset { get; }

    /// <summary>Whether the channel is shown (and acquired).</summary>
    [ParameterSpec("display")]
    Parameter<bool> Display { get; }

    /// <summary>Input coupling.</summary>
    [ParameterSpec("coupling")]
    Parameter<InputCoupling> Coupling { get; }

    /// <summary>Probe attenuation ratio (10 for a 10:1 probe).</summary>
    [ParameterSpec("probe_attenuation")]
    Parameter<double> ProbeAttenuation { get; }
}
