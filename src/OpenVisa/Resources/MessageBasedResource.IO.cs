using System.Runtime.CompilerServices;
using OpenVisa.Internal;

namespace OpenVisa;

/// <summary>Synchronous message I/O: each call blocks for at most the resource's timeout.</summary>
public partial class MessageBasedResource
{
    private const int StackLimit = 512;

    /// <summary>Writes <paramref name="message"/> followed by the write termination (or <paramref name="termination"/>; empty for none).</summary>
    /// <returns>The number of bytes written.</returns>
    public int Write(string message, string? termination = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        _io.Wait();
        try
        {
            return WriteUnlocked(message, termination);
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Writes bytes as they are.</summary>
    public int WriteRaw(ReadOnlySpan<byte> data)
    {
        _io.Wait();
        try
        {
            return WriteRawUnlocked(data);
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Reads one message and returns it as text without its read termination.</summary>
    public string Read()
    {
        _io.Wait();
        try
        {
            return ReadStringUnlocked();
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Reads one whole message as bytes, termination included.</summary>
    public byte[] ReadRaw()
    {
        _io.Wait();
        try
        {
            var buffer = new PooledByteBuffer();
            try
            {
                ReadMessageUnlocked(ref buffer, out var first);
                return buffer.Length == 0 ? first.ToArray() : buffer.ToArray();
            }
            finally
            {
                buffer.Dispose();
            }
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>
    /// Reads exactly <paramref name="count"/> bytes, across message boundaries if need be; with
    /// <paramref name="breakOnTermination"/> it stops early at the end of a message.
    /// </summary>
    public byte[] ReadBytes(int count, bool breakOnTermination = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new byte[count];
        _io.Wait();
        try
        {
            var total = ReadIntoUnlocked(result, breakOnTermination);
            return total == count ? result : result[..total];
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>
    /// Writes <paramref name="message"/>, waits <see cref="QueryDelay"/> (zero unless set), and reads the reply: PyVISA's
    /// <c>query</c>. The resource's <see cref="Resource.Timeout"/> bounds the read; <c>WithTimeout</c> changes it for a call.
    /// </summary>
    public string Query(string message) => QueryAfter(message, QueryDelay);

    /// <summary>
    /// Writes <paramref name="message"/>, waits <paramref name="delay"/> before reading, and reads the reply (PyVISA's
    /// <c>query(message, delay)</c>). Its own name, so a <see cref="TimeSpan"/> meant as a timeout never becomes a delay.
    /// </summary>
    public string QueryWithDelay(string message, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return QueryAfter(message, delay);
    }

    private string QueryAfter(string message, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(message);
        _io.Wait();
        try
        {
            WriteUnlocked(message, null);
            if (wait > TimeSpan.Zero)
                Thread.Sleep(wait);
            return ReadStringUnlocked();
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Reads the status byte by the interface's own means (serial poll, VXI-11 readstb …).</summary>
    public byte ReadStb() => Run(nameof(ReadStb), () => Library.ReadStb(Session));

    /// <summary>Sends a trigger by the interface's own means.</summary>
    public void AssertTrigger(TriggerProtocol protocol = TriggerProtocol.Default) =>
        Run(nameof(AssertTrigger), () => Library.AssertTrigger(Session, protocol));

    // ---- the unlocked building blocks; callers hold _io ---------------------------------------

    // SkipLocalsInit: the 512-byte stack buffer is written before it is sent, so zeroing it first (on every message) is waste.
    [SkipLocalsInit]
    private int WriteUnlocked(string message, string? termination)
    {
        var terminationBytes = TerminationFor(message, termination);
        var length = EncodedLength(message, terminationBytes);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = RentFor(length));
        try
        {
            var count = Encode(message, terminationBytes, buffer);
            return WriteRawUnlocked(buffer[..count]);
        }
        finally
        {
            if (rented is not null)
                Return(rented);
        }
    }

    private int WriteRawUnlocked(ReadOnlySpan<byte> data)
    {
        ThrowIfClosed(nameof(Write));
        if (_outOfStep)
            ResynchronizeUnlocked();
        try
        {
            var written = Library.Write(Session, data);
            LastStatus = StatusCode.Success;
            NoteWritten();
            return written;
        }
        catch (VisaException e)
        {
            NoteInterrupted(e.Status, reading: false);
            throw Failed(e, nameof(Write));
        }
    }

    private string ReadStringUnlocked()
    {
        var buffer = new PooledByteBuffer();
        try
        {
            ReadMessageUnlocked(ref buffer, out var first);
            return DecodeReply(buffer.Length == 0 ? first : buffer.Written);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>
    /// Reads one message. A message that fits one chunk stays in the chunk (<paramref name="first"/>) and
    /// <paramref name="buffer"/> stays empty; a longer one is gathered in <paramref name="buffer"/>.
    /// </summary>
    private void ReadMessageUnlocked(ref PooledByteBuffer buffer, out ReadOnlySpan<byte> first)
    {
        var result = ReadChunk(_chunk);
        first = _chunk.AsSpan(0, result.Count);
        if (result.IsMessageComplete)
            return;
        buffer.Append(first);
        first = default;
        do
        {
            var free = buffer.GetMemory(_chunk.Length);
            result = ReadChunk(free.Span[.._chunk.Length]);
            buffer.Advance(result.Count);
        }
        while (!result.IsMessageComplete);
    }

    private int ReadIntoUnlocked(Span<byte> destination, bool breakOnTermination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var result = ReadChunk(destination.Slice(total, Math.Min(_chunk.Length, destination.Length - total)));
            total += result.Count;
            if (breakOnTermination && result.IsMessageComplete)
                break;
        }
        return total;
    }

    private ReadResult ReadChunk(Span<byte> destination)
    {
        ThrowIfClosed(nameof(Read));
        try
        {
            var result = Library.Read(Session, destination);
            LastStatus = result.Status;
            NoteRead(result);
            return result;
        }
        catch (VisaException e)
        {
            NoteInterrupted(e.Status, reading: true);
            throw Failed(e, nameof(Read));
        }
    }
}
