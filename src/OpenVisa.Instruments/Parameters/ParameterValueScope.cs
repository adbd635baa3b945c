namespace OpenVisa.Instruments;

/// <summary>
/// The scope <see cref="Parameter{T}.SetTo"/> and <see cref="Parameter{T}.RestoreAtExit"/> return: disposing it sets
/// the parameter back to <see cref="Restores"/> (with the parameter's ramp and delays), once.
/// </summary>
/// <typeparam name="T">The parameter's value type.</typeparam>
public sealed class ParameterValueScope<T> : IDisposable, IAsyncDisposable
{
    private readonly Parameter<T> _parameter;
    private int _ended;

    internal ParameterValueScope(Parameter<T> parameter, T restores)
    {
        _parameter = parameter;
        Restores = restores;
    }

    /// <summary>The value set back when the scope ends.</summary>
    public T Restores { get; }

    /// <summary>The value the scope holds the parameter at, when it refuses changes.</summary>
    internal T HeldAt { get; set; } = default!;

    /// <summary>Sets the parameter back to <see cref="Restores"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
            return;
        _parameter.Release(this);
        _parameter.Set(Restores);
    }

    /// <summary>Sets the parameter back to <see cref="Restores"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
            return;
        _parameter.Release(this);
        await _parameter.SetAsync(Restores).ConfigureAwait(false);
    }

    /// <summary>Ends the scope without restoring (its set failed, so nothing changed).</summary>
    internal void Abandon()
    {
        Interlocked.Exchange(ref _ended, 1);
        _parameter.Release(this);
    }
}
