using System.Text.Json.Nodes;

namespace OpenVisa.Instruments;

/// <summary>Takes snapshots: reads the parameters the update mode asks for, then builds the JSON from the caches.</summary>
public static class Snapshots
{
    /// <summary>The snapshot of <paramref name="component"/> after reading what <paramref name="update"/> asks for.</summary>
    public static JsonObject Take(ISnapshotable component, SnapshotUpdate update = SnapshotUpdate.OnlyStale)
    {
        ArgumentNullException.ThrowIfNull(component);
        foreach (var parameter in component.SnapshotParameters())
        {
            if (parameter.NeedsSnapshotRead(update))
                parameter.RefreshForSnapshot();
        }
        return component.BuildSnapshot();
    }

    /// <summary>The snapshot of <paramref name="component"/> after reading what <paramref name="update"/> asks for.</summary>
    public static async ValueTask<JsonObject> TakeAsync(ISnapshotable component, SnapshotUpdate update = SnapshotUpdate.OnlyStale, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(component);
        foreach (var parameter in component.SnapshotParameters())
        {
            if (parameter.NeedsSnapshotRead(update))
                await parameter.RefreshForSnapshotAsync(cancellationToken).ConfigureAwait(false);
        }
        return component.BuildSnapshot();
    }
}
