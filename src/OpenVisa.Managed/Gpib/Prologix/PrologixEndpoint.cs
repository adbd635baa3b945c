using System.Globalization;
using OpenVisa.Managed.Serial;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Managed.Gpib.Prologix;

/// <summary>
/// Where a Prologix adapter is: a GPIB-ETHERNET box (<c>prologix:tcp://HOST[:PORT]</c>, port 1234 by default) or a
/// GPIB-USB one on a serial device (<c>prologix:serial:///dev/ttyUSB0</c>, <c>prologix:serial://COM4</c>).
/// </summary>
/// <param name="Host">The host of a TCP adapter, or null.</param>
/// <param name="Port">The TCP port.</param>
/// <param name="SerialDevice">The serial device of a USB adapter, or null.</param>
internal sealed record PrologixEndpoint(string? Host, int Port, string? SerialDevice)
{
    /// <summary>The port GPIB-ETHERNET adapters listen on.</summary>
    public const int DefaultPort = 1234;

    /// <summary>The environment variable that binds board n: <c>OPENVISA_GPIB0=prologix:tcp://host:1234</c>.</summary>
    public static string VariableFor(int board) => "OPENVISA_GPIB" + board.ToString(CultureInfo.InvariantCulture);

    /// <summary>The key adapters are shared by.</summary>
    public string Key => Display.ToUpperInvariant();

    /// <summary><c>tcp://host:port</c> or <c>serial:///dev/ttyUSB0</c>.</summary>
    public string Display => Host is not null ? $"tcp://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}" : $"serial://{SerialDevice}";

    /// <summary>The endpoint a <c>PRLGX-TCPIP</c> or <c>PRLGX-ASRL</c> INTFC name gives.</summary>
    public static PrologixEndpoint From(ResourceName name) => name.InterfaceType == InterfaceType.PrologixTcpip
        ? new PrologixEndpoint(name.HostAddress, name.Port ?? DefaultPort, null)
        : new PrologixEndpoint(null, 0, name.SerialDevice);

    /// <summary>Parses a binding; throws <see cref="VisaException"/> (<c>VI_ERROR_INV_SETUP</c>) saying the accepted forms.</summary>
    public static PrologixEndpoint Parse(string binding, string variable, string resourceName)
    {
        const string Tcp = "prologix:tcp://";
        const string Serial = "prologix:serial://";
        var text = binding.Trim();
        if (text.StartsWith(Tcp, StringComparison.OrdinalIgnoreCase))
        {
            var rest = text[Tcp.Length..].TrimEnd('/');
            var colon = rest.LastIndexOf(':');
            var bracketed = rest.StartsWith('[');
            if (colon > 0 && (!bracketed || rest[colon - 1] == ']'))
            {
                if (int.TryParse(rest.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
                    return new PrologixEndpoint(rest[..colon].Trim('[', ']'), port, null);
                throw BadBinding(binding, variable, resourceName, $"'{rest[(colon + 1)..]}' is not a TCP port");
            }
            if (rest.Length > 0)
                return new PrologixEndpoint(rest.Trim('[', ']'), DefaultPort, null);
        }
        else if (text.StartsWith(Serial, StringComparison.OrdinalIgnoreCase) && text.Length > Serial.Length)
        {
            return new PrologixEndpoint(null, 0, text[Serial.Length..]);
        }
        throw BadBinding(binding, variable, resourceName, "it is neither prologix:tcp://HOST[:PORT] nor prologix:serial://DEVICE");
    }

    /// <summary>Connects to the adapter within <paramref name="openTimeout"/>.</summary>
    public IPrologixLink Connect(TimeSpan openTimeout, IHostResolver resolver, string resourceName)
    {
        if (SerialDevice is not null)
            return new PrologixSerialLink(SerialPortOpener.Open(SerialDevice, resourceName));
        var address = new TcpipSocketAddress(Host!, Port);
        var socket = SocketConnector.Connect(address, openTimeout, resolver, resourceName);
        return new PrologixTcpLink(socket, address.Display);
    }

    private static VisaException BadBinding(string binding, string variable, string resourceName, string why) =>
        new(StatusCode.ErrorInvalidSetup,
            $"{variable}=\"{binding}\" does not name a Prologix adapter: {why}. Use e.g. prologix:tcp://192.168.1.20:1234 or prologix:serial:///dev/ttyUSB0.",
            "Open", resourceName);
}
