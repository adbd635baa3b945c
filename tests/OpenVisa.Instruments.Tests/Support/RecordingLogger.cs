using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Instruments.Tests.Support;

/// <summary>Keeps every log entry at Warning or above, for tests that check nothing went wrong quietly.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Warnings => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
            _entries.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
