using System.IO.Ports;
using OpenVisa.Managed.Serial;

namespace OpenVisa.Managed.Gpib.Prologix;

/// <summary>A GPIB-USB adapter's virtual serial port (its baud rate does not matter).</summary>
internal sealed class PrologixSerialLink(SerialPort port) : IPrologixLink
{
    private readonly Stream _stream = port.BaseStream;
    private int _appliedTimeout = int.MinValue;

    public string Display => port.PortName;

    public void Send(ReadOnlySpan<byte> data)
    {
        try
        {
            _stream.Write(data);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or TimeoutException)
        {
            throw new IOException($"sending to the adapter on {Display} failed: {e.Message}", e);
        }
    }

    public int Receive(Span<byte> buffer, int timeoutMs)
    {
        var wanted = timeoutMs < 0 ? SerialPort.InfiniteTimeout : timeoutMs;
        try
        {
            if (_appliedTimeout != wanted)
            {
                port.ReadTimeout = wanted;
                _appliedTimeout = wanted;
            }
            return _stream.Read(buffer);
        }
        catch (TimeoutException)
        {
            return 0;
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            throw new IOException($"the adapter on {Display} went away: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        try
        {
            port.Dispose();
        }
        catch (IOException)
        {
        }
        SerialPortOpener.Release(port.PortName);
    }
}
