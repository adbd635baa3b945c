namespace OpenVisa.Sim.Expressions;

/// <summary>An expression that does not parse or fails when evaluated; the message says what and where.</summary>
internal class ExprException(string message) : Exception(message);

/// <summary>An evaluation that would pass one of the <see cref="ExprLimits"/>: it is wrong whatever the instrument's state.</summary>
internal sealed class ExprLimitException(string message) : ExprException(message);
