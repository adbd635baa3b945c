using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tests.Vxi11;

public sealed class RpcCodecTests
{
    [Fact]
    public void Xdr_round_trips_integers_booleans_opaque_and_strings_with_padding()
    {
        var writer = new XdrWriter(8);
        writer.BeginDatagram();
        writer.WriteUInt32(0xDEADBEEF);
        writer.WriteInt32(-2);
        writer.WriteBool(true);
        writer.WriteOpaque([1, 2, 3, 4, 5]);
        writer.WriteString("inst0");
        writer.WriteOpaque([]);
        Assert.Equal(4 + 4 + 4 + (4 + 8) + (4 + 8) + 4, writer.Length);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 0, 0, 0 }, writer.Written[16..24].ToArray());
        var reader = new XdrReader(writer.Written);
        Assert.Equal(0xDEADBEEF, reader.ReadUInt32("a"));
        Assert.Equal(-2, reader.ReadInt32("b"));
        Assert.True(reader.ReadBool("c"));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, reader.ReadOpaque("d").ToArray());
        Assert.Equal("inst0", reader.ReadString("e", 10));
        Assert.True(reader.ReadOpaque("f").IsEmpty);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void A_truncated_message_names_the_field_and_the_offset()
    {
        var e = Assert.Throws<XdrException>(() =>
        {
            var reader = new XdrReader(new byte[6]);
            reader.ReadUInt32("error");
            reader.ReadUInt32("link id");
        });
        Assert.Contains("link id", e.Message);
        Assert.Contains("ended at byte 6", e.Message);
        Assert.Contains("2 left", e.Message);
    }

    [Fact]
    public void Opaque_data_longer_than_the_message_or_the_limit_is_refused()
    {
        var data = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(data, 100);
        var e = Assert.Throws<XdrException>(() => new XdrReader(data).ReadOpaque("data"));
        Assert.Contains("claims 100 bytes but the message has only 8 left", e.Message);
        BinaryPrimitives.WriteUInt32BigEndian(data, 8);
        var limit = Assert.Throws<XdrException>(() => new XdrReader(data).ReadOpaque("handle", 4));
        Assert.Contains("at most 4 are allowed", limit.Message);
        BinaryPrimitives.WriteUInt32BigEndian(data, 0xFFFFFFFF);
        Assert.Throws<XdrException>(() => new XdrReader(data).ReadOpaque("data"));
        var noLength = Assert.Throws<XdrException>(() => new XdrReader(new byte[3]).ReadOpaque("data"));
        Assert.Contains("while reading the data length (4 bytes needed, 3 left)", noLength.Message);
    }

    [Fact]
    public void A_boolean_other_than_0_or_1_is_malformed()
    {
        var data = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(data, 2);
        var e = Assert.Throws<XdrException>(() => new XdrReader(data).ReadBool("lockDevice"));
        Assert.Contains("lockDevice at byte 0 is 2, not an XDR boolean", e.Message);
    }

    [Fact]
    public void Strings_beyond_Latin1_are_refused_with_the_character()
    {
        var writer = new XdrWriter();
        var e = Assert.Throws<ArgumentException>(() => writer.WriteString("inst€"));
        Assert.Contains("U+20AC", e.Message);
    }

    [Fact]
    public void A_record_header_carries_the_length_and_the_last_fragment_bit()
    {
        var writer = new XdrWriter();
        writer.BeginRecord();
        writer.WriteUInt32(7);
        writer.FinishRecord();
        Assert.Equal(0x8000_0004u, BinaryPrimitives.ReadUInt32BigEndian(writer.Written));
        Assert.Equal((4, true), RecordMark.Decode(0x8000_0004));
        Assert.Equal((12, false), RecordMark.Decode(12));
    }

    [Fact]
    public async Task The_record_reader_joins_fragments_and_survives_byte_by_byte_delivery()
    {
        using var pair = await SocketPair.CreateAsync();
        var payload = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        var stream = new List<byte>();
        stream.AddRange(Fragment(payload.AsSpan(0, 10), last: false));
        stream.AddRange(Fragment(payload.AsSpan(10, 50_000), last: false));
        stream.AddRange(Fragment(payload.AsSpan(50_010), last: true));
        stream.AddRange(Fragment([9, 9, 9, 9], last: true)); // the next record, already in the same stream
        var sender = Task.Run(() =>
        {
            var bytes = stream.ToArray();
            for (var i = 0; i < 64; i++)
                pair.Client.Send(bytes.AsSpan(i, 1)); // the first bytes one at a time
            pair.Client.Send(bytes.AsSpan(64));
        });
        var reader = new RpcRecordReader(1 << 20);
        Assert.True(reader.Receive(pair.Server).Span.SequenceEqual(payload));
        Assert.Equal(new byte[] { 9, 9, 9, 9 }, (await reader.ReceiveAsync(pair.Server, CancellationToken.None)).ToArray());
        await sender;
    }

    [Fact]
    public async Task A_record_over_the_limit_is_refused_before_it_is_stored()
    {
        using var pair = await SocketPair.CreateAsync();
        pair.Client.Send(Fragment(new byte[100], last: false));
        pair.Client.Send(Fragment(new byte[100], last: true));
        var reader = new RpcRecordReader(150);
        var e = Assert.Throws<RpcException>(() => reader.Receive(pair.Server));
        Assert.Equal(RpcFailure.RecordTooLarge, e.Failure);
        Assert.Contains("fragment of 100 bytes after 100 bytes of the same record", e.Message);
        Assert.Contains("limited to 150 bytes", e.Message);
    }

    [Fact]
    public async Task A_peer_that_closes_mid_record_is_reported_with_how_much_arrived()
    {
        using var pair = await SocketPair.CreateAsync();
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x8000_0000 | 100);
        pair.Client.Send(header);
        pair.Client.Send(new byte[30]);
        pair.Client.Shutdown(SocketShutdown.Send);
        var e = Assert.Throws<EndOfStreamException>(() => new RpcRecordReader(1000).Receive(pair.Server));
        Assert.Contains("after 30 bytes of an unfinished RPC record", e.Message);
    }

    [Fact]
    public async Task A_receive_that_times_out_mid_record_resumes_where_it_stopped()
    {
        using var pair = await SocketPair.CreateAsync();
        pair.Server.ReceiveTimeout = 100;
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x8000_0000 | 20_000);
        pair.Client.Send(header);
        pair.Client.Send(new byte[12_000]);
        var reader = new RpcRecordReader(100_000);
        var e = Assert.Throws<SocketException>(() => reader.Receive(pair.Server));
        Assert.Equal(SocketError.TimedOut, e.SocketErrorCode);
        pair.Client.Send(Enumerable.Repeat((byte)1, 8_000).ToArray());
        var record = reader.Receive(pair.Server);
        Assert.Equal(20_000, record.Length);
        Assert.Equal(8_000, record.Span.ToArray().Count(b => b == 1));
    }

    private static byte[] Fragment(ReadOnlySpan<byte> data, bool last)
    {
        var fragment = new byte[data.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(fragment, RecordMark.Encode(data.Length, last));
        data.CopyTo(fragment.AsSpan(4));
        return fragment;
    }

    private sealed class SocketPair : IDisposable
    {
        private SocketPair(Socket client, Socket server)
        {
            Client = client;
            Server = server;
        }

        public Socket Client { get; }

        public Socket Server { get; }

        public static async Task<SocketPair> CreateAsync()
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            var accepting = listener.AcceptAsync();
            await client.ConnectAsync(listener.LocalEndPoint!);
            var server = await accepting;
            server.ReceiveTimeout = 5000;
            return new SocketPair(client, server);
        }

        public void Dispose()
        {
            Client.Dispose();
            Server.Dispose();
        }
    }
}
