using System.Globalization;
using System.Text.Json.Nodes;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments;

/// <summary>
/// A named action with validated arguments sent as a command template (<c>*RST</c>, <c>APPL:SIN {0},{1}</c>). Drivers
/// usually offer plain methods as well; functions make actions discoverable by name, as in QCoDeS.
/// </summary>
public sealed class InstrumentFunction
{
    private readonly Validator[] _arguments;

    /// <summary>Creates the function and adds it to <paramref name="instrument"/>.</summary>
    /// <param name="name">A valid identifier.</param>
    /// <param name="instrument">The instrument or channel that sends the command.</param>
    /// <param name="command">The command, with <c>{0}</c>, <c>{1}</c> … for the arguments; a query ends in '?'.</param>
    /// <param name="arguments">One validator per argument.</param>
    public InstrumentFunction(string name, InstrumentBase instrument, string command, params Validator[] arguments)
    {
        InstrumentNames.ThrowIfInvalid(name, "function");
        Name = name;
        Instrument = instrument ?? throw new ArgumentNullException(nameof(instrument));
        Command = command ?? throw new ArgumentNullException(nameof(command));
        _arguments = [.. arguments ?? []];
        instrument.AddFunction(this);
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The instrument or channel.</summary>
    public InstrumentBase Instrument { get; }

    /// <summary>The command template.</summary>
    public string Command { get; }

    /// <summary>What the function does.</summary>
    public string? Docstring { get; init; }

    /// <summary>The argument validators.</summary>
    public IReadOnlyList<Validator> Arguments => _arguments;

    /// <summary>True when the command is a query (ends with '?' once formatted).</summary>
    public bool IsQuery => Command.TrimEnd().EndsWith('?');

    /// <summary>Validates the arguments and sends the command; returns the reply of a query, else null.</summary>
    public string? Call(params object?[] arguments)
    {
        var command = Format(arguments);
        if (IsQuery)
            return Instrument.Ask(command);
        Instrument.Write(command);
        return null;
    }

    /// <summary>Validates the arguments and sends the command; returns the reply of a query, else null.</summary>
    public async ValueTask<string?> CallAsync(IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default)
    {
        var command = Format([.. arguments]);
        if (IsQuery)
            return await Instrument.AskAsync(command, cancellationToken).ConfigureAwait(false);
        await Instrument.WriteAsync(command, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>The command for <paramref name="arguments"/>; throws when their number or a value is wrong.</summary>
    public string Format(object?[] arguments)
    {
        arguments ??= [];
        if (arguments.Length != _arguments.Length)
        {
            throw new ArgumentException(
                $"{Instrument.FullName}.{Name} takes {_arguments.Length} argument{(_arguments.Length == 1 ? "" : "s")}, not {arguments.Length}.", nameof(arguments));
        }
        var texts = new object?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            _arguments[i].Validate(arguments[i], $"argument {i} of function {Instrument.FullName}_{Name}");
            texts[i] = arguments[i] switch
            {
                bool b => b ? "1" : "0",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other,
            };
        }
        return string.Format(CultureInfo.InvariantCulture, Command, texts);
    }

    /// <summary>A function's snapshot, which QCoDeS writes as an empty object.</summary>
    internal JsonObject BuildSnapshot() => [];
}
