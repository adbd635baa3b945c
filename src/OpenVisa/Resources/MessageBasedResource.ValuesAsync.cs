using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpenVisa.Internal;

namespace OpenVisa;

/// <summary>The asynchronous forms of the value methods; the block strategy is the synchronous one's.</summary>
public partial class MessageBasedResource
{
    /// <summary>Queries and parses a comma-separated list of values, as <c>QueryAsciiValuesAsync&lt;double&gt;("MEAS?", token)</c> is written.</summary>
    public ValueTask<T[]> QueryAsciiValuesAsync<T>(string command, CancellationToken cancellationToken) =>
        QueryAsciiValuesAsync<T>(command, ',', AsciiConverter.Default, cancellationToken);

    /// <summary>Queries and parses a separated list of values.</summary>
    public async ValueTask<T[]> QueryAsciiValuesAsync<T>(string command, char separator = ',', AsciiConverter converter = AsciiConverter.Default, CancellationToken cancellationToken = default) =>
        AsciiValues.Parse<T>(await QueryAsync(command, cancellationToken).ConfigureAwait(false), converter, separator);

    /// <summary>Writes <paramref name="command"/> and reads an IEEE 488.2 block of little-endian <typeparamref name="T"/>, as <c>QueryBinaryValuesAsync&lt;float&gt;("CURV?", token)</c> is written.</summary>
    public ValueTask<T[]> QueryBinaryValuesAsync<T>(string command, CancellationToken cancellationToken)
        where T : unmanaged =>
        QueryBinaryValuesAsync<T>(command, bigEndian: false, BlockFormat.Ieee, expectTermination: true, dataPoints: -1, cancellationToken);

    /// <summary>Writes <paramref name="command"/> and reads a binary block of <typeparamref name="T"/>; see <see cref="QueryBinaryValues{T}(string, bool, BlockFormat, bool, int)"/>.</summary>
    public async ValueTask<T[]> QueryBinaryValuesAsync<T>(string command, bool bigEndian = false, BlockFormat format = BlockFormat.Ieee, bool expectTermination = true, int dataPoints = -1, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        var (values, _) = await QueryBinaryCoreAsync<T>(command, default, new BlockRead(bigEndian, format, expectTermination, dataPoints, Allocate: true), cancellationToken).ConfigureAwait(false);
        return values!;
    }

    /// <summary>
    /// Writes <paramref name="command"/> and reads a binary block of <typeparamref name="T"/> into <paramref name="destination"/>;
    /// see <see cref="QueryBinaryValues{T}(string, Span{T}, bool, BlockFormat, bool)"/>. Returns the number of elements written.
    /// </summary>
    public async ValueTask<int> QueryBinaryValuesAsync<T>(string command, Memory<T> destination, bool bigEndian = false, BlockFormat format = BlockFormat.Ieee, bool expectTermination = true, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        var (_, count) = await QueryBinaryCoreAsync(command, destination, new BlockRead(bigEndian, format, expectTermination, DataPoints: -1, Allocate: false), cancellationToken).ConfigureAwait(false);
        return count;
    }

    private async ValueTask<(T[]? Allocated, int Count)> QueryBinaryCoreAsync<T>(string command, Memory<T> destination, BlockRead how, CancellationToken cancellationToken)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(command);
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteUnlockedAsync(command, null, cancellationToken).ConfigureAwait(false);
            return await ReadBinaryUnlockedAsync(destination, how, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _io.Release();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(T[]? Allocated, int Count)> ReadBinaryUnlockedAsync<T>(Memory<T> destination, BlockRead how, CancellationToken cancellationToken)
        where T : unmanaged
    {
        var gathered = new PooledByteBuffer();
        try
        {
            var last = await ReadChunkAsync(_chunk, cancellationToken).ConfigureAwait(false);
            gathered.Append(_chunk.AsSpan(0, last.Count));
            int headerLength;
            long dataLength;
            while (BinaryBlockHeader.TryParseHeader(gathered.Written, how.Format, how.BigEndian, out headerLength, out dataLength) == BlockHeaderParse.NeedMoreData)
            {
                if (last.IsMessageComplete)
                    throw IncompleteHeader(gathered.Written, how.Format, how.BigEndian);
                last = await ReadChunkAsync(gathered.GetMemory(_chunk.Length)[.._chunk.Length], cancellationToken).ConfigureAwait(false);
                gathered.Advance(last.Count);
            }
            var total = dataLength >= 0 ? dataLength : how.DataPoints >= 0 ? (long)how.DataPoints * Unsafe.SizeOf<T>() : -1;
            if (total < 0)
            {
                while (!last.IsMessageComplete)
                {
                    last = await ReadChunkAsync(gathered.GetMemory(_chunk.Length)[.._chunk.Length], cancellationToken).ConfigureAwait(false);
                    gathered.Advance(last.Count);
                }
                var decoded = DecodeToEndOfMessage(gathered.Written[headerLength..], destination.Span, out var array, how);
                return (array, decoded);
            }

            var count = BinaryBlock.GetElementCount<T>(total);
            T[]? allocated = null;
            if (how.Allocate)
            {
                // As in the sync form: every element is overwritten, so the GC need not clear the array first.
                destination = allocated = GC.AllocateUninitializedArray<T>(count);
            }
            else if (count > destination.Length)
            {
                await SkipPayloadAsync(total - (gathered.Length - headerLength), EndsAfterPayload(last, gathered.Length - headerLength, total), how.ExpectTermination, cancellationToken).ConfigureAwait(false);
                throw DestinationTooSmall(count, destination.Length);
            }
            destination = destination[..count];
            var payloadLength = count * Unsafe.SizeOf<T>();
            var copied = CopyReceivedPayload(gathered.Written[headerLength..], MemoryMarshal.AsBytes(destination.Span), last);
            var messageComplete = EndsAfterPayload(last, gathered.Length - headerLength, payloadLength);
            using (var bytes = new ElementByteMemory<T>(destination))
            {
                var payload = bytes.Memory;
                if (copied < payload.Length)
                {
                    using (SuspendTerminationCharacter())
                        last = await ReadExactlyAsync(payload, copied, cancellationToken).ConfigureAwait(false);
                    messageComplete = last.Status == StatusCode.Success;
                }
            }
            if (how.ExpectTermination && !messageComplete)
                await DiscardRestOfMessageAsync(cancellationToken).ConfigureAwait(false);
            if (how.BigEndian == BitConverter.IsLittleEndian)
                EndianSwap.InPlace(destination.Span);
            return (allocated, count);
        }
        finally
        {
            gathered.Dispose();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> ReadExactlyAsync(Memory<byte> destination, int total, CancellationToken cancellationToken)
    {
        var last = default(ReadResult);
        while (total < destination.Length)
        {
            last = await ReadChunkAsync(destination[total..], cancellationToken).ConfigureAwait(false);
            total += last.Count;
            if (last.Status == StatusCode.Success && total < destination.Length)
                throw ShortBlock(destination.Length, total);
        }
        return last;
    }

    /// <summary>The async form of <c>SkipPayload</c>: drops an unwanted block's payload by count, then its termination.</summary>
    private async ValueTask SkipPayloadAsync(long remaining, bool messageComplete, bool expectTermination, CancellationToken cancellationToken)
    {
        if (remaining > 0 && !messageComplete)
        {
            var last = default(ReadResult);
            using (SuspendTerminationCharacter())
            {
                while (remaining > 0)
                {
                    last = await ReadChunkAsync(_chunk.AsMemory(0, (int)Math.Min(_chunk.Length, remaining)), cancellationToken).ConfigureAwait(false);
                    remaining -= last.Count;
                    if (last.Status == StatusCode.Success)
                        break;
                }
            }
            messageComplete = last.Status == StatusCode.Success;
        }
        if (expectTermination && !messageComplete)
            await DiscardRestOfMessageAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask DiscardRestOfMessageAsync(CancellationToken cancellationToken)
    {
        var (_, buffer) = await ReadMessageUnlockedAsync(cancellationToken).ConfigureAwait(false);
        buffer.Dispose();
    }
}
