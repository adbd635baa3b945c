namespace OpenVisa.Instruments;

/// <summary>One parameter of every channel in a list: a get returns one value per channel, a set sends one value to all.</summary>
/// <typeparam name="TChannel">The channel type.</typeparam>
/// <typeparam name="TValue">The parameter's value type.</typeparam>
public sealed class MultiChannelParameter<TChannel, TValue>
    where TChannel : InstrumentModule
{
    private readonly ChannelList<TChannel> _channels;
    private readonly Func<TChannel, Parameter<TValue>> _select;

    internal MultiChannelParameter(ChannelList<TChannel> channels, Func<TChannel, Parameter<TValue>> select)
    {
        _channels = channels;
        _select = select ?? throw new ArgumentNullException(nameof(select));
    }

    /// <summary>The parameter on each channel, in order.</summary>
    public IReadOnlyList<Parameter<TValue>> Parameters => [.. _channels.Select(_select)];

    /// <summary>The full names, e.g. <c>psu_ch1_voltage</c>, <c>psu_ch2_voltage</c>.</summary>
    public IReadOnlyList<string> FullNames => [.. Parameters.Select(p => p.FullName)];

    /// <summary>Reads every channel's value.</summary>
    public IReadOnlyList<TValue> Get() => [.. Parameters.Select(p => p.Get())];

    /// <summary>Reads every channel's value.</summary>
    public async ValueTask<IReadOnlyList<TValue>> GetAsync(CancellationToken cancellationToken = default)
    {
        var parameters = Parameters;
        var values = new TValue[parameters.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = await parameters[i].GetAsync(cancellationToken).ConfigureAwait(false);
        return values;
    }

    /// <summary>
    /// Sets <paramref name="value"/> on every channel. Every channel validates it first (validators and safety limits),
    /// so a value one channel refuses is sent to none.
    /// </summary>
    public void Set(TValue value)
    {
        var parameters = ValidateAll(value);
        foreach (var parameter in parameters)
            parameter.Set(value);
    }

    /// <summary>The asynchronous form of <see cref="Set"/>.</summary>
    public async ValueTask SetAsync(TValue value, CancellationToken cancellationToken = default)
    {
        var parameters = ValidateAll(value);
        foreach (var parameter in parameters)
            await parameter.SetAsync(value, cancellationToken).ConfigureAwait(false);
    }

    private IReadOnlyList<Parameter<TValue>> ValidateAll(TValue value)
    {
        var parameters = Parameters;
        foreach (var parameter in parameters)
        {
            if (!parameter.Settable)
                throw new InvalidOperationException($"{parameter.FullName} cannot be set: it is read-only.");
            parameter.Validate(value);
        }
        return parameters;
    }
}
