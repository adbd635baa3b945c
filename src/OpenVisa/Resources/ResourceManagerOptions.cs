namespace OpenVisa;

/// <summary>Options for <see cref="ResourceManager(string, ResourceManagerOptions)"/>.</summary>
public sealed record ResourceManagerOptions
{
    /// <summary>
    /// Records every operation of every session opened through the manager into this session file (JSON Lines, see
    /// <c>RecordingLibrary</c> in the <c>OpenVisa.Recording</c> package, which must be installed); the file is created,
    /// or emptied if it exists, and closed with the manager.
    /// </summary>
    public string? RecordTo { get; init; }
}
