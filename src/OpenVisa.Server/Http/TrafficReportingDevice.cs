using System.Buffers;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Server.Http;

/// <summary>
/// Wraps a served device and publishes each message and a preview of its reply as a <c>traffic</c> server-sent
/// event, with the client that sent it (<see cref="ServedClient.Current"/>: its transport and address), so the
/// console's traffic pane shows every client's commands, over SOCKET, VXI-11, HiSLIP, serial or HTTP.
/// </summary>
/// <remarks>
/// While nobody listens to the event stream a message goes straight to the device: no allocation, one volatile read.
/// Service requests and remote/local requests are passed to the wrapped device when it handles them, and
/// <see cref="MessageDeviceLock"/> gives this device the wrapped one's lock.
/// </remarks>
public sealed class TrafficReportingDevice : IMessageDeviceDecorator, IServiceRequestSource, IRemoteLocalDevice
{
    private readonly ServerEventHub _events;

    /// <summary>Reports the traffic of <paramref name="inner"/>, served as <paramref name="instrument"/>, to <paramref name="events"/>.</summary>
    public TrafficReportingDevice(IMessageDevice inner, string instrument, ServerEventHub events)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrEmpty(instrument);
        ArgumentNullException.ThrowIfNull(events);
        Inner = inner;
        Instrument = instrument;
        _events = events;
    }

    /// <inheritdoc/>
    public IMessageDevice Inner { get; }

    /// <summary>The instrument's name in the events.</summary>
    public string Instrument { get; }

    /// <summary>Where the events go.</summary>
    public ServerEventHub Events => _events;

    /// <inheritdoc/>
    public event EventHandler<byte>? ServiceRequested
    {
        add
        {
            if (Inner is IServiceRequestSource source)
                source.ServiceRequested += value;
        }
        remove
        {
            if (Inner is IServiceRequestSource source)
                source.ServiceRequested -= value;
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken) =>
        _events.HasListeners ? ReportedAsync(message, reply, cancellationToken) : Inner.HandleMessageAsync(message, reply, cancellationToken);

    /// <inheritdoc/>
    public ValueTask ClearAsync(CancellationToken cancellationToken) => Inner.ClearAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask TriggerAsync(CancellationToken cancellationToken) => Inner.TriggerAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask<byte> ReadStatusByteAsync(CancellationToken cancellationToken) => Inner.ReadStatusByteAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask SetRemoteLocalAsync(RenMode mode, CancellationToken cancellationToken) =>
        Inner is IRemoteLocalDevice remote ? remote.SetRemoteLocalAsync(mode, cancellationToken) : ValueTask.CompletedTask;

    private async ValueTask<bool> ReportedAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        // Read before the first await: the server names the client only for the synchronous part of the call.
        var client = ServedClient.Current;
        Publish(client, "write", TrafficPreview.Describe(message.Span), message.Length);
        var preview = new ReplyPreviewWriter(reply);
        var hasReply = await Inner.HandleMessageAsync(message, preview, cancellationToken).ConfigureAwait(false);
        if (hasReply)
            Publish(client, "read", TrafficPreview.Describe(preview.Preview, preview.Length), preview.Length);
        return hasReply;
    }

    private void Publish(ServedClient? client, string direction, string text, long length) =>
        _events.Publish("traffic", new TrafficEvent(Instrument, direction, text, length, client?.Transport, client?.RemoteAddress));

    private sealed record TrafficEvent(
        [property: System.Text.Json.Serialization.JsonPropertyName("instrument")] string Instrument,
        [property: System.Text.Json.Serialization.JsonPropertyName("direction")] string Direction,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message,
        [property: System.Text.Json.Serialization.JsonPropertyName("length")] long Length,
        [property: System.Text.Json.Serialization.JsonPropertyName("transport")] string? Transport,
        [property: System.Text.Json.Serialization.JsonPropertyName("client")] string? Client);
}
