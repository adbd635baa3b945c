namespace OpenVisa.Sim.Expressions;

/// <summary>An expression that does not parse or fails when evaluated; the message says what and where.</summary>
internal sealed class ExprException(string message) : Exception(message);
