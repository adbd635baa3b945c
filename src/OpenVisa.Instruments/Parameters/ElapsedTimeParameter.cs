namespace OpenVisa.Instruments;

/// <summary>
/// The seconds since the parameter was created or its clock was last reset (QCoDeS's <c>ElapsedTimeParameter</c>),
/// for a measurement's time axis. Read-only; unit <c>s</c>, label "Elapsed time". It uses the instrument's
/// <see cref="InstrumentOptions.TimeProvider"/>, so tests can drive it with a fake clock.
/// </summary>
public sealed class ElapsedTimeParameter : Parameter<double>
{
    private long _started;

    /// <summary>Creates the parameter and starts its clock.</summary>
    public ElapsedTimeParameter(string name, InstrumentBase? instrument = null)
        : base(name, instrument)
    {
        Label = "Elapsed time";
        Unit = "s";
        Getter = () => Clock.GetElapsedTime(Volatile.Read(ref _started)).TotalSeconds;
        _started = Clock.GetTimestamp();
    }

    /// <summary>Starts counting from now again.</summary>
    public void ResetClock() => Volatile.Write(ref _started, Clock.GetTimestamp());
}
