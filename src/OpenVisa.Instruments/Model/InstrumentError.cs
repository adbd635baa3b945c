using System.Globalization;

namespace OpenVisa.Instruments;

/// <summary>One entry of an instrument's error queue, e.g. <c>-222,"Data out of range"</c>.</summary>
/// <param name="Code">The error number; 0 means no error.</param>
/// <param name="Message">The text.</param>
public sealed record InstrumentError(int Code, string Message)
{
    /// <summary>
    /// Parses a <c>SYST:ERR?</c> reply: a code, then optionally a comma and a (quoted) message. Throws
    /// <see cref="FormatException"/> quoting the reply when it has no leading code.
    /// </summary>
    public static InstrumentError Parse(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = reply.Trim();
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        var codeText = (comma < 0 ? text : text[..comma]).Trim();
        if (!int.TryParse(codeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
            throw new FormatException($"'{text}' is not an error-queue entry: expected a code and a message such as -113,\"Undefined header\".");
        var message = comma < 0 ? "" : ScpiConvert.Unquote(text[(comma + 1)..].Trim());
        return new InstrumentError(code, message);
    }

    /// <summary>The entry as the instrument writes it: <c>-222,"Data out of range"</c>.</summary>
    public override string ToString() => $"{Code.ToString(CultureInfo.InvariantCulture)},\"{Message}\"";
}

/// <summary>The instrument reported errors in its queue after a command.</summary>
public sealed class InstrumentErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="instrumentName">The instrument.</param>
    /// <param name="command">The command after which the queue was read; null when checked on request.</param>
    /// <param name="errors">The entries read, oldest first (at least one).</param>
    public InstrumentErrorException(string instrumentName, string? command, IReadOnlyList<InstrumentError> errors)
        : base(Compose(instrumentName, command, errors))
    {
        InstrumentName = instrumentName;
        Command = command;
        Errors = errors;
    }

    /// <summary>The instrument.</summary>
    public string InstrumentName { get; }

    /// <summary>The command after which the queue was read; null when checked on request.</summary>
    public string? Command { get; }

    /// <summary>The entries read, oldest first.</summary>
    public IReadOnlyList<InstrumentError> Errors { get; }

    private static string Compose(string instrument, string? command, IReadOnlyList<InstrumentError> errors) =>
        $"{instrument} reported {(errors.Count == 1 ? "an error" : $"{errors.Count} errors")}" +
        (command is null ? "" : $" after '{command}'") + ": " + string.Join("; ", errors);
}
