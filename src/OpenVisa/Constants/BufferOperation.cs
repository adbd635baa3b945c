namespace OpenVisa;

/// <summary>Which buffers <see cref="VisaLibrary.Flush"/> acts on (<c>viFlush</c> mask).</summary>
[Flags]
public enum BufferOperation
{
    /// <summary>Discard the formatted read buffer after reading up to END.</summary>
    ReadBuffer = 1,
    /// <summary>Flush the formatted write buffer to the device.</summary>
    WriteBuffer = 2,
    /// <summary>Discard the formatted read buffer without I/O.</summary>
    DiscardReadBuffer = 4,
    /// <summary>Discard the formatted write buffer without I/O.</summary>
    DiscardWriteBuffer = 8,
    /// <summary>Discard the low-level receive buffer after reading up to END.</summary>
    IOInputBuffer = 16,
    /// <summary>Flush the low-level transmit buffer.</summary>
    IOOutputBuffer = 32,
    /// <summary>Discard the low-level receive buffer without I/O.</summary>
    DiscardIOInputBuffer = 64,
    /// <summary>Discard the low-level transmit buffer without I/O.</summary>
    DiscardIOOutputBuffer = 128,
}
