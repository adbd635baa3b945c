namespace OpenVisa.Instruments;

/// <summary>Scopes that set a value and put the old one back (QCoDeS's <c>set_to</c> and <c>restore_at_exit</c>).</summary>
public partial class Parameter<T>
{
    private ParameterValueScope<T>? _holder;

    /// <summary>
    /// Sets <paramref name="value"/> and, when the returned scope is disposed, sets the value it had before (read from
    /// the cache, or from the instrument when the cache is stale): <c>using (gate.SetTo(1.5)) { … }</c>.
    /// </summary>
    /// <param name="value">The value to hold during the scope.</param>
    /// <param name="allowChanges">
    /// False (the default, as in QCoDeS): other sets inside the scope are refused, so the value stays what the scope
    /// says; true: they are allowed, and the old value is still restored at the end.
    /// </param>
    public ParameterValueScope<T> SetTo(T value, bool allowChanges = false)
    {
        var scope = RestoreAtExit(allowChanges: true);
        try
        {
            Set(value);
        }
        catch
        {
            scope.Abandon();
            throw;
        }
        if (!allowChanges)
            Hold(scope, value);
        return scope;
    }

    /// <summary>The asynchronous form of <see cref="SetTo"/>; dispose the scope with <c>await using</c>.</summary>
    public async ValueTask<ParameterValueScope<T>> SetToAsync(T value, bool allowChanges = false, CancellationToken cancellationToken = default)
    {
        var scope = await RestoreAtExitAsync(allowChanges: true, cancellationToken).ConfigureAwait(false);
        try
        {
            await SetAsync(value, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            scope.Abandon();
            throw;
        }
        if (!allowChanges)
            Hold(scope, value);
        return scope;
    }

    /// <summary>
    /// Remembers the current value (read when the cache is stale) and sets it again when the returned scope is disposed.
    /// </summary>
    /// <param name="allowChanges">False to refuse every set until the scope ends.</param>
    /// <exception cref="InvalidOperationException">The current value is unknown and cannot be read.</exception>
    public ParameterValueScope<T> RestoreAtExit(bool allowChanges = true)
    {
        CheckDefinition();
        ThrowIfNotSettable();
        var scope = new ParameterValueScope<T>(this, Cache.Get());
        if (!allowChanges)
            Hold(scope, scope.Restores);
        return scope;
    }

    /// <summary>The asynchronous form of <see cref="RestoreAtExit"/>.</summary>
    public async ValueTask<ParameterValueScope<T>> RestoreAtExitAsync(bool allowChanges = true, CancellationToken cancellationToken = default)
    {
        CheckDefinition();
        ThrowIfNotSettable();
        var scope = new ParameterValueScope<T>(this, await Cache.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false));
        if (!allowChanges)
            Hold(scope, scope.Restores);
        return scope;
    }

    /// <summary>Lets sets through again when <paramref name="scope"/> is the one holding the parameter.</summary>
    internal void Release(ParameterValueScope<T> scope) => Interlocked.CompareExchange(ref _holder, null, scope);

    private void Hold(ParameterValueScope<T> scope, T value)
    {
        scope.HeldAt = value;
        if (Interlocked.CompareExchange(ref _holder, scope, null) is not null)
        {
            scope.Abandon();
            throw new InvalidOperationException($"{FullName} is already held by another SetTo scope; end that one first, or pass allowChanges: true.");
        }
    }

    private void ThrowIfHeld(T value)
    {
        if (Volatile.Read(ref _holder) is { } holder)
            throw new InvalidOperationException($"{FullName} cannot be set to {Text(value)}: a SetTo scope holds it at {Text(holder.HeldAt)} until the scope ends; pass allowChanges: true to SetTo to allow changes inside it.");
    }
}
