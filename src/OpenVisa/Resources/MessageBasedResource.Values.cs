using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpenVisa.Internal;

namespace OpenVisa;

/// <summary>
/// ASCII and binary values. A binary block is read as: one chunk (which holds the header), then the rest of
/// the payload straight into the caller's array by exact count with the termination character switched
/// off, so payload bytes equal to <c>\n</c> cost nothing; then the message's termination.
/// </summary>
public partial class MessageBasedResource
{
    /// <summary>Writes <paramref name="message"/> followed by the values as text (invariant culture, round-trip precision).</summary>
    public int WriteAsciiValues<T>(string message, ReadOnlySpan<T> values, string separator = ",", string? format = null) =>
        Write(message + AsciiValues.Format(values, separator, format));

    /// <summary>Queries and parses a separated list of values (a trailing separator is allowed).</summary>
    public T[] QueryAsciiValues<T>(string command, char separator = ',', AsciiConverter converter = AsciiConverter.Default, TimeSpan? delay = null) =>
        AsciiValues.Parse<T>(delay is { } wait ? QueryWithDelay(command, wait) : Query(command), converter, separator);

    /// <summary>Reads and parses a separated list of values.</summary>
    public T[] ReadAsciiValues<T>(char separator = ',', AsciiConverter converter = AsciiConverter.Default) =>
        AsciiValues.Parse<T>(Read(), converter, separator);

    /// <summary>Writes <paramref name="message"/> followed by the values as a binary block and the write termination.</summary>
    public int WriteBinaryValues<T>(string message, ReadOnlySpan<T> values, bool bigEndian = false, BlockFormat format = BlockFormat.Ieee)
        where T : unmanaged
    {
        var prefix = EncodedLength(message, []);
        var blockLength = BinaryBlock.GetEncodedLength<T>(values.Length, format);
        var total = checked((int)(prefix + blockLength + _writeTerminationBytes.Length));
        var buffer = RentFor(total);
        try
        {
            var count = Encode(message, [], buffer);
            count += BinaryBlock.Encode(values, buffer.AsSpan(count), format, bigEndian);
            _writeTerminationBytes.CopyTo(buffer.AsSpan(count));
            return WriteRaw(buffer.AsSpan(0, count + _writeTerminationBytes.Length));
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>Writes <paramref name="command"/> and reads a binary block of <typeparamref name="T"/> into a new array.</summary>
    /// <param name="command">The query.</param>
    /// <param name="bigEndian">Byte order of the elements on the wire.</param>
    /// <param name="format">The block format; <see cref="BlockFormat.Empty"/> needs <paramref name="dataPoints"/>.</param>
    /// <param name="expectTermination">Read the message's termination after the block (it would otherwise start the next reply).</param>
    /// <param name="dataPoints">How many elements to read when the block does not say (<c>#0</c> or no header); -1 reads to the end of the message.</param>
    public T[] QueryBinaryValues<T>(string command, bool bigEndian = false, BlockFormat format = BlockFormat.Ieee, bool expectTermination = true, int dataPoints = -1)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(command);
        _io.Wait();
        try
        {
            WriteUnlocked(command, null);
            ReadBinaryUnlocked<T>([], out var values, new BlockRead(bigEndian, format, expectTermination, dataPoints, Allocate: true));
            return values!;
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>
    /// Writes <paramref name="command"/> and reads a binary block of <typeparamref name="T"/> into <paramref name="destination"/>,
    /// so a caller that reads blocks again and again reuses one array: for a 16 MiB block, a new array each time costs
    /// thousands of page faults while the kernel copies into memory it has never touched.
    /// </summary>
    /// <param name="command">The query.</param>
    /// <param name="destination">Where the elements go; a block larger than it is read to its end (so the next reply is not garbage) and refused with <see cref="StatusCode.ErrorUserBuffer"/>.</param>
    /// <param name="bigEndian">Byte order of the elements on the wire.</param>
    /// <param name="format">The block format; a block without a length (<c>#0</c>, <see cref="BlockFormat.Empty"/>) is read to the end of the message.</param>
    /// <param name="expectTermination">Read the message's termination after the block.</param>
    /// <returns>The number of elements written to the start of <paramref name="destination"/>.</returns>
    public int QueryBinaryValues<T>(string command, Span<T> destination, bool bigEndian = false, BlockFormat format = BlockFormat.Ieee, bool expectTermination = true)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(command);
        _io.Wait();
        try
        {
            WriteUnlocked(command, null);
            return ReadBinaryUnlocked(destination, out _, new BlockRead(bigEndian, format, expectTermination, DataPoints: -1, Allocate: false));
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Reads a binary block of <typeparamref name="T"/>; see <see cref="QueryBinaryValues{T}(string, bool, BlockFormat, bool, int)"/>.</summary>
    public T[] ReadBinaryValues<T>(bool bigEndian = false, BlockFormat format = BlockFormat.Ieee, bool expectTermination = true, int dataPoints = -1)
        where T : unmanaged
    {
        _io.Wait();
        try
        {
            ReadBinaryUnlocked<T>([], out var values, new BlockRead(bigEndian, format, expectTermination, dataPoints, Allocate: true));
            return values!;
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Reads a binary block of <typeparamref name="T"/> into <paramref name="destination"/>; see <see cref="QueryBinaryValues{T}(string, Span{T}, bool, BlockFormat, bool)"/>.</summary>
    public int ReadBinaryValues<T>(Span<T> destination, bool bigEndian = false, BlockFormat format = BlockFormat.Ieee, bool expectTermination = true)
        where T : unmanaged
    {
        _io.Wait();
        try
        {
            return ReadBinaryUnlocked(destination, out _, new BlockRead(bigEndian, format, expectTermination, DataPoints: -1, Allocate: false));
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>
    /// Reads one block into <paramref name="destination"/>, or, with <see cref="BlockRead.Allocate"/>, into a new array of
    /// the block's size returned in <paramref name="allocated"/>. Returns the element count.
    /// </summary>
    private int ReadBinaryUnlocked<T>(Span<T> destination, out T[]? allocated, BlockRead how)
        where T : unmanaged
    {
        allocated = null;
        var gathered = new PooledByteBuffer();
        try
        {
            var last = ReadChunk(_chunk);
            gathered.Append(_chunk.AsSpan(0, last.Count));
            int headerLength;
            long dataLength;
            while (BinaryBlockHeader.TryParseHeader(gathered.Written, how.Format, how.BigEndian, out headerLength, out dataLength) == BlockHeaderParse.NeedMoreData)
            {
                if (last.IsMessageComplete)
                    throw IncompleteHeader(gathered.Written, how.Format, how.BigEndian);
                last = ReadChunk(gathered.GetMemory(_chunk.Length).Span[.._chunk.Length]);
                gathered.Advance(last.Count);
            }
            var total = dataLength >= 0 ? dataLength : how.DataPoints >= 0 ? (long)how.DataPoints * Unsafe.SizeOf<T>() : -1;
            if (total < 0)
            {
                while (!last.IsMessageComplete)
                {
                    last = ReadChunk(gathered.GetMemory(_chunk.Length).Span[.._chunk.Length]);
                    gathered.Advance(last.Count);
                }
                return DecodeToEndOfMessage(gathered.Written[headerLength..], destination, out allocated, how);
            }

            var count = BinaryBlock.GetElementCount<T>(total);
            if (how.Allocate)
            {
                // Every element is overwritten before the array is returned (or it is dropped with an exception), so the
                // GC need not clear it first: for a 16 MiB block that memset was about 9 % of the client's CPU per block.
                destination = allocated = GC.AllocateUninitializedArray<T>(count);
            }
            else if (count > destination.Length)
            {
                SkipPayload(total - (gathered.Length - headerLength), EndsAfterPayload(last, gathered.Length - headerLength, total), how.ExpectTermination);
                throw DestinationTooSmall(count, destination.Length);
            }
            destination = destination[..count];
            var payload = MemoryMarshal.AsBytes(destination);
            var copied = CopyReceivedPayload(gathered.Written[headerLength..], payload, last);
            var messageComplete = EndsAfterPayload(last, gathered.Length - headerLength, payload.Length);
            if (copied < payload.Length)
            {
                using (SuspendTerminationCharacter())
                    last = ReadExactly(payload, copied);
                messageComplete = last.Status == StatusCode.Success;
            }
            if (how.ExpectTermination && !messageComplete)
                DiscardRestOfMessage();
            if (how.BigEndian == BitConverter.IsLittleEndian)
                EndianSwap.InPlace(destination);
            return count;
        }
        finally
        {
            gathered.Dispose();
        }
    }

    /// <summary>
    /// Copies the payload bytes that came with the header's chunks into <paramref name="payload"/> and returns how many;
    /// a message that has already ended short of the announced length is an incomplete block.
    /// </summary>
    private int CopyReceivedPayload(ReadOnlySpan<byte> received, Span<byte> payload, ReadResult last)
    {
        var copied = Math.Min(received.Length, payload.Length);
        received[..copied].CopyTo(payload);
        if (last.Status == StatusCode.Success && copied < payload.Length)
            throw ShortBlock(payload.Length, copied);
        return copied;
    }

    /// <summary>
    /// Whether the message ended with the bytes received so far: END, or a termination character after the payload. A
    /// termination character matched at the payload's last byte is data (byte 10 of <c>DATA?</c> is 0x0A), not the end.
    /// </summary>
    private static bool EndsAfterPayload(ReadResult last, long received, long payloadLength) =>
        last.Status == StatusCode.Success || (last.IsMessageComplete && received > payloadLength);

    /// <summary>Decodes a block without a length, read to the end of its message (its read termination removed).</summary>
    private int DecodeToEndOfMessage<T>(ReadOnlySpan<byte> payload, Span<T> destination, out T[]? allocated, BlockRead how)
        where T : unmanaged
    {
        allocated = null;
        if (_readTerminationBytes.Length > 0 && payload.EndsWith(_readTerminationBytes))
            payload = payload[..^_readTerminationBytes.Length];
        var count = BinaryBlock.GetElementCount<T>(payload.Length);
        if (how.Allocate)
            destination = allocated = GC.AllocateUninitializedArray<T>(count); // Decode fills it all
        else if (count > destination.Length)
            throw DestinationTooSmall(count, destination.Length);
        BinaryBlock.Decode(payload, destination[..count], how.BigEndian);
        return count;
    }

    /// <summary>
    /// Reads and drops the <paramref name="remaining"/> payload bytes of a block that is not wanted (by count, so payload
    /// bytes equal to the termination character do not stop it), then its termination: the session stays in step.
    /// </summary>
    private void SkipPayload(long remaining, bool messageComplete, bool expectTermination)
    {
        if (remaining > 0 && !messageComplete)
        {
            var last = default(ReadResult);
            using (SuspendTerminationCharacter())
            {
                while (remaining > 0)
                {
                    last = ReadChunk(_chunk.AsSpan(0, (int)Math.Min(_chunk.Length, remaining)));
                    remaining -= last.Count;
                    if (last.Status == StatusCode.Success)
                        break;
                }
            }
            messageComplete = last.Status == StatusCode.Success;
        }
        if (expectTermination && !messageComplete)
            DiscardRestOfMessage();
    }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="total"/> on; END before it is full is a short block.</summary>
    private ReadResult ReadExactly(Span<byte> destination, int total)
    {
        var last = default(ReadResult);
        while (total < destination.Length)
        {
            last = ReadChunk(destination[total..]);
            total += last.Count;
            if (last.Status == StatusCode.Success && total < destination.Length)
                throw ShortBlock(destination.Length, total);
        }
        return last;
    }

    private void DiscardRestOfMessage()
    {
        var buffer = new PooledByteBuffer();
        try
        {
            ReadMessageUnlocked(ref buffer, out _);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>Switches the termination character off until disposed, so a read by count is not cut at payload bytes.</summary>
    private TerminationCharacterSuspension SuspendTerminationCharacter() =>
        new(this, _readTerminationBytes.Length > 0, this is SerialResource serial && serial.EndInput == SerialTermination.TerminationCharacter);

    /// <summary>
    /// Lets a block's payload be read by count: the termination character off, and on a serial port also
    /// <c>VI_ATTR_ASRL_END_IN</c> (whose default ends every read at the termination character), restored afterwards.
    /// </summary>
    private readonly struct TerminationCharacterSuspension : IDisposable
    {
        private readonly MessageBasedResource? _resource;
        private readonly bool _serialEndIn;

        public TerminationCharacterSuspension(MessageBasedResource resource, bool active, bool serialEndIn)
        {
            if (active)
            {
                resource.SetAttribute(VisaAttribute.TerminationCharacterEnabled, false);
                _resource = resource;
            }
            if (serialEndIn)
            {
                resource.SetAttribute(VisaAttribute.AsrlEndIn, (ushort)SerialTermination.None);
                _serialEndIn = true;
                _resource = resource;
            }
        }

        public void Dispose()
        {
            if (_resource is null)
                return;
            if (_serialEndIn)
                _resource.SetAttribute(VisaAttribute.AsrlEndIn, (ushort)SerialTermination.TerminationCharacter);
            if (_resource._readTerminationBytes.Length > 0)
                _resource.SetAttribute(VisaAttribute.TerminationCharacterEnabled, true);
        }
    }

    /// <summary>The message ended inside the header: the codec's full-response parser says exactly how.</summary>
    private VisaException IncompleteHeader(ReadOnlySpan<byte> received, BlockFormat format, bool bigEndian)
    {
        try
        {
            BinaryBlockHeader.Parse(received, format, bigEndian);
        }
        catch (VisaException e)
        {
            return e.WithContext("ReadBinaryValues", ResourceName);
        }
        return new VisaException(StatusCode.ErrorInvalidFormat, $"The reply ended inside a binary block header: {PrintableBytes.Quote(received)}.", "ReadBinaryValues", ResourceName);
    }

    private VisaException DestinationTooSmall(int elements, int room) => new(
        StatusCode.ErrorUserBuffer,
        $"The binary block holds {elements} elements, but the destination has room for {room}; the block was read and dropped.",
        "ReadBinaryValues", ResourceName);

    private VisaException ShortBlock(int expected, int received) => new(
        StatusCode.ErrorInvalidFormat,
        $"The binary block is incomplete: its header announced {expected} data bytes, but the message ended after {received}.",
        "ReadBinaryValues", ResourceName);
}
