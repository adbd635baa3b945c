using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments;

/// <summary>Setting: validation, ramp steps (each validated), mapping or scale, formatter, command or delegate, delays, cache.</summary>
public partial class Parameter<T>
{
    private long _lastSetStarted;

    /// <summary>
    /// Validates <paramref name="value"/> (validators and safety limits), then sends it, in ramp steps when
    /// <see cref="Step"/> is set, honouring <see cref="InterDelay"/> and <see cref="PostDelay"/>, and caches it.
    /// </summary>
    public void Set(T value)
    {
        CheckDefinition();
        ThrowIfNotSettable();
        ThrowIfHeld(value);
        Validate(value);
        // A manual parameter ramps and waits as a commanded one does (QCoDeS's ManualParameter honours step, inter_delay
        // and post_delay): it stands for a knob someone turns by hand, at the pace the settings describe.
        var (hasStart, start) = _step is null ? (false, default!) : Cache.IsValid || !CanReadSource ? KnownStart(value) : (true, Get());
        foreach (var step in RampSteps(value, hasStart, start))
        {
            Validate(step);
            WaitInterDelay();
            var started = Stopwatch.GetTimestamp();
            _lastSetStarted = started;
            var raw = RawFor(step);
            try
            {
                if (IsManual)
                    LogManualStep(step);
                else if (SetCommand is not null)
                    Root.WriteForParameter(CommandFor(raw), CheckErrors);
                else if (Setter is not null)
                    WriteThroughDelegate(raw);
                else
                    throw new InvalidOperationException($"{FullName} has only an asynchronous setter; set it with SetAsync.");
            }
            catch (Exception e) when (ShouldWrap(e))
            {
                throw new ParameterException($"Setting {FullName} to {Text(step)} failed: {e.Message}", e);
            }
            SleepUntil(started, PostDelay);
            Record(step, raw);
        }
    }

    /// <summary>The asynchronous form of <see cref="Set"/>.</summary>
    public async ValueTask SetAsync(T value, CancellationToken cancellationToken = default)
    {
        CheckDefinition();
        ThrowIfNotSettable();
        ThrowIfHeld(value);
        Validate(value);
        // A manual parameter ramps and waits as a commanded one does (QCoDeS's ManualParameter honours step, inter_delay
        // and post_delay): it stands for a knob someone turns by hand, at the pace the settings describe.
        var (hasStart, start) = _step is null ? (false, default!) : Cache.IsValid || !CanReadSource ? KnownStart(value) : (true, await GetAsync(cancellationToken).ConfigureAwait(false));
        foreach (var step in RampSteps(value, hasStart, start))
        {
            Validate(step);
            if (_lastSetStarted != 0)
                await DelayUntilAsync(_lastSetStarted, _interDelay, cancellationToken).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            _lastSetStarted = started;
            var raw = RawFor(step);
            try
            {
                if (IsManual)
                    LogManualStep(step);
                else if (SetCommand is not null)
                    await Root.WriteForParameterAsync(CommandFor(raw), CheckErrors, cancellationToken).ConfigureAwait(false);
                else
                    await WriteThroughDelegateAsync(raw, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ShouldWrap(e))
            {
                throw new ParameterException($"Setting {FullName} to {Text(step)} failed: {e.Message}", e);
            }
            await DelayUntilAsync(started, PostDelay, cancellationToken).ConfigureAwait(false);
            Record(step, raw);
        }
    }

    /// <summary>
    /// The values a set to <paramref name="target"/> sends, starting from <paramref name="start"/>: every
    /// <see cref="Step"/> toward the target, then the target. Without a step, just the target.
    /// </summary>
    public IReadOnlyList<T> RampSteps(T target, T start) => RampSteps(target, hasStart: true, start);

    private IReadOnlyList<T> RampSteps(T target, bool hasStart, T start)
    {
        if (_step is not { } step || !NumericOps<T>.IsNumeric || !hasStart)
            return [target];
        var from = NumericOps<T>.ToDouble(start);
        var to = NumericOps<T>.ToDouble(target);
        if (double.IsNaN(from) || double.IsInfinity(from))
            return [target];
        var distance = Math.Abs(to - from);
        var count = (int)Math.Ceiling((distance / step) - 1e-9);
        var direction = Math.Sign(to - from);
        var steps = new List<T>(Math.Max(count, 1));
        for (var k = 1; k < count; k++)
            steps.Add(NumericOps<T>.FromDouble(from + (direction * k * step)));
        steps.Add(target);
        return steps;
    }

    /// <summary>The raw value for <paramref name="value"/>: its mapped token, or the value after scale and offset.</summary>
    internal object? RawFor(T value)
    {
        if (Mapping is { } mapping)
        {
            return mapping.TryGetToken(value, out var token)
                ? token
                : throw new ValidationException(value, null, $"must be one of the mapped values {string.Join(", ", mapping.Values)}", Context);
        }
        if (!IsScaled)
            return value;
        var scale = Scale ?? 1;
        var offset = Offset ?? 0;
        return value switch
        {
            double d => (d * scale) + offset,
            double[] a => a.Select(d => (d * scale) + offset).ToArray(),
            _ => value,
        };
    }

    /// <summary>
    /// Sends a raw value through the setter delegate; a group member overrides it, as its group formats the command and
    /// its raw value may be a mapped token rather than a <typeparamref name="T"/>.
    /// </summary>
    private protected virtual void WriteThroughDelegate(object? raw) => Setter!((T)raw!);

    /// <summary>The asynchronous form of <see cref="WriteThroughDelegate"/>.</summary>
    private protected virtual ValueTask WriteThroughDelegateAsync(object? raw, CancellationToken cancellationToken)
    {
        if (AsyncSetter is not null)
            return AsyncSetter((T)raw!, cancellationToken);
        Setter!((T)raw!);
        return ValueTask.CompletedTask;
    }

    private string CommandFor(object? raw)
    {
        object? argument;
        if (raw is string token && Mapping is not null)
            argument = token;
        else if (SetFormatter is not null)
            argument = SetFormatter((T)raw!);
        else if (SetCommand!.Contains("{0:", StringComparison.Ordinal) && raw is IFormattable)
            argument = raw;
        else
            argument = ScpiConvert.Format((T)raw!);
        return string.Format(CultureInfo.InvariantCulture, SetCommand!, argument);
    }

    private void Record(T value, object? raw)
    {
        Cache.Update(value, raw);
        if (OnSet is { } onSet)
            onSet(value);
        else
            Instrument?.Root.OnParameterSet?.Invoke(this, value);
    }

    private void ThrowIfNotSettable()
    {
        if (!Settable)
            throw new InvalidOperationException($"{FullName} cannot be set: it is read-only (no SetCommand or setter).");
    }

    private (bool HasStart, T Start) KnownStart(T target)
    {
        if (Cache.HasValue)
            return (true, Cache.Value);
        LogRampJump(target);
        return (false, default!);
    }

    private void WaitInterDelay()
    {
        if (_lastSetStarted != 0)
            SleepUntil(_lastSetStarted, _interDelay);
    }

    /// <summary>Sleeps until <paramref name="delay"/> has passed since <paramref name="since"/>; timers may fire early, so it checks again.</summary>
    private static void SleepUntil(long since, TimeSpan delay)
    {
        for (var left = delay - Stopwatch.GetElapsedTime(since); left > TimeSpan.Zero; left = delay - Stopwatch.GetElapsedTime(since))
            Thread.Sleep(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)));
    }

    /// <summary>Waits until <paramref name="delay"/> has passed since <paramref name="since"/>; timers may fire early, so it checks again.</summary>
    private static async ValueTask DelayUntilAsync(long since, TimeSpan delay, CancellationToken cancellationToken)
    {
        for (var left = delay - Stopwatch.GetElapsedTime(since); left > TimeSpan.Zero; left = delay - Stopwatch.GetElapsedTime(since))
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
    }

    private static string Text(T value) => ValueText.Format(value);

    /// <summary>A manual parameter sends nothing: each step only lands in the cache, which this notes at trace level.</summary>
    private void LogManualStep(T step)
    {
        if (Logger.IsEnabled(LogLevel.Trace))
            Logger.LogTrace("{Parameter}: manual parameter set to {Value} (nothing sent)", FullName, Text(step));
    }

    private void LogRampJump(T target)
    {
        if (Logger.IsEnabled(LogLevel.Warning))
            Logger.LogWarning("{Parameter}: the current value is unknown, so the set to {Target} jumps without ramping", FullName, Text(target));
    }
}
