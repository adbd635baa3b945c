namespace OpenVisa.Managed.Gpib.Prologix;

/// <summary>The byte stream to a Prologix adapter: TCP to a GPIB-ETHERNET box, or the serial port of a GPIB-USB one.</summary>
internal interface IPrologixLink : IDisposable
{
    /// <summary>Where the adapter is, for messages: <c>192.168.1.20:1234</c> or <c>/dev/ttyUSB0</c>.</summary>
    string Display { get; }

    /// <summary>Sends all of <paramref name="data"/>.</summary>
    /// <exception cref="IOException">The adapter went away.</exception>
    void Send(ReadOnlySpan<byte> data);

    /// <summary>Receives what has arrived, waiting at most <paramref name="timeoutMs"/> (-1 forever); 0 when nothing came in time.</summary>
    /// <exception cref="IOException">The adapter went away.</exception>
    int Receive(Span<byte> buffer, int timeoutMs);
}
