using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments;

/// <summary>Reading: command or delegate, then parser or mapping, then the inverse of scale and offset, then the cache.</summary>
public partial class Parameter<T>
{
    /// <summary>Reads the value from the instrument (a manual parameter returns its cached value) and caches it.</summary>
    public T Get()
    {
        CheckDefinition();
        if (IsManual)
            return Cache.Get(getIfInvalid: false);
        ThrowIfNotGettable();
        try
        {
            object? rawValue;
            T value;
            if (GetCommand is not null)
            {
                var reply = Root.AskForParameter(GetCommand, CheckErrors);
                (value, rawValue) = FromReply(reply);
            }
            else if (Getter is not null)
            {
                (value, rawValue) = ReadThroughDelegate();
            }
            else
            {
                throw new InvalidOperationException($"{FullName} has only an asynchronous getter; read it with GetAsync.");
            }
            if (ShapeProblem(value) is { } shape)
                throw new FormatException($"the value read {shape}");
            Cache.Update(value, rawValue);
            return value;
        }
        catch (Exception e) when (ShouldWrap(e))
        {
            throw new ParameterException($"Getting {FullName} failed: {e.Message}", e);
        }
    }

    /// <summary>Reads the value from the instrument (a manual parameter returns its cached value) and caches it.</summary>
    public async ValueTask<T> GetAsync(CancellationToken cancellationToken = default)
    {
        CheckDefinition();
        if (IsManual)
            return Cache.Get(getIfInvalid: false);
        ThrowIfNotGettable();
        try
        {
            T value;
            object? rawValue;
            if (GetCommand is not null)
            {
                var reply = await Root.AskForParameterAsync(GetCommand, CheckErrors, cancellationToken).ConfigureAwait(false);
                (value, rawValue) = FromReply(reply);
            }
            else
            {
                (value, rawValue) = await ReadThroughDelegateAsync(cancellationToken).ConfigureAwait(false);
            }
            if (ShapeProblem(value) is { } shape)
                throw new FormatException($"the value read {shape}");
            Cache.Update(value, rawValue);
            return value;
        }
        catch (Exception e) when (ShouldWrap(e))
        {
            throw new ParameterException($"Getting {FullName} failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// The latest value (QCoDeS's <c>get_latest</c>): the cached value while it is valid, otherwise read from the
    /// instrument. A delegate's is its source's latest value through the delegate's scale and offset.
    /// </summary>
    public T GetLatest() => Cache.Get();

    /// <summary>The asynchronous form of <see cref="GetLatest"/>.</summary>
    public ValueTask<T> GetLatestAsync(CancellationToken cancellationToken = default) => Cache.GetAsync(cancellationToken: cancellationToken);

    /// <summary>Reads through the getter delegate; a group member overrides it, as its group parses the reply itself.</summary>
    private protected virtual (T Value, object? Raw) ReadThroughDelegate()
    {
        var raw = Getter!();
        return (Unscale(raw), raw);
    }

    /// <summary>The asynchronous form of <see cref="ReadThroughDelegate"/>.</summary>
    private protected virtual async ValueTask<(T Value, object? Raw)> ReadThroughDelegateAsync(CancellationToken cancellationToken)
    {
        var raw = AsyncGetter is not null ? await AsyncGetter(cancellationToken).ConfigureAwait(false) : Getter!();
        return (Unscale(raw), raw);
    }

    private Instrument Root => Instrument?.Root ?? throw new InvalidOperationException($"{FullName} belongs to no instrument.");

    private static bool ShouldWrap(Exception e) =>
        e is not (ValidationException or OperationCanceledException or ParameterException or ObjectDisposedException);

    private void ThrowIfNotGettable()
    {
        if (!HasGetSource)
            throw new InvalidOperationException($"{FullName} cannot be read: it is write-only (no GetCommand or getter). Its last set value is in Cache.");
    }

    private (T Value, object? Raw) FromReply(string reply)
    {
        if (Mapping is { } mapping)
        {
            if (!mapping.TryGetValue(reply, out var mapped))
                throw new FormatException($"the reply '{reply.Trim()}' to '{GetCommand}' is none of the mapped tokens {mapping.TokensText}");
            return (mapped, ScpiConvert.Unquote(reply.Trim()));
        }
        T raw;
        try
        {
            raw = GetParser is not null ? GetParser(reply) : ScpiConvert.Parse<T>(reply);
        }
        catch (FormatException e)
        {
            throw new FormatException($"the reply '{reply.Trim()}' to '{GetCommand}' cannot be read as {SnapshotJson.ClassName(typeof(T))}: {e.Message}", e);
        }
        return (Unscale(raw), raw);
    }

    private protected T Unscale(T raw)
    {
        if (!IsScaled)
            return raw;
        var scale = Scale ?? 1;
        var offset = Offset ?? 0;
        return raw switch
        {
            double d => (T)(object)((d - offset) / scale),
            double[] a => (T)(object)a.Select(d => (d - offset) / scale).ToArray(),
            _ => raw,
        };
    }
}
