namespace OpenVisa.Instruments;

/// <summary>
/// Message I/O for drivers and scripts. Every call goes to the root instrument, which runs it under its one lock
/// together with the error-queue check that may follow, applies a per-call timeout scope, and reconnects per policy.
/// </summary>
public abstract partial class InstrumentBase
{
    /// <summary>Sends a command.</summary>
    public void Write(string command) => Root.WriteCore(command, null);

    /// <summary>Sends a command.</summary>
    public ValueTask WriteAsync(string command, CancellationToken cancellationToken = default) =>
        Root.WriteCoreAsync(command, null, cancellationToken);

    /// <summary>Sends a query and returns the reply without its termination.</summary>
    public string Ask(string command) => Root.AskCore(command, null);

    /// <summary>Sends a query and returns the reply without its termination.</summary>
    public ValueTask<string> AskAsync(string command, CancellationToken cancellationToken = default) =>
        Root.AskCoreAsync(command, null, cancellationToken);

    /// <summary>Sends a query and parses a comma-separated list of values.</summary>
    public T[] AskAsciiValues<T>(string command) => AsciiValues.Parse<T>(Ask(command));

    /// <summary>Sends a query and parses a comma-separated list of values.</summary>
    public async ValueTask<T[]> AskAsciiValuesAsync<T>(string command, CancellationToken cancellationToken = default) =>
        AsciiValues.Parse<T>(await AskAsync(command, cancellationToken).ConfigureAwait(false));

    /// <summary>Sends a query and reads an IEEE 488.2 binary block of <typeparamref name="T"/>.</summary>
    public T[] AskBinaryValues<T>(string command, bool bigEndian = false, BlockFormat format = BlockFormat.Ieee)
        where T : unmanaged =>
        Root.Execute(command, null, r => r.QueryBinaryValues<T>(command, bigEndian, format), isQuery: true);

    /// <summary>Sends a query and reads an IEEE 488.2 binary block of <typeparamref name="T"/>.</summary>
    public ValueTask<T[]> AskBinaryValuesAsync<T>(string command, bool bigEndian = false, BlockFormat format = BlockFormat.Ieee, CancellationToken cancellationToken = default)
        where T : unmanaged =>
        Root.ExecuteAsync(command, null, (r, ct) => r.QueryBinaryValuesAsync<T>(command, bigEndian, format, cancellationToken: ct), isQuery: true, cancellationToken);

    /// <summary>Sends <paramref name="command"/> followed by <paramref name="values"/> as a binary block.</summary>
    public void WriteBinaryValues<T>(string command, T[] values, bool bigEndian = false)
        where T : unmanaged =>
        Root.Execute(command, null, r => r.WriteBinaryValues<T>(command, values, bigEndian), isQuery: false);

    /// <summary>Reads the error queue until it is empty and throws <see cref="InstrumentErrorException"/> if it held anything.</summary>
    public void CheckErrors() => Root.CheckErrorsCore();

    /// <summary>Reads the error queue until it is empty and throws <see cref="InstrumentErrorException"/> if it held anything.</summary>
    public ValueTask CheckErrorsAsync(CancellationToken cancellationToken = default) => Root.CheckErrorsCoreAsync(cancellationToken);
}
