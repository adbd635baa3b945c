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
        AsciiValues.Parse<T>(Query(command, delay), converter, separator);

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
            return ReadBinaryUnlocked<T>(bigEndian, format, expectTermination, dataPoints);
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Reads a binary block of <typeparamref name="T"/>; see <see cref="QueryBinaryValues{T}"/>.</summary>
    public T[] ReadBinaryValues<T>(bool bigEndian = false, BlockFormat format = BlockFormat.Ieee, bool expectTermination = true, int dataPoints = -1)
        where T : unmanaged
    {
        _io.Wait();
        try
        {
            return ReadBinaryUnlocked<T>(bigEndian, format, expectTermination, dataPoints);
        }
        finally
        {
            _io.Release();
        }
    }

    private T[] ReadBinaryUnlocked<T>(bool bigEndian, BlockFormat format, bool expectTermination, int dataPoints)
        where T : unmanaged
    {
        var gathered = new PooledByteBuffer();
        try
        {
            var last = ReadChunk(_chunk);
            gathered.Append(_chunk.AsSpan(0, last.Count));
            int headerLength;
            long dataLength;
            while (BinaryBlockHeader.TryParseHeader(gathered.Written, format, bigEndian, out headerLength, out dataLength) == BlockHeaderParse.NeedMoreData)
            {
                if (last.IsMessageComplete)
                    throw IncompleteHeader(gathered.Written, format, bigEndian);
                last = ReadChunk(gathered.GetMemory(_chunk.Length).Span[.._chunk.Length]);
                gathered.Advance(last.Count);
            }
            var total = dataLength >= 0 ? dataLength : dataPoints >= 0 ? (long)dataPoints * Unsafe.SizeOf<T>() : -1;
            if (total < 0)
                return ReadToEndOfMessage<T>(ref gathered, last, headerLength, bigEndian);

            // Every element is overwritten before the array is returned (or it is dropped with an exception), so the
            // GC need not clear it first: for a 16 MiB block that memset was about 9 % of the client's CPU per block.
            var result = GC.AllocateUninitializedArray<T>(BinaryBlock.GetElementCount<T>(total));
            var payload = MemoryMarshal.AsBytes(result.AsSpan());
            var received = gathered.Written[headerLength..];
            var copied = Math.Min(received.Length, payload.Length);
            var payloadLength = payload.Length;
            received[..copied].CopyTo(payload);
            var messageComplete = last.IsMessageComplete;
            if (last.Status == StatusCode.Success && copied < payloadLength)
                throw ShortBlock(payloadLength, copied);
            if (copied < payload.Length)
            {
                using (SuspendTerminationCharacter())
                    last = ReadExactly(payload, copied);
                messageComplete = last.Status == StatusCode.Success;
            }
            if (expectTermination && !messageComplete)
                DiscardRestOfMessage();
            if (bigEndian == BitConverter.IsLittleEndian)
                EndianSwap.InPlace(result.AsSpan());
            return result;
        }
        finally
        {
            gathered.Dispose();
        }
    }

    private T[] ReadToEndOfMessage<T>(ref PooledByteBuffer gathered, ReadResult last, int headerLength, bool bigEndian)
        where T : unmanaged
    {
        while (!last.IsMessageComplete)
        {
            last = ReadChunk(gathered.GetMemory(_chunk.Length).Span[.._chunk.Length]);
            gathered.Advance(last.Count);
        }
        var payload = gathered.Written[headerLength..];
        if (_readTerminationBytes.Length > 0 && payload.EndsWith(_readTerminationBytes))
            payload = payload[..^_readTerminationBytes.Length];
        var result = GC.AllocateUninitializedArray<T>(BinaryBlock.GetElementCount<T>(payload.Length)); // Decode fills it all
        BinaryBlock.Decode(payload, result, bigEndian);
        return result;
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
    private TerminationCharacterSuspension SuspendTerminationCharacter() => new(this, _readTerminationBytes.Length > 0);

    private readonly struct TerminationCharacterSuspension : IDisposable
    {
        private readonly MessageBasedResource? _resource;

        public TerminationCharacterSuspension(MessageBasedResource resource, bool active)
        {
            if (!active)
                return;
            resource.SetAttribute(VisaAttribute.TerminationCharacterEnabled, false);
            _resource = resource;
        }

        public void Dispose() => _resource?.SetAttribute(VisaAttribute.TerminationCharacterEnabled, true);
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

    private VisaException ShortBlock(int expected, int received) => new(
        StatusCode.ErrorInvalidFormat,
        $"The binary block is incomplete: its header announced {expected} data bytes, but the message ended after {received}.",
        "ReadBinaryValues", ResourceName);
}
