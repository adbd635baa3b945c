using System.Net;
using System.Text;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>A HiSLIP server on 127.0.0.1 (port chosen by the system) with test instruments at hislip0 and hislip1, and clients to it.</summary>
internal sealed class HislipFixture : IAsyncDisposable
{
    private readonly List<HislipClient> _clients = [];

    private HislipFixture(HislipServer server, HislipTestInstrument first, HislipTestInstrument second)
    {
        Server = server;
        Instrument = first;
        Second = second;
    }

    public HislipServer Server { get; }

    public HislipTestInstrument Instrument { get; }

    public HislipTestInstrument Second { get; }

    public int Port => Server.LocalEndPoint.Port;

    public static async Task<HislipFixture> StartAsync(HislipServerOptions? options = null)
    {
        var first = new HislipTestInstrument();
        var second = new HislipTestInstrument();
        var server = new HislipServer(new IPEndPoint(IPAddress.Loopback, 0), [("hislip0", (IMessageDevice)first), ("hislip1", second)], options);
        await server.StartAsync();
        return new HislipFixture(server, first, second);
    }

    public HislipClient Connect(HislipClientOptions? options = null)
    {
        var client = HislipClient.Connect("127.0.0.1", Port, options ?? new HislipClientOptions { TimeoutMilliseconds = 2000 });
        lock (_clients)
            _clients.Add(client);
        return client;
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

internal static class HislipClientTestExtensions
{
    public static void WriteText(this HislipClient client, string text) => client.Write(Encoding.ASCII.GetBytes(text));

    public static string ReadText(this HislipClient client, int size = 4096)
    {
        var buffer = new byte[size];
        var result = client.Read(buffer);
        return Encoding.Latin1.GetString(buffer, 0, result.Count);
    }

    public static string Query(this HislipClient client, string text)
    {
        client.WriteText(text);
        return client.ReadText();
    }

    /// <summary>Reads until END into one array.</summary>
    public static byte[] ReadAll(this HislipClient client, int chunk = 1 << 20)
    {
        var output = new MemoryStream();
        var buffer = new byte[chunk];
        while (true)
        {
            var result = client.Read(buffer);
            output.Write(buffer, 0, result.Count);
            if (result.Status == StatusCode.Success)
                return output.ToArray();
        }
    }
}
