namespace OpenVisa;

/// <summary>The outcome of one low-level read: how many bytes arrived and why the read stopped.</summary>
/// <param name="Count">Bytes placed in the caller's buffer.</param>
/// <param name="Status">
/// <see cref="StatusCode.Success"/> when END ended the read, <see cref="StatusCode.SuccessTerminationCharacterRead"/>
/// when the termination character did, <see cref="StatusCode.SuccessMaxCountRead"/> when the buffer filled.
/// </param>
public readonly record struct ReadResult(int Count, StatusCode Status)
{
    /// <summary>True when the message ended (END or termination character), false when the buffer filled first.</summary>
    public bool IsMessageComplete => Status != StatusCode.SuccessMaxCountRead;
}
