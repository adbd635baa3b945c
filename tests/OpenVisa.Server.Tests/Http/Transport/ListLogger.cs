using Microsoft.Extensions.Logging;

namespace OpenVisa.Server.Tests.Http.Transport;

/// <summary>A logger that keeps every message, so a test can check what the server said.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
                return [.. _messages];
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_messages)
            _messages.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
