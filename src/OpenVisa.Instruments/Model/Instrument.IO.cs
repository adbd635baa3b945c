using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Instruments;

/// <summary>
/// The I/O core: one lock per instrument around the command and the error check that may follow, the per-call
/// timeout scope, and reconnecting per <see cref="Reconnect"/>.
/// </summary>
public partial class Instrument
{
    private const int MaxErrorEntries = 32;

    /// <summary>Reads the error queue until it reports no error and returns the entries (without throwing).</summary>
    public IReadOnlyList<InstrumentError> ReadErrorQueue()
    {
        RequireResource(ErrorQuery);
        _io.Wait();
        try
        {
            return ReadErrorsUnlocked();
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Reads the error queue until it reports no error and returns the entries (without throwing).</summary>
    public async ValueTask<IReadOnlyList<InstrumentError>> ReadErrorQueueAsync(CancellationToken cancellationToken = default)
    {
        RequireResource(ErrorQuery);
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadErrorsUnlockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _io.Release();
        }
    }

    internal void WriteCore(string command, bool? checkErrors) =>
        Execute(command, checkErrors, r => r.Write(command), isQuery: false);

    internal async ValueTask WriteCoreAsync(string command, bool? checkErrors, CancellationToken cancellationToken) =>
        await ExecuteAsync(command, checkErrors, (r, ct) => r.WriteAsync(command, cancellationToken: ct), isQuery: false, cancellationToken).ConfigureAwait(false);

    internal string AskCore(string command, bool? checkErrors) =>
        Execute(command, checkErrors, r => r.Query(command), isQuery: true);

    internal ValueTask<string> AskCoreAsync(string command, bool? checkErrors, CancellationToken cancellationToken) =>
        ExecuteAsync(command, checkErrors, (r, ct) => r.QueryAsync(command, cancellationToken: ct), isQuery: true, cancellationToken);

    internal string AskForParameter(string command, bool? checkErrors) => AskCore(command, checkErrors);

    internal ValueTask<string> AskForParameterAsync(string command, bool? checkErrors, CancellationToken cancellationToken) =>
        AskCoreAsync(command, checkErrors, cancellationToken);

    internal void WriteForParameter(string command, bool? checkErrors) => WriteCore(command, checkErrors);

    internal ValueTask WriteForParameterAsync(string command, bool? checkErrors, CancellationToken cancellationToken) =>
        WriteCoreAsync(command, checkErrors, cancellationToken);

    internal void CheckErrorsCore()
    {
        var errors = ReadErrorQueue();
        if (errors.Count > 0)
            throw new InstrumentErrorException(Name, null, errors);
    }

    internal async ValueTask CheckErrorsCoreAsync(CancellationToken cancellationToken)
    {
        var errors = await ReadErrorQueueAsync(cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
            throw new InstrumentErrorException(Name, null, errors);
    }

    internal T Execute<T>(string command, bool? checkErrors, Func<MessageBasedResource, T> operation, bool isQuery)
    {
        RequireResource(command);
        var check = ShouldCheck(checkErrors, isQuery);
        _io.Wait();
        try
        {
            // The check runs inside the reconnect loop: a connection lost while reading the queue means the command
            // itself may not have arrived, so both are repeated.
            return RunWithReconnect(command, r =>
            {
                var result = operation(r);
                if (check)
                    ThrowIfErrors(command, ReadErrors(r));
                return result;
            });
        }
        finally
        {
            _io.Release();
        }
    }

    internal async ValueTask<T> ExecuteAsync<T>(string command, bool? checkErrors, Func<MessageBasedResource, CancellationToken, ValueTask<T>> operation, bool isQuery, CancellationToken cancellationToken)
    {
        RequireResource(command);
        var check = ShouldCheck(checkErrors, isQuery);
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunWithReconnectAsync(command, async (r, ct) =>
            {
                var result = await operation(r, ct).ConfigureAwait(false);
                if (check)
                    ThrowIfErrors(command, await ReadErrorsAsync(r, ct).ConfigureAwait(false));
                return result;
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _io.Release();
        }
    }

    private MessageBasedResource RequireResource(string command)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        return _resource ?? throw new InvalidOperationException(
            $"{Name} is a manual instrument: it has no connection, so '{command}' cannot be sent. Its parameters only keep values for the record.");
    }

    private bool ShouldCheck(bool? requested, bool isQuery) => requested ?? ErrorCheck switch
    {
        ErrorCheckMode.AfterWrite => !isQuery,
        ErrorCheckMode.AfterEveryCommand => true,
        _ => false,
    };

    private void ThrowIfErrors(string command, IReadOnlyList<InstrumentError> errors)
    {
        if (errors.Count > 0)
            throw new InstrumentErrorException(Name, command, errors);
    }

    private List<InstrumentError> ReadErrorsUnlocked() => RunWithReconnect(ErrorQuery, ReadErrors);

    private ValueTask<List<InstrumentError>> ReadErrorsUnlockedAsync(CancellationToken cancellationToken) =>
        RunWithReconnectAsync(ErrorQuery, ReadErrorsAsync, cancellationToken);

    /// <summary>Pops error-queue entries from <paramref name="resource"/> until it reports none (at most 32).</summary>
    private List<InstrumentError> ReadErrors(MessageBasedResource resource)
    {
        var errors = new List<InstrumentError>();
        for (var i = 0; i < MaxErrorEntries; i++)
        {
            var entry = InstrumentError.Parse(resource.Query(ErrorQuery));
            if (entry.Code == 0)
                break;
            errors.Add(entry);
        }
        return errors;
    }

    private async ValueTask<List<InstrumentError>> ReadErrorsAsync(MessageBasedResource resource, CancellationToken cancellationToken)
    {
        var errors = new List<InstrumentError>();
        for (var i = 0; i < MaxErrorEntries; i++)
        {
            var entry = InstrumentError.Parse(await resource.QueryAsync(ErrorQuery, cancellationToken: cancellationToken).ConfigureAwait(false));
            if (entry.Code == 0)
                break;
            errors.Add(entry);
        }
        return errors;
    }

    private T RunWithReconnect<T>(string command, Func<MessageBasedResource, T> operation)
    {
        var attempt = 0;
        if (LossToRecoverBeforeCommand(command) is { } earlier)
            RecoverOrThrow(earlier, ref attempt, command);
        while (true)
        {
            var resource = _resource!;
            try
            {
                using (ScopedTimeout(resource))
                {
                    LogSend(command);
                    var result = operation(resource);
                    LogReply(command, result);
                    return result;
                }
            }
            catch (VisaException e) when (IsConnectionLoss(e))
            {
                RecoverOrThrow(e, ref attempt, command);
            }
        }
    }

    /// <summary>Reopens per <see cref="Reconnect"/>, waiting between attempts; throws once they are used up.</summary>
    private void RecoverOrThrow(VisaException lost, ref int attempt, string command)
    {
        if (Reconnect.MaxAttempts == 0)
        {
            if (lost.Status == StatusCode.ErrorConnectionLost)
                MarkDisconnected(lost.Status, lost.Detail, scheduleRetry: false);
            ExceptionDispatchInfo.Throw(lost);
        }
        while (true)
        {
            var delay = NextReconnectDelay(lost, ref attempt, command);
            if (delay > TimeSpan.Zero)
                Thread.Sleep(delay);
            if (TryReopen(lost, command))
                return;
        }
    }

    private async ValueTask<T> RunWithReconnectAsync<T>(string command, Func<MessageBasedResource, CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken)
    {
        var attempt = 0;
        if (LossToRecoverBeforeCommand(command) is { } earlier)
            attempt = await RecoverOrThrowAsync(earlier, attempt, command, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var resource = _resource!;
            try
            {
                using (ScopedTimeout(resource))
                {
                    LogSend(command);
                    var result = await operation(resource, cancellationToken).ConfigureAwait(false);
                    LogReply(command, result);
                    return result;
                }
            }
            catch (VisaException e) when (IsConnectionLoss(e))
            {
                attempt = await RecoverOrThrowAsync(e, attempt, command, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The asynchronous <see cref="RecoverOrThrow"/>; returns the attempts used so far.</summary>
    private async ValueTask<int> RecoverOrThrowAsync(VisaException lost, int attempt, string command, CancellationToken cancellationToken)
    {
        if (Reconnect.MaxAttempts == 0)
        {
            if (lost.Status == StatusCode.ErrorConnectionLost)
                MarkDisconnected(lost.Status, lost.Detail, scheduleRetry: false);
            ExceptionDispatchInfo.Throw(lost);
        }
        while (true)
        {
            var delay = NextReconnectDelay(lost, ref attempt, command);
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            if (TryReopen(lost, command))
                return attempt;
        }
    }

    private IDisposable? ScopedTimeout(MessageBasedResource resource) =>
        _callTimeout.Value is { } timeout ? resource.WithTimeout(timeout) : null;
}
