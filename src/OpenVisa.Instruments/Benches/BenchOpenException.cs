namespace OpenVisa.Instruments.Benches;

/// <summary>A bench instrument could not be opened; the message names the instrument, its driver, backend and address.</summary>
public sealed class BenchOpenException(string alias, string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The instrument that failed.</summary>
    public string Alias { get; } = alias;
}
