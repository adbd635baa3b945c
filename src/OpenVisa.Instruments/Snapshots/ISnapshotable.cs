using System.Text.Json.Nodes;

namespace OpenVisa.Instruments;

/// <summary>
/// A component that describes its state as a JSON snapshot with QCoDeS's keys. Taking a snapshot is two steps:
/// the parameters that need it are read (<see cref="SnapshotParameters"/>), then the JSON is built from the cached
/// values without any I/O (<see cref="BuildSnapshot"/>), so the sync and async forms share one description.
/// </summary>
public interface ISnapshotable
{
    /// <summary>The parameters of this component and its sub-components that a snapshot may read.</summary>
    IEnumerable<ParameterBase> SnapshotParameters();

    /// <summary>The snapshot from the cached values; performs no I/O.</summary>
    JsonObject BuildSnapshot();
}
