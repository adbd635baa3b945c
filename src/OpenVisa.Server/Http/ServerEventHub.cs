using System.Text.Json;
using System.Threading.Channels;

namespace OpenVisa.Server.Http;

/// <summary>
/// Fans service requests and HTTP bus traffic out to every <c>GET /api/v1/events</c> listener. Each listener has a
/// bounded queue that drops its oldest events when it falls behind, so a slow reader never slows an instrument down.
/// </summary>
public sealed class ServerEventHub
{
    /// <summary>How many events a listener may lag behind before the oldest are dropped.</summary>
    public const int QueueCapacity = 1024;

    private readonly Lock _gate = new();
    private readonly List<Channel<ServerEvent>> _listeners = [];

    /// <summary>True while somebody listens; publishers skip building events otherwise.</summary>
    public bool HasListeners
    {
        get
        {
            lock (_gate)
                return _listeners.Count > 0;
        }
    }

    /// <summary>A new listener's queue; <see cref="Unsubscribe"/> it when the client goes away.</summary>
    public ChannelReader<ServerEvent> Subscribe(out Channel<ServerEvent> handle)
    {
        handle = Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
            _listeners.Add(handle);
        return handle.Reader;
    }

    /// <summary>Stops delivering to a listener.</summary>
    public void Unsubscribe(Channel<ServerEvent> handle)
    {
        lock (_gate)
            _listeners.Remove(handle);
        handle.Writer.TryComplete();
    }

    /// <summary>Sends <paramref name="payload"/> (serialized as JSON with the names it has) as event <paramref name="kind"/> to every listener.</summary>
    public void Publish<T>(string kind, T payload)
    {
        Channel<ServerEvent>[] listeners;
        lock (_gate)
        {
            if (_listeners.Count == 0)
                return;
            listeners = [.. _listeners];
        }
        var item = new ServerEvent(kind, JsonSerializer.Serialize(payload));
        foreach (var listener in listeners)
            listener.Writer.TryWrite(item);
    }

    /// <summary>Ends every listener's stream (the server is stopping).</summary>
    public void CompleteAll()
    {
        lock (_gate)
        {
            foreach (var listener in _listeners)
                listener.Writer.TryComplete();
            _listeners.Clear();
        }
    }
}
