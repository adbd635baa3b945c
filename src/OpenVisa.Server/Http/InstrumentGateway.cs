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
    private readonly ConcurrentDictionary<string, string> _identities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Serves <paramref name="instruments"/>, reporting traffic to <paramref name="events"/>: each device is wrapped in a
    /// <see cref="TrafficReportingDevice"/> for it unless it is one already (as <see cref="InstrumentServer"/> gives them,
    /// so that its other protocols report too).
    /// </summary>
    public InstrumentGateway(IReadOnlyList<ServedInstrument> instruments, ServerEventHub events)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(events);
        _instruments = [.. instruments.Select(i => i.Device is TrafficReportingDevice reported && reported.Events == events
            ? i : new ServedInstrument(i.Name, new TrafficReportingDevice(i.Device, i.Name, events)))];
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

    /// <summary>
    /// Sends one message; returns the instrument's reply, which the caller disposes, or null when the message is a
    /// command with none.
    /// </summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="message">The message, without termination.</param>
    /// <param name="timeout">How long the wait for the lock and the answer may take.</param>
    /// <param name="aborted">Fires when the caller goes away.</param>
    /// <param name="client">Who sends it, named to the device as <see cref="ServedClient.Current"/> (the traffic stream shows it); null for the server itself.</param>
    internal Task<ReplyBuffer?> ExchangeAsync(ServedInstrument instrument, ReadOnlyMemory<byte> message, TimeSpan timeout, CancellationToken aborted, ServedClient? client = null) =>
        RunAsync(instrument, "message", timeout, aborted, async (device, token) =>
        {
            var reply = new ReplyBuffer();
            try
            {
                ValueTask<bool> pending;
                using (ServedClient.Calling(client))
                    pending = device.HandleMessageAsync(message, reply, token);
                if (await pending.ConfigureAwait(false))
                    return reply;
            }
            catch
            {
                reply.Dispose();
                throw;
            }
            reply.Dispose();
            return null;
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
            using var reply = await ExchangeAsync(instrument, "*IDN?"u8.ToArray(), timeout, aborted).ConfigureAwait(false);
            if (reply is null)
                return null;
            var identity = System.Text.Encoding.Latin1.GetString(reply.ToArray()).Trim();
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

    private static long Milliseconds(TimeSpan timeout) => (long)timeout.TotalMilliseconds;
}
