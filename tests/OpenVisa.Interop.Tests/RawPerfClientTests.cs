using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using OpenVisa.Cli;
using OpenVisa.Perf;
using UsageException = OpenVisa.Perf.UsageException;
using OpenVisa.Managed.Server;
using OpenVisa.Managed.Tcpip.Hislip;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Interop.Tests;

/// <summary>
/// The raw VXI-11 and HiSLIP clients of <c>ovisa perf</c> (the physical limits OpenVisa is held to) against OpenVisa's own
/// servers, byte for byte, and against servers that misbehave.
/// </summary>
public sealed class RawPerfClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_raw_vxi11_client_reads_the_identity_and_the_block_exactly()
    {
        await using var server = StartVxi11(new PerfDevice(70_000));
        using var raw = new RawVxi11PerfClient(PortName(server), 70_000, Timeout);

        raw.Verify(70_000); // throws, naming the byte, if anything differs
        Assert.Equal(PerfDevice.Identity.Length, raw.RoundTrip());
        Assert.Equal(PerfDevice.Identity.Length, await raw.RoundTripAsync(CancellationToken.None));
        Assert.Equal(70_000, raw.ReadBlock());
        Assert.Equal(PerfDevice.Identity.Length, raw.RoundTrip());
    }

    [Fact]
    public async Task The_raw_hislip_client_reads_the_identity_and_the_block_exactly()
    {
        // 3 MiB: more than the server's 1 MiB messages, so the block comes as Data, Data, Data, DataEnd.
        const int size = 3 * 1024 * 1024 + 5;
        await using var server = await StartHislipAsync(new PerfDevice(size));
        using var raw = new RawHislipPerfClient(server.ResourceNameOf("hislip0"), size, Timeout);

        raw.Verify(size);
        Assert.Equal(PerfDevice.Identity.Length, raw.RoundTrip());
        Assert.Equal(PerfDevice.Identity.Length, await raw.RoundTripAsync(CancellationToken.None));
        Assert.Equal(size, raw.ReadBlock());
        Assert.Equal(PerfDevice.Identity.Length, raw.RoundTrip());
    }

    [Fact]
    public async Task Raw_vxi11_clients_in_parallel_each_get_every_reply()
    {
        // Eight links to one device used to lose a reply now and then (the read waited out its timeout with the reply
        // queued); a race, so this catches it only sometimes, but a lost reply fails it with the raw client's message.
        await using var server = StartVxi11(new PerfDevice(16));
        var clients = Enumerable.Range(0, 8).Select(_ => new RawVxi11PerfClient(PortName(server), 16, TimeSpan.FromSeconds(5))).ToArray();
        try
        {
            var until = DateTime.UtcNow.AddSeconds(1);
            var counts = await Task.WhenAll(clients.Select(client => Task.Factory.StartNew(() =>
            {
                var count = 0;
                do
                {
                    Assert.Equal(PerfDevice.Identity.Length, client.RoundTrip());
                    count++;
                }
                while (count < 200 || DateTime.UtcNow < until);
                return count;
            }, TaskCreationOptions.LongRunning))).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.All(counts, count => Assert.True(count >= 200));
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
    }

    [Fact]
    public async Task The_raw_vxi11_client_names_a_device_the_server_does_not_serve()
    {
        await using var server = StartVxi11(new PerfDevice(16));
        var name = $"TCPIP::127.0.0.1,{server.LocalEndPoint.Port}::inst9::INSTR";

        var e = Assert.Throws<IOException>(() => new RawVxi11PerfClient(name, 16, Timeout));

        Assert.Contains($"create_link for device 'inst9' on {name} failed with VXI-11 error 3 (device not accessible", e.Message);
    }

    [Fact]
    public async Task The_raw_hislip_client_quotes_the_servers_refusal()
    {
        await using var server = await StartHislipAsync(new PerfDevice(16));
        var name = $"TCPIP::127.0.0.1::hislip7,{server.LocalEndPoint.Port}::INSTR";

        var e = Assert.Throws<IOException>(() => new RawHislipPerfClient(name, 16, Timeout));

        Assert.Contains($"{name} refused Initialize with FatalError", e.Message);
        Assert.Contains("\"hislip7\"", e.Message);
    }

    [Theory]
    [InlineData("TCPIP::127.0.0.1::inst0::INSTR", "the raw VXI-11 client needs a TCPIP::host,port::inst0::INSTR name with the core port")]
    [InlineData("TCPIP::127.0.0.1::hislip0,4880::INSTR", "the raw VXI-11 client needs")]
    [InlineData("TCPIP::127.0.0.1::5025::SOCKET", "the raw VXI-11 client needs")]
    public void The_raw_vxi11_client_refuses_a_name_without_a_core_port(string name, string message)
    {
        var e = Assert.Throws<UsageException>(() => new RawVxi11PerfClient(name, 16, Timeout));

        Assert.Contains(message, e.Message);
        Assert.Contains($"not '{name}'", e.Message);
    }

    [Fact]
    public void The_raw_hislip_client_refuses_a_name_that_is_not_hislip()
    {
        var e = Assert.Throws<UsageException>(() => new RawHislipPerfClient("TCPIP::127.0.0.1,4000::inst0::INSTR", 16, Timeout));

        Assert.Contains("the raw HiSLIP client needs a TCPIP::host::hislip0[,port]::INSTR name, not 'TCPIP::127.0.0.1,4000::inst0::INSTR'", e.Message);
    }

    [Fact]
    public async Task A_vxi11_server_that_closes_in_the_middle_of_a_reply_is_named()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var peer = await listener.AcceptSocketAsync().WaitAsync(Timeout);
            var createLink = await ReceiveRecordAsync(peer);
            // An accepted create_link reply: xid, REPLY, MSG_ACCEPTED, empty verifier, SUCCESS, then error 0, link 1, abort port, max size.
            await peer.SendAsync(Record([Xid(createLink), 1, 0, 0, 0, 0, 0, 1, 0, 1024]));
            var write = await ReceiveRecordAsync(peer);
            var reply = Record([Xid(write), 1, 0, 0, 0, 0, 0, 6]);
            await peer.SendAsync(reply.AsMemory(0, 10)); // then hang up
        });
        var name = $"TCPIP::127.0.0.1,{port}::inst0::INSTR";
        using var raw = new RawVxi11PerfClient(name, 16, Timeout);

        var e = Assert.Throws<IOException>(() => raw.RoundTrip());

        Assert.Equal($"{name} closed the connection in the middle of a reply.", e.Message);
        await server.WaitAsync(Timeout);
    }

    [Fact]
    public async Task A_hislip_server_that_closes_in_the_middle_of_a_reply_is_named()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var sync = await listener.AcceptSocketAsync().WaitAsync(Timeout);
            await ReceiveMessageAsync(sync); // Initialize
            await sync.SendAsync(Header(1, (0x0100u << 16) | 1, 0)); // InitializeResponse, session 1
            using var asynchronous = await listener.AcceptSocketAsync().WaitAsync(Timeout);
            await ReceiveMessageAsync(asynchronous); // AsyncInitialize
            await asynchronous.SendAsync(Header(18, 0x4F56, 0)); // AsyncInitializeResponse
            var query = await ReceiveMessageAsync(sync);
            var reply = Header(7, BinaryPrimitives.ReadUInt32BigEndian(query.AsSpan(4)), 26);
            await sync.SendAsync(reply.AsMemory(0, 12)); // a header cut short, then hang up
        });
        var name = $"TCPIP::127.0.0.1::hislip0,{port}::INSTR";
        using var raw = new RawHislipPerfClient(name, 16, Timeout);

        var e = Assert.Throws<IOException>(() => raw.RoundTrip());

        Assert.Equal($"{name} closed the connection in the middle of a reply.", e.Message);
        await server.WaitAsync(Timeout);
    }

    internal static Vxi11InstrumentServer StartVxi11(PerfDevice device)
    {
        var server = new Vxi11InstrumentServer([new KeyValuePair<string, IMessageDevice>("inst0", device)], new Vxi11ServerOptions { Portmapper = Vxi11PortmapperMode.None });
        server.Start();
        return server;
    }

    private static string PortName(Vxi11InstrumentServer server) => $"TCPIP::127.0.0.1,{server.LocalEndPoint.Port}::inst0::INSTR";

    private static async Task<HislipServer> StartHislipAsync(PerfDevice device)
    {
        var server = new HislipServer(new IPEndPoint(IPAddress.Loopback, 0), [("hislip0", device)]);
        await server.StartAsync();
        return server;
    }

    private static uint Xid(byte[] record) => BinaryPrimitives.ReadUInt32BigEndian(record);

    /// <summary>A one-fragment RPC record of 32-bit values.</summary>
    private static byte[] Record(uint[] values)
    {
        var record = new byte[4 + (4 * values.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(record, 0x8000_0000u | (uint)(4 * values.Length));
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(4 + (4 * i)), values[i]);
        return record;
    }

    /// <summary>Reads one RPC record; returns it without its mark.</summary>
    private static async Task<byte[]> ReceiveRecordAsync(Socket socket)
    {
        var mark = await ReceiveExactAsync(socket, 4);
        return await ReceiveExactAsync(socket, (int)(BinaryPrimitives.ReadUInt32BigEndian(mark) & 0x7FFF_FFFF));
    }

    private static byte[] Header(byte type, uint parameter, ulong length)
    {
        var header = new byte[16];
        header[0] = (byte)'H';
        header[1] = (byte)'S';
        header[2] = type;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), parameter);
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(8), length);
        return header;
    }

    /// <summary>Reads one HiSLIP message; returns its header (the payload is read and dropped).</summary>
    private static async Task<byte[]> ReceiveMessageAsync(Socket socket)
    {
        var header = await ReceiveExactAsync(socket, 16);
        await ReceiveExactAsync(socket, (int)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)));
        return header;
    }

    private static async Task<byte[]> ReceiveExactAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var have = 0;
        using var cancel = new CancellationTokenSource(Timeout);
        while (have < count)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None, cancel.Token);
            have += received > 0 ? received : throw new IOException("The client hung up.");
        }
        return buffer;
    }
}
