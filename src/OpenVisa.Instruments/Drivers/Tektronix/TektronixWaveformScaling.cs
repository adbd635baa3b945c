namespace OpenVisa.Instruments.Drivers.Tektronix;

/// <summary>
/// How a Tektronix scope's outgoing waveform is scaled, read field by field from <c>WFMOutpre:</c> for the
/// <c>DATa:SOUrce</c>: value = (code − YOFf) × YMUlt + YZEro, time = XZEro + (i − PT_Off) × XINcr. Read field by
/// field because the order of the fields in the combined <c>WFMOutpre?</c> reply differs between Tektronix families.
/// </summary>
/// <param name="Points">NR_Pt: how many points <c>CURVe?</c> returns.</param>
/// <param name="XIncrement">XINcr: seconds between points.</param>
/// <param name="XZero">XZEro: the time of the point at <paramref name="PointOffset"/>.</param>
/// <param name="PointOffset">PT_Off: the index of the point at <paramref name="XZero"/>.</param>
/// <param name="YMultiplier">YMUlt: volts per digitizer level.</param>
/// <param name="YOffset">YOFf: the offset in digitizer levels.</param>
/// <param name="YZero">YZEro: volts added after scaling.</param>
public sealed record TektronixWaveformScaling(int Points, double XIncrement, double XZero, double PointOffset, double YMultiplier, double YOffset, double YZero)
{
    /// <summary>The queries that read the fields, in the order of the record's parameters.</summary>
    public static IReadOnlyList<string> Queries { get; } =
        ["WFMO:NR_P?", "WFMO:XIN?", "WFMO:XZE?", "WFMO:PT_O?", "WFMO:YMU?", "WFMO:YOF?", "WFMO:YZE?"];

    /// <summary>Builds the scaling from the replies to <see cref="Queries"/>; throws <see cref="FormatException"/> naming a field that is not a number.</summary>
    public static TektronixWaveformScaling FromReplies(IReadOnlyList<string> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        if (replies.Count != Queries.Count)
            throw new ArgumentException($"The waveform scaling needs {Queries.Count} replies, one per query; got {replies.Count}.", nameof(replies));
        var numbers = new double[replies.Count];
        for (var i = 0; i < replies.Count; i++)
            numbers[i] = ScpiReplies.Number(replies[i], Queries[i]);
        return new TektronixWaveformScaling((int)numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6]);
    }

    /// <summary>Volts for each signed 8-bit code (<c>DATa:ENCdg RIBinary</c>, <c>DATa:WIDth 1</c>).</summary>
    public double[] Scale(ReadOnlySpan<sbyte> codes)
    {
        var volts = new double[codes.Length];
        for (var i = 0; i < codes.Length; i++)
            volts[i] = ((codes[i] - YOffset) * YMultiplier) + YZero;
        return volts;
    }
}
