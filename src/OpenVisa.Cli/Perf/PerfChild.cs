using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace OpenVisa.Cli.Perf;

/// <summary>
/// A child process of the harness (a server or a client) that talks in lines: commands on its standard input, one JSON
/// document per line on its standard output. Its standard error is kept (the last few KiB) for error messages.
/// </summary>
internal sealed class PerfChild : IAsyncDisposable
{
    private const int ErrorTailLength = 4096;

    private readonly Process _process;
    private readonly StringBuilder _errorTail = new();

    private PerfChild(Process process, string label)
    {
        _process = process;
        Label = label;
    }

    /// <summary>What the child is, for messages: e.g. <c>socket openvisa client (pinned)</c>.</summary>
    public string Label { get; }

    /// <summary>Starts the child; a program that cannot start throws with the label and the program's path.</summary>
    public static PerfChild Start(ProcessStartInfo info, string label)
    {
        var process = new Process { StartInfo = info };
        var child = new PerfChild(process, label);
        process.ErrorDataReceived += (_, e) => child.KeepError(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new PerfChildException($"The {label} could not start: {info.FileName} {string.Join(' ', info.ArgumentList)}: {e.Message}");
        }
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Sends <paramref name="command"/> and returns the JSON line it answers with.</summary>
    /// <param name="command">The command line.</param>
    /// <param name="timeout">How long the answer may take; then the child is stopped and this throws.</param>
    /// <param name="cancellationToken">The run's stop (Ctrl-C): throws <see cref="OperationCanceledException"/>.</param>
    public async Task<JsonElement> CommandAsync(string command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await _process.StandardInput.WriteLineAsync(command).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw Failure($"it exited before '{command}' could be sent ({e.Message})");
        }
        return await ReadLineAsync(timeout, command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the next JSON line; a line with an <c>error</c> key, an exit or a timeout throws <see cref="PerfChildException"/>.</summary>
    public async Task<JsonElement> ReadLineAsync(TimeSpan timeout, string waitingFor, CancellationToken cancellationToken = default)
    {
        string? line;
        using (var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            cancel.CancelAfter(timeout);
            try
            {
                line = await _process.StandardOutput.ReadLineAsync(cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Kill();
                throw Failure($"it did not answer '{waitingFor}' within {timeout.TotalSeconds:0.#} s, so it was stopped");
            }
        }
        if (line is null)
        {
            await WaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            throw Failure($"it exited{(_process.HasExited ? $" with code {_process.ExitCode}" : "")} instead of answering '{waitingFor}'");
        }
        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(line);
            json = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Failure($"it answered '{waitingFor}' with \"{line}\", which is not JSON");
        }
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            throw Failure(error.GetString()!);
        return json;
    }

    /// <summary>Asks the child to quit, closes its input, and stops it if it has not exited within a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit").ConfigureAwait(false);
                _process.StandardInput.Close();
            }
        }
        catch (IOException)
        {
            // It has gone already.
        }
        await WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        Kill();
        _process.Dispose();
    }

    /// <summary>Ends the child at once, without asking (the run was stopped): nothing it prints is wanted any more.</summary>
    public void Stop() => Kill();

    private async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The caller decides what to do with a child that lingers.
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    private void KeepError(string? line)
    {
        if (line is null)
            return;
        lock (_errorTail)
        {
            _errorTail.AppendLine(line);
            if (_errorTail.Length > ErrorTailLength)
                _errorTail.Remove(0, _errorTail.Length - ErrorTailLength);
        }
    }

    private PerfChildException Failure(string what)
    {
        string tail;
        lock (_errorTail)
            tail = _errorTail.ToString().Trim();
        return new PerfChildException($"The {Label} failed: {what}{(tail.Length > 0 ? $". Its stderr ended: {tail}" : "")}");
    }
}

/// <summary>A harness child failed; the message names the child, what it was doing, and the end of its stderr.</summary>
internal sealed class PerfChildException(string message) : Exception(message);
