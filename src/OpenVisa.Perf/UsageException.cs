namespace OpenVisa.Perf;

/// <summary>
/// Bad usage of the harness (an unknown transport or client kind, a resource name a raw client cannot serve):
/// <c>ovisa perf</c> reports it as bad usage, on one line, and exits 2, as the CLI's own usage errors.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
