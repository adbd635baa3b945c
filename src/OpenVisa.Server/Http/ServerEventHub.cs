using System.Text.Json;
using System.Threading.Channels;

namespace OpenVisa.Server.Http;

/// <summary>
/// Fans service requests, bus traffic (every client's, over every transport) and client changes out to every <c>GET /api/v1/events</c> listener. Each listener has a
/// bounded queue that drops its oldest events when it falls behind, so a slow reader never slows an instrument down.
/// </summary>
public sealed class ServerEventHub
{
    /// <summary>How many events a listener may lag behind before the oldest are dropped.</summary>
    public const int QueueCapacity = 1024;

    private readonly Lock _gate = new();
    private readonly List<Channel<ServerEvent>> _listeners = [];

    private volatile int _listenerCount;

    /// <summary>True while somebody listens; publishers skip building events otherwise. One volatile read, no lock: it is asked per message.</summary>
    public bool HasListeners => _listenerCount > 0;

    /// <summary>A new listener's queue; <see cref="Unsubscribe"/> it when the client goes away.</summary>
    public ChannelReader<ServerEvent> Subscribe(out Channel<ServerEvent> handle)
    {
        handle = Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _listeners.Add(handle);
            _listenerCount = _listeners.Count;
        }
        return handle.Reader;
    }

    /// <summary>Stops delivering to a listener.</summary>
    public void Unsubscribe(Channel<ServerEvent> handle)
    {
        lock (_gate)
        {
            _listeners.Remove(handle);
            _listenerCount = _listeners.Count;
        }
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
            _listenerCount = 0;
        }
    }
}
