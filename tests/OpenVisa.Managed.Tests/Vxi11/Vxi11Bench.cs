using System.Net;
using System.Text;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Managed.Tests.Vxi11;

/// <summary>A test device served over VXI-11 on 127.0.0.1 with no portmapper, and clients for it.</summary>
internal sealed class Vxi11Bench : IAsyncDisposable
{
    private readonly List<Vxi11Client> _clients = [];

    private Vxi11Bench(Vxi11InstrumentServer server, Vxi11TestDevice device)
    {
        Server = server;
        Device = device;
    }

    public Vxi11TestDevice Device { get; }

    public Vxi11InstrumentServer Server { get; }

    public int Port => Server.LocalEndPoint.Port;

    public static Vxi11Bench Start(int maxReceiveSize = 1024 * 1024, Vxi11PortmapperMode portmapper = Vxi11PortmapperMode.None, int portmapperPort = 0,
        IEnumerable<KeyValuePair<string, IMessageDevice>>? extra = null)
    {
        var device = new Vxi11TestDevice();
        var devices = new List<KeyValuePair<string, IMessageDevice>> { new("inst0", device), new("gpib0,5", device) };
        if (extra is not null)
            devices.AddRange(extra);
        var server = new Vxi11InstrumentServer(devices, new Vxi11ServerOptions
        {
            MaxReceiveSize = maxReceiveSize,
            Portmapper = portmapper,
            PortmapperPort = portmapperPort,
        });
        server.Start();
        return new Vxi11Bench(server, device);
    }

    public Vxi11Client Open(string device = "inst0", bool lockDevice = false, TimeSpan? lockTimeout = null)
    {
        var client = Vxi11Client.Open(new Vxi11Target("127.0.0.1", Port, device), TimeSpan.FromSeconds(5), lockDevice, lockTimeout ?? TimeSpan.Zero,
            Dns.GetHostAddresses, $"TCPIP::127.0.0.1,{Port}::{device}::INSTR");
        lock (_clients)
            _clients.Add(client);
        return client;
    }

    public static void Write(Vxi11Client client, string text, uint timeoutMs = 5000) => client.Write(Encoding.Latin1.GetBytes(text + "\n"), timeoutMs, sendEnd: true);

    public static string Read(Vxi11Client client, uint timeoutMs = 5000, int chunk = 4096)
    {
        var text = new StringBuilder();
        var buffer = new byte[chunk];
        ReadResult result;
        do
        {
            result = client.Read(buffer, timeoutMs, termCharEnabled: false, (byte)'\n', suppressEnd: false);
            text.Append(Encoding.Latin1.GetString(buffer, 0, result.Count));
        }
        while (result.Status == StatusCode.SuccessMaxCountRead);
        return text.ToString();
    }

    public static string Query(Vxi11Client client, string text, uint timeoutMs = 5000)
    {
        Write(client, text, timeoutMs);
        return Read(client, timeoutMs);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, at most 5 s.</summary>
    public static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
                client.Dispose();
        }
        await Server.DisposeAsync();
    }
}
