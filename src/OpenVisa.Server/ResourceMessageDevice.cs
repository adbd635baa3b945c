using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Server;

/// <summary>
/// Serves an open <see cref="MessageBasedResource"/> (simulated, or a real instrument on any backend) as an
/// <see cref="IMessageDevice"/>, so the SOCKET and VXI-11 servers can share it on the network: a gateway.
/// </summary>
/// <remarks>
/// <para>Each message is written to the resource with its write termination. A message that is a query — it has a
/// <c>?</c> outside quoted strings and binary blocks, as IEEE 488.2 queries do — is followed by a read of the reply,
/// whose read termination is removed (the server adds its own). A command that is no query gets no reply, exactly as
/// the instrument behaves, unless the backend says the instrument did answer it (<see cref="VisaLibrary.HasPendingReply"/>).</para>
/// <para>Device clear, trigger and status byte go to the resource's own operations; an interface without them (a raw
/// socket) makes those calls fail, which the server reports to its client. Service requests of the resource are
/// forwarded while someone listens.</para>
/// </remarks>
public sealed class ResourceMessageDevice : IMessageDevice, IServiceRequestSource, IDisposable
{
    private readonly bool _ownsResource;
    private readonly ILogger _logger;
    private readonly Lock _srqGate = new();
    private EventHandler<byte>? _serviceRequested;

    /// <summary>Wraps <paramref name="resource"/>; with <paramref name="ownsResource"/>, <see cref="Dispose"/> closes it.</summary>
    public ResourceMessageDevice(MessageBasedResource resource, bool ownsResource = false, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Resource = resource;
        _ownsResource = ownsResource;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The resource served.</summary>
    public MessageBasedResource Resource { get; }

    /// <summary>Raised on each service request of the resource; subscribing enables the resource's SRQ events.</summary>
    public event EventHandler<byte>? ServiceRequested
    {
        add
        {
            lock (_srqGate)
            {
                if (_serviceRequested is null && value is not null)
                {
                    try
                    {
                        Resource.ServiceRequested += OnResourceServiceRequest;
                    }
                    catch (VisaException e)
                    {
                        _logger.LogInformation("{Resource} cannot deliver service requests ({Status}); clients will not get them", Resource.ResourceName, e.Abbreviation);
                    }
                }
                _serviceRequested += value;
            }
        }
        remove
        {
            lock (_srqGate)
            {
                _serviceRequested -= value;
                if (_serviceRequested is null && !Resource.IsClosed)
                {
                    try
                    {
                        Resource.ServiceRequested -= OnResourceServiceRequest;
                    }
                    catch (VisaException)
                    {
                        // It never subscribed, or the resource is going away.
                    }
                }
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> HandleMessageAsync(ReadOnlyMemory<byte> message, IBufferWriter<byte> reply, CancellationToken cancellationToken)
    {
        var termination = Resource.Encoding.GetBytes(Resource.WriteTermination);
        var buffer = ArrayPool<byte>.Shared.Rent(message.Length + termination.Length);
        try
        {
            message.Span.CopyTo(buffer);
            termination.CopyTo(buffer.AsSpan(message.Length));
            await Resource.WriteRawAsync(buffer.AsMemory(0, message.Length + termination.Length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        // A command that is no query gets no reply, unless the backend knows the instrument answered it (a pyvisa-sim
        // setter's OK): left queued, that answer would be read as the reply to the client's next query.
        if (!IsQuery(message.Span) && Resource.Library.HasPendingReply(Resource.Session) != true)
            return false;
        var readTermination = Resource.ReadTermination is { Length: > 0 } text ? Resource.Encoding.GetBytes(text) : [];
        byte[] answer;
        try
        {
            answer = await ReadReplyAsync(readTermination, cancellationToken).ConfigureAwait(false);
        }
        catch (VisaException e) when (e.Status == StatusCode.ErrorTimeout)
        {
            // A query the instrument does not answer (an unknown command, e.g. *OPT? to a simulator without an error
            // section): no reply, as the instrument itself gives none, and the client's connection stays open. Where the
            // instrument has an error queue, it has queued its own error (-113) for the client to read.
            _logger.LogInformation("{Resource} did not answer {Message} within its timeout; the client gets no reply", Resource.ResourceName,
                Resource.Encoding.GetString(message.Span[..Math.Min(message.Length, 80)]));
            return false;
        }
        var length = answer.Length;
        if (readTermination.Length > 0 && answer.AsSpan().EndsWith(readTermination))
            length -= readTermination.Length;
        else if (length > 0 && answer[length - 1] == (byte)'\n')
            length--; // an END-terminated reply that still carries its newline: the server adds one
        reply.Write(answer.AsSpan(0, length));
        return true;
    }

    /// <summary>
    /// Reads one reply. On a stream (SOCKET, serial) a binary block may contain the termination byte, so a reply that
    /// stops inside a definite-length block is read on: the rest of the block, then up to the termination.
    /// </summary>
    private async ValueTask<byte[]> ReadReplyAsync(byte[] readTermination, CancellationToken cancellationToken)
    {
        var answer = await Resource.ReadRawAsync(cancellationToken).ConfigureAwait(false);
        if (readTermination.Length == 0)
            return answer;
        var parts = new List<byte[]> { answer };
        var length = answer.Length;
        var missing = MissingBlockBytes(answer);
        while (missing > 0)
        {
            var rest = await Resource.ReadBytesAsync(missing, cancellationToken: cancellationToken).ConfigureAwait(false);
            parts.Add(rest);
            length += rest.Length;
            var tail = await Resource.ReadRawAsync(cancellationToken).ConfigureAwait(false);
            parts.Add(tail);
            length += tail.Length;
            var joined = Join(parts, length);
            parts.Clear();
            parts.Add(joined);
            missing = MissingBlockBytes(joined);
        }
        return parts.Count == 1 ? parts[0] : Join(parts, length);
    }

    /// <summary>How many data bytes of a definite-length block are missing at the end of <paramref name="reply"/>; 0 when none is cut.</summary>
    public static int MissingBlockBytes(ReadOnlySpan<byte> reply)
    {
        var i = 0;
        while (i < reply.Length)
        {
            var b = reply[i];
            if (b is (byte)'"' or (byte)'\'')
            {
                var close = reply[(i + 1)..].IndexOf(b);
                if (close < 0)
                    return 0;
                i += close + 2;
                continue;
            }
            if (b != (byte)'#' || i + 1 >= reply.Length || reply[i + 1] is < (byte)'1' or > (byte)'9')
            {
                i++;
                continue;
            }
            var digits = reply[i + 1] - '0';
            if (i + 2 + digits > reply.Length)
                return 0;
            long length = 0;
            foreach (var d in reply.Slice(i + 2, digits))
            {
                if (d is < (byte)'0' or > (byte)'9')
                    return 0;
                length = (length * 10) + (d - '0');
            }
            var end = i + 2L + digits + length;
            if (end > reply.Length)
                return (int)Math.Min(int.MaxValue, end - reply.Length);
            i = (int)end;
        }
        return 0;
    }

    private static byte[] Join(List<byte[]> parts, int length)
    {
        var joined = new byte[length];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(joined, offset);
            offset += part.Length;
        }
        return joined;
    }

    /// <inheritdoc/>
    public ValueTask ClearAsync(CancellationToken cancellationToken) => Resource.ClearAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask TriggerAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Resource.AssertTrigger();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<byte> ReadStatusByteAsync(CancellationToken cancellationToken) => Resource.ReadStbAsync(cancellationToken);

    /// <summary>Stops forwarding service requests and, when it owns the resource, closes it.</summary>
    public void Dispose()
    {
        lock (_srqGate)
        {
            if (_serviceRequested is not null && !Resource.IsClosed)
            {
                try
                {
                    Resource.ServiceRequested -= OnResourceServiceRequest;
                }
                catch (VisaException)
                {
                }
            }
            _serviceRequested = null;
        }
        if (_ownsResource)
            Resource.Close();
    }

    /// <summary>
    /// True when <paramref name="message"/> is an IEEE 488.2 query: a <c>?</c> outside quoted strings and outside the
    /// data of definite-length blocks (<c>#&lt;n&gt;&lt;length&gt;&lt;data&gt;</c>), so binary uploads are never mistaken for queries.
    /// </summary>
    public static bool IsQuery(ReadOnlySpan<byte> message)
    {
        var i = 0;
        while (i < message.Length)
        {
            var b = message[i];
            switch (b)
            {
                case (byte)'?':
                    return true;
                case (byte)'"' or (byte)'\'':
                    var close = message[(i + 1)..].IndexOf(b);
                    if (close < 0)
                        return false;
                    i += close + 2;
                    continue;
                case (byte)'#' when i + 1 < message.Length && message[i + 1] is >= (byte)'1' and <= (byte)'9':
                    var digits = message[i + 1] - '0';
                    if (i + 2 + digits > message.Length)
                        return false;
                    long length = 0;
                    foreach (var d in message.Slice(i + 2, digits))
                    {
                        if (d is < (byte)'0' or > (byte)'9')
                            return false;
                        length = (length * 10) + (d - '0');
                    }
                    i = (int)Math.Min(message.Length, i + 2 + digits + length);
                    continue;
                default:
                    i++;
                    continue;
            }
        }
        return false;
    }

    /// <summary>The status byte when the resource's transport carries one; otherwise RQS alone, as a request implies.</summary>
    private void OnResourceServiceRequest(object? sender, ServiceRequestEventArgs e) => _serviceRequested?.Invoke(this, e.StatusByte ?? 0x40);
}
