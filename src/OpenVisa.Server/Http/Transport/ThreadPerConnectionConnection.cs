using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace OpenVisa.Server.Http.Transport;

/// <summary>
/// One accepted connection of <see cref="ThreadPerConnectionListener"/>, as Kestrel sees it: the bytes received go into
/// <see cref="ConnectionContext.Transport"/>'s input, and what Kestrel writes to its output is sent.
/// </summary>
/// <remarks>
/// <para>
/// With a thread of its own (<c>budget</c> given), that thread blocks in the socket's receive and writes what arrives
/// into the input pipe. Both pipes schedule inline, so flushing the input runs Kestrel's parser and the request's
/// handler on this thread, and the handler's response, flushed into the output pipe, is sent from this thread too with
/// a blocking send: one wake-up and two system calls per request, as the SOCKET server's connection threads. A handler
/// that completes later on another thread (an instrument that answers asynchronously, an event stream) sends from that
/// thread; a client that stops reading blocks it until Kestrel's minimum data rate aborts the connection.
/// </para>
/// <para>
/// Without (the budget spent), the same pipes are fed by asynchronous receives and sends on the thread pool, waiting for
/// data before taking a buffer, as Kestrel's sockets transport does. The two modes never mix on one socket: on Unix a
/// socket that has seen one asynchronous operation runs its blocking ones through the runtime's event loop too.
/// </para>
/// </remarks>
internal sealed class ThreadPerConnectionConnection : ConnectionContext, IConnectionIdFeature, IConnectionTransportFeature,
    IConnectionItemsFeature, IMemoryPoolFeature, IConnectionLifetimeFeature, IConnectionEndPointFeature
{
    /// <summary>Kestrel's default for the bytes received but not yet parsed, beyond which receiving waits.</summary>
    private const long MaxReceivedUnread = 1024 * 1024;
    /// <summary>Kestrel's default for the bytes written but not yet sent, beyond which the writer's flush waits.</summary>
    private const long MaxWrittenUnsent = 64 * 1024;
    /// <summary>The smallest buffer a receive is given: the pool's block size.</summary>
    private const int ReceiveBufferSize = 4096;
    /// <summary>The stack of a connection thread: Kestrel, routing, the handler and JSON run on it, never deeply.</summary>
    private const int ThreadStackSize = 1024 * 1024;
    /// <summary>The most pool blocks one send is given: 256 KiB in Kestrel's pool's 4 KiB blocks.</summary>
    private const int MaxSegmentsPerSend = 64;

    private readonly Socket _socket;
    private readonly ConnectionThreadBudget? _budget;
    private readonly MemoryPool<byte> _pool;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource _receiveEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _sending = Task.CompletedTask;
    private List<ArraySegment<byte>>? _segments;
    private volatile ConnectionAbortedException? _abortReason;
    private int _shutDown;

    /// <param name="socket">The accepted socket; the connection owns it.</param>
    /// <param name="connectionId">Kestrel's name for it in logs.</param>
    /// <param name="budget">The budget a thread was taken from, given back when the connection ends; null to serve it on the thread pool.</param>
    /// <param name="pool">Where the pipes' buffers come from.</param>
    public ThreadPerConnectionConnection(Socket socket, string connectionId, ConnectionThreadBudget? budget, MemoryPool<byte> pool)
    {
        _socket = socket;
        _budget = budget;
        _pool = pool;
        ConnectionId = connectionId;
        LocalEndPoint = socket.LocalEndPoint;
        RemoteEndPoint = socket.RemoteEndPoint;
        ConnectionClosed = _closed.Token;
        _input = new Pipe(new PipeOptions(MemoryPool, PipeScheduler.Inline, PipeScheduler.Inline, MaxReceivedUnread, MaxReceivedUnread / 2, useSynchronizationContext: false));
        _output = new Pipe(new PipeOptions(MemoryPool, PipeScheduler.Inline, PipeScheduler.Inline, MaxWrittenUnsent, MaxWrittenUnsent / 2, useSynchronizationContext: false));
        Transport = new TransportPipe(_input.Reader, _output.Writer);
        Features.Set<IConnectionIdFeature>(this);
        Features.Set<IConnectionTransportFeature>(this);
        Features.Set<IConnectionItemsFeature>(this);
        Features.Set<IMemoryPoolFeature>(this);
        Features.Set<IConnectionLifetimeFeature>(this);
        Features.Set<IConnectionEndPointFeature>(this);
    }

    /// <summary>True when a thread of its own serves the connection.</summary>
    public bool HasOwnThread => _budget is not null;

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public MemoryPool<byte> MemoryPool => _pool;

    /// <summary>Starts receiving (on its own thread or the pool) and sending.</summary>
    public void Start()
    {
        _sending = SendAsync();
        if (_budget is null)
        {
            _ = ReceivePooledAsync();
            return;
        }
        try
        {
            new Thread(ReceiveOnOwnThread, ThreadStackSize) { IsBackground = true, Name = "ovisa HTTP connection" }.UnsafeStart();
        }
        catch (OutOfMemoryException)
        {
            // No thread to be had: this connection ends at once (the client sees it closed), the server goes on.
            _budget.Return();
            EndReceive(new ConnectionAbortedException("No thread could be started for the connection."));
        }
    }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        _abortReason ??= abortReason;
        // The sender ends without sending what is left; shutting the socket down ends the receive (and a blocked send).
        _output.Reader.CancelPendingRead();
        ShutDown();
    }

    public override async ValueTask DisposeAsync()
    {
        _input.Reader.Complete();
        _output.Writer.Complete();
        // Kestrel may call this on the connection's own thread (it runs there): wait without blocking it.
        await _sending.ConfigureAwait(false);
        await _receiveEnded.Task.ConfigureAwait(false);
        _socket.Dispose();
    }

    private void ReceiveOnOwnThread()
    {
        Exception? error = null;
        try
        {
            var writer = _input.Writer;
            while (true)
            {
                var memory = writer.GetMemory(ReceiveBufferSize);
                var received = _socket.Receive(memory.Span, SocketFlags.None);
                if (received == 0)
                    break;
                writer.Advance(received);
                // Kestrel (and the handler) run inside this flush. It completes at once unless Kestrel has left a megabyte
                // unread; then this thread, which is the connection's and has nothing else to do, waits: that is the backpressure.
                var flush = writer.FlushAsync();
                var result = flush.IsCompleted ? flush.GetAwaiter().GetResult() : flush.AsTask().GetAwaiter().GetResult();
                if (result.IsCompleted || result.IsCanceled)
                    break;
            }
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            _budget!.Return();
            EndReceive(error);
        }
    }

    private async Task ReceivePooledAsync()
    {
        Exception? error = null;
        try
        {
            var writer = _input.Writer;
            while (true)
            {
                // Wait for data before taking a buffer, so that idle connections hold none.
                await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                var memory = writer.GetMemory(ReceiveBufferSize);
                var received = await _socket.ReceiveAsync(memory, SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                    break;
                writer.Advance(received);
                var result = await writer.FlushAsync().ConfigureAwait(false);
                if (result.IsCompleted || result.IsCanceled)
                    break;
            }
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            EndReceive(error);
        }
    }

    /// <summary>Completes the input (with the reason Kestrel understands) and tells Kestrel the connection closed.</summary>
    private void EndReceive(Exception? error)
    {
        Exception? reason = error switch
        {
            _ when _abortReason is { } aborted => aborted, // we shut the socket down: Kestrel learns why
            null => null,
            SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown } e => new ConnectionResetException(e.Message, e),
            ObjectDisposedException => new ConnectionAbortedException("The connection's socket was closed."),
            _ => error,
        };
        _input.Writer.Complete(reason);
        // On the pool: Kestrel's callbacks (RequestAborted) must not run on this thread, which may be inside them.
        ThreadPool.UnsafeQueueUserWorkItem(static closed => closed.Cancel(), _closed, preferLocal: false);
        _receiveEnded.TrySetResult();
    }

    private async Task SendAsync()
    {
        Exception? error = null;
        var reader = _output.Reader;
        try
        {
            while (true)
            {
                // The output pipe schedules inline: this resumes on the thread that flushed the response.
                var result = await reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                    break;
                var buffer = result.Buffer;
                if (_budget is not null)
                    SendBlocking(buffer);
                else
                    await SendPooledAsync(buffer).ConfigureAwait(false);
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                    break;
            }
        }
        catch (Exception e)
        {
            error = e;
        }
        finally
        {
            reader.Complete(error is null ? null : _abortReason ?? new ConnectionAbortedException("Sending the response failed: " + error.Message, error));
            // Kestrel is done with the connection (or it broke): close both directions, which also ends the receive.
            ShutDown();
        }
    }

    private void SendBlocking(ReadOnlySequence<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var sent = buffer.IsSingleSegment ? _socket.Send(buffer.FirstSpan, SocketFlags.None) : _socket.Send(Segments(buffer), SocketFlags.None);
            buffer = buffer.Slice(sent);
        }
    }

    private async ValueTask SendPooledAsync(ReadOnlySequence<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var sent = buffer.IsSingleSegment
                ? await _socket.SendAsync(buffer.First, SocketFlags.None).ConfigureAwait(false)
                : await _socket.SendAsync(Segments(buffer), SocketFlags.None).ConfigureAwait(false);
            buffer = buffer.Slice(sent);
        }
    }

    /// <summary>
    /// The buffer's first segments as arrays, for one gathering send (Kestrel's pool's memory is array-backed); at most
    /// <see cref="MaxSegmentsPerSend"/>, since a send pins every segment it is given while the kernel takes at most
    /// IOV_MAX (1 024) of them, and a 16 MiB response is 4 096 segments: given whole, each partial send would pin them all again.
    /// </summary>
    private List<ArraySegment<byte>> Segments(in ReadOnlySequence<byte> buffer)
    {
        var list = _segments ??= [];
        list.Clear();
        foreach (var memory in buffer)
        {
            if (!MemoryMarshal.TryGetArray(memory, out var segment))
                segment = memory.ToArray();
            list.Add(segment);
            if (list.Count == MaxSegmentsPerSend)
                break;
        }
        return list;
    }

    private void ShutDown()
    {
        if (Interlocked.Exchange(ref _shutDown, 1) != 0)
            return;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the client.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }

    private sealed record TransportPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
