using System.Reflection;

namespace OpenVisa.Instruments.Interfaces;

/// <summary>
/// Checks a driver against the instrument interfaces it implements: every parameter an interface declares with
/// <see cref="ParameterSpecAttribute"/> exists on the instrument (and on every channel), is bound to it, has the declared
/// name and unit, and has a working definition; channel numbers run from 1 to the count and no further.
/// </summary>
public static class InterfaceCheck
{
    /// <summary>The instrument interfaces (of this namespace) that <paramref name="driver"/> implements.</summary>
    public static IReadOnlyList<Type> InterfacesOf(Type driver) =>
        [.. driver.GetInterfaces().Where(i => i.Namespace == typeof(IInstrument).Namespace && !i.IsGenericType).OrderBy(i => i.Name, StringComparer.Ordinal)];

    /// <summary>Every way <paramref name="instrument"/> falls short of its interfaces; empty when it meets them.</summary>
    public static IReadOnlyList<string> Check(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var problems = new List<string>();
        foreach (var contract in instrument.GetType().GetInterfaces().Where(i => i.Namespace == typeof(IInstrument).Namespace))
        {
            if (contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IChannelled<>))
                CheckChannels(instrument, contract, problems);
            else
                CheckParameters(instrument, instrument, contract, contract.Name, problems);
        }
        return problems;
    }

    /// <summary>
    /// The live half of the check, for a driver opened on its instrument or its simulation profile: every parameter
    /// its interfaces declare that can be read is read once (on every channel), and each read that fails is reported
    /// with the parameter, the command's failure and what to look at. Empty when the instrument answers them all.
    /// Run <see cref="Check"/> first: this one skips what that one reports.
    /// </summary>
    public static IReadOnlyList<string> CheckAgainstInstrument(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var problems = new List<string>();
        foreach (var (where, parameter) in DeclaredParameters(instrument))
        {
            if (!parameter.Gettable)
                continue;
            try
            {
                parameter.GetObject();
            }
            catch (Exception e) when (e is VisaException or FormatException or InvalidOperationException or ParameterException or Validators.ValidationException)
            {
                problems.Add($"{instrument.Name}: reading {where} ('{parameter.FullName}') failed: {e.Message} Check its get command against the instrument's manual (or the simulation profile).");
            }
        }
        return problems;
    }

    /// <summary>Every parameter the interfaces of <paramref name="instrument"/> declare, on it and on each channel, with where it is.</summary>
    private static IEnumerable<(string Where, ParameterBase Parameter)> DeclaredParameters(Instrument instrument)
    {
        foreach (var contract in instrument.GetType().GetInterfaces().Where(i => i.Namespace == typeof(IInstrument).Namespace))
        {
            if (contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IChannelled<>))
            {
                var channelType = contract.GetGenericArguments()[0];
                var count = (int)contract.GetProperty(nameof(IChannelled<object>.ChannelCount))!.GetValue(instrument)!;
                var channel = contract.GetMethod(nameof(IChannelled<object>.Channel))!;
                for (var number = 1; number <= count; number++)
                {
                    var value = channel.Invoke(instrument, [number]);
                    foreach (var property in channelType.GetProperties().Where(p => p.GetCustomAttribute<ParameterSpecAttribute>() is not null))
                    {
                        if (property.GetValue(value) is ParameterBase parameter)
                            yield return ($"{channelType.Name} {number}.{property.Name}", parameter);
                    }
                }
                continue;
            }
            foreach (var property in contract.GetProperties().Where(p => p.GetCustomAttribute<ParameterSpecAttribute>() is not null))
            {
                if (property.GetValue(instrument) is ParameterBase parameter)
                    yield return ($"{contract.Name}.{property.Name}", parameter);
            }
        }
    }

    private static void CheckChannels(Instrument instrument, Type contract, List<string> problems)
    {
        var channelType = contract.GetGenericArguments()[0];
        var count = (int)contract.GetProperty(nameof(IChannelled<object>.ChannelCount))!.GetValue(instrument)!;
        var channel = contract.GetMethod(nameof(IChannelled<object>.Channel))!;
        if (count < 1)
        {
            problems.Add($"{instrument.Name}: {channelType.Name} count is {count}; an instrument with channels has at least one.");
            return;
        }
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        for (var number = 1; number <= count; number++)
        {
            object? value;
            try
            {
                value = channel.Invoke(instrument, [number]);
            }
            catch (TargetInvocationException e)
            {
                problems.Add($"{instrument.Name}: Channel({number}) of {count} failed: {e.InnerException?.Message}");
                continue;
            }
            if (value is null || !channelType.IsInstanceOfType(value))
            {
                problems.Add($"{instrument.Name}: Channel({number}) is not an {channelType.Name}.");
                continue;
            }
            if (!seen.Add(value))
                problems.Add($"{instrument.Name}: Channel({number}) is the same object as an earlier channel.");
            if (value is not InstrumentBase component || !ReferenceEquals(component.Root, instrument))
                problems.Add($"{instrument.Name}: Channel({number}) does not belong to the instrument.");
            CheckParameters(instrument, value, channelType, $"{channelType.Name} {number}", problems);
        }
        foreach (var outside in new[] { 0, count + 1 })
        {
            try
            {
                channel.Invoke(instrument, [outside]);
                problems.Add($"{instrument.Name}: Channel({outside}) should throw ArgumentOutOfRangeException (channels are 1 to {count}).");
            }
            catch (TargetInvocationException e) when (e.InnerException is ArgumentOutOfRangeException)
            {
            }
            catch (TargetInvocationException e)
            {
                problems.Add($"{instrument.Name}: Channel({outside}) threw {e.InnerException?.GetType().Name}, not ArgumentOutOfRangeException.");
            }
        }
    }

    private static void CheckParameters(Instrument instrument, object target, Type contract, string where, List<string> problems)
    {
        foreach (var property in contract.GetProperties())
        {
            if (property.GetCustomAttribute<ParameterSpecAttribute>() is not { } spec)
                continue;
            if (property.GetValue(target) is not ParameterBase parameter)
            {
                problems.Add($"{instrument.Name}: {where}.{property.Name} is null.");
                continue;
            }
            if (parameter.Name != spec.Name)
                problems.Add($"{instrument.Name}: {where}.{property.Name} is named '{parameter.Name}'; {contract.Name} requires '{spec.Name}'.");
            if (parameter.Unit != spec.Unit)
                problems.Add($"{instrument.Name}: {where}.{property.Name} has unit '{parameter.Unit}'; {contract.Name} requires '{spec.Unit}'.");
            if (!ReferenceEquals(parameter.Instrument?.Root, instrument))
                problems.Add($"{instrument.Name}: {where}.{property.Name} is not bound to the instrument.");
            else if (!parameter.Instrument!.Parameters.TryGetValue(parameter.Name, out var registered) || !ReferenceEquals(registered, parameter))
                problems.Add($"{instrument.Name}: {where}.{property.Name} is not registered under '{parameter.Name}'.");
            try
            {
                parameter.CheckDefinition();
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"{instrument.Name}: {where}.{property.Name}: {e.Message}");
            }
        }
    }
}
