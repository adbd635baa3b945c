namespace OpenVisa.Instruments;

/// <summary>Which parameters a snapshot reads from the instrument before it is written (QCoDeS's <c>update</c>).</summary>
public enum SnapshotUpdate
{
    /// <summary>Read nothing: every value comes from the cache.</summary>
    Never,

    /// <summary>Read the parameters whose cached value is missing or older than its maximum age (QCoDeS "Only_invalid").</summary>
    OnlyStale,

    /// <summary>Read every parameter that can be read and allows it (<see cref="ParameterBase.SnapshotGet"/>).</summary>
    All,
}
