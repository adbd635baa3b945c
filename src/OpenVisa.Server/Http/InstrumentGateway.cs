using System.Buffers;
using System.Collections.Concurrent;
using OpenVisa.Managed.Server;

namespace OpenVisa.Server.Http;

/// <summary>
/// The HTTP API's way into the instruments: finds one by name, and runs each call on it under the same per-device lock
/// the SOCKET, VXI-11 and HiSLIP servers take (<see cref="MessageDeviceLock"/>), so an HTTP query never interleaves
/// with a query from another transport. Each call has a deadline covering the wait for the lock and the instrument's
/// answer; past it the request ends with 504 and <c>VI_ERROR_TMO</c>.
/// </summary>
public sealed class InstrumentGateway
{
    private readonly IReadOnlyList<ServedInstrument> _instruments;
    private readonly ServerEventHub _events;
    private readonly ConcurrentDictionary<string, string> _identities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Serves <paramref name="instruments"/>, reporting traffic to <paramref name="events"/>.</summary>
    public InstrumentGateway(IReadOnlyList<ServedInstrument> instruments, ServerEventHub events)
    {
        _instruments = instruments;
        _events = events;
    }

    /// <summary>The instruments, in the order they are served.</summary>
    public IReadOnlyList<ServedInstrument> Instruments => _instruments;

    /// <summary>The instrument named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="HttpFailure">404 with <see cref="StatusCode.ErrorResourceNotFound"/>, listing what is served.</exception>
    public ServedInstrument Find(string? name)
    {
        foreach (var instrument in _instruments)
        {
            if (string.Equals(instrument.Name, name, StringComparison.OrdinalIgnoreCase))
                return instrument;
        }
        throw new HttpFailure(404, StatusCode.ErrorResourceNotFound,
            $"No instrument named '{name}' is served here. Served: {string.Join(", ", _instruments.Select(i => i.Name))}. " +
            "GET /list_resources lists them; POST /add finds one by its *IDN? model and serial.");
    }

    /// <summary>Sends one message; returns the instrument's reply, or null when the message is a command with none.</summary>
    public Task<byte[]?> ExchangeAsync(ServedInstrument instrument, ReadOnlyMemory<byte> message, TimeSpan timeout, CancellationToken aborted) =>
        RunAsync(instrument, "message", timeout, aborted, async (device, token) =>
        {
            Trace(instrument, "write", message.Span);
            var reply = new ArrayBufferWriter<byte>();
            if (!await device.HandleMessageAsync(message, reply, token).ConfigureAwait(false))
                return null;
            Trace(instrument, "read", reply.WrittenSpan);
            return reply.WrittenSpan.ToArray();
        });

    /// <summary>
    /// The instrument's <c>*IDN?</c> reply, asked once and remembered; null when it does not answer one (it is then
    /// asked again next time, since it may have been busy).
    /// </summary>
    public async Task<string?> IdentityAsync(ServedInstrument instrument, TimeSpan timeout, CancellationToken aborted)
    {
        if (_identities.TryGetValue(instrument.Name, out var known))
            return known;
        try
        {
            var reply = await ExchangeAsync(instrument, "*IDN?"u8.ToArray(), timeout, aborted).ConfigureAwait(false);
            if (reply is null)
                return null;
            var identity = System.Text.Encoding.Latin1.GetString(reply).Trim();
            _identities[instrument.Name] = identity;
            return identity;
        }
        catch (HttpFailure) when (!aborted.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the instrument's device under its lock, within <paramref name="timeout"/>;
    /// VISA errors and timeouts become <see cref="HttpFailure"/>s naming the instrument and the operation.
    /// </summary>
    public async Task<T> RunAsync<T>(ServedInstrument instrument, string operation, TimeSpan timeout, CancellationToken aborted,
        Func<IMessageDevice, CancellationToken, ValueTask<T>> action)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(timeout);
        var gate = MessageDeviceLock.For(instrument.Device);
        try
        {
            await gate.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            throw new HttpFailure(504, StatusCode.ErrorTimeout,
                $"{instrument.Name} stayed busy with other clients (over HTTP or another transport) for the whole {Milliseconds(timeout)} ms timeout of this {operation}; try again, or ask for a longer timeout with the X-Timeout-Ms header.");
        }
        try
        {
            return await action(instrument.Device, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!aborted.IsCancellationRequested)
        {
            throw new HttpFailure(504, StatusCode.ErrorTimeout,
                $"{instrument.Name} did not finish the {operation} within the {Milliseconds(timeout)} ms timeout. Is the command right? A slow instrument needs a longer timeout (X-Timeout-Ms header, or ovisa serve --http-timeout).", e);
        }
        catch (VisaException e)
        {
            throw HttpFailure.From(e.WithContext(e.Operation ?? operation, e.ResourceName ?? instrument.Name));
        }
        catch (MessageDeviceDisconnectException e)
        {
            throw new HttpFailure(502, StatusCode.ErrorConnectionLost, $"{instrument.Name} dropped the {operation}: {e.Message}", e);
        }
        finally
        {
            gate.Release();
        }
    }

    private void Trace(ServedInstrument instrument, string direction, ReadOnlySpan<byte> message)
    {
        if (_events.HasListeners)
            _events.Publish("traffic", new TrafficEvent(instrument.Name, direction, TrafficPreview.Describe(message), message.Length));
    }

    private static long Milliseconds(TimeSpan timeout) => (long)timeout.TotalMilliseconds;

    private sealed record TrafficEvent(
        [property: System.Text.Json.Serialization.JsonPropertyName("instrument")] string Instrument,
        [property: System.Text.Json.Serialization.JsonPropertyName("direction")] string Direction,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message,
        [property: System.Text.Json.Serialization.JsonPropertyName("length")] int Length);
}
