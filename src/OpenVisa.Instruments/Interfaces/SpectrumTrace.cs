namespace OpenVisa.Instruments.Interfaces;

/// <summary>
/// One sweep of a spectrum analyser: levels against frequency. Sweep point <c>i</c> of <c>n</c> lies at
/// <see cref="FrequencyOf"/>(i) = start + i × (stop − start) / (n − 1), since a swept analyser puts its first point on
/// the start frequency and its last on the stop frequency.
/// </summary>
/// <param name="Trace">The trace it came from (1 for TRACE1).</param>
/// <param name="Levels">The level of each sweep point, in <paramref name="Unit"/>.</param>
/// <param name="StartFrequency">The frequency of the first point, in Hz.</param>
/// <param name="StopFrequency">The frequency of the last point, in Hz.</param>
/// <param name="Unit">The unit of the levels, <c>dBm</c> unless the analyser was told otherwise.</param>
public sealed record SpectrumTrace(int Trace, double[] Levels, double StartFrequency, double StopFrequency, string Unit = "dBm")
{
    /// <summary>The frequency of sweep point <paramref name="index"/> in Hz.</summary>
    public double FrequencyOf(int index) =>
        Levels.Length < 2 ? StartFrequency : StartFrequency + (index * (StopFrequency - StartFrequency) / (Levels.Length - 1));

    /// <summary>Every sweep point's frequency: the trace's frequency axis.</summary>
    public double[] Frequencies() => [.. Enumerable.Range(0, Levels.Length).Select(FrequencyOf)];

    /// <summary>The index of the highest level (the first, when several are equal).</summary>
    public int PeakIndex()
    {
        if (Levels.Length == 0)
            throw new InvalidOperationException($"Trace {Trace} holds no points, so it has no peak.");
        var best = 0;
        for (var i = 1; i < Levels.Length; i++)
        {
            if (Levels[i] > Levels[best])
                best = i;
        }
        return best;
    }
}
