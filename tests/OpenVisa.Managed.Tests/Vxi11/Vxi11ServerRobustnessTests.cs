using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OpenVisa.Managed.Tcpip.Vxi11;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tests.Vxi11;

/// <summary>What hostile or broken clients send never takes the server down.</summary>
public sealed class Vxi11ServerRobustnessTests
{
    [Fact]
    public async Task A_record_that_is_not_an_RPC_call_closes_only_that_connection()
    {
        await using var bench = Vxi11Bench.Start();
        using var raw = Connect(bench.Port);
        raw.Send(Record("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8));
        Assert.Equal(0, ReceiveUntilClosed(raw));
        Assert.Equal("alive\n", Vxi11Bench.Query(bench.Open(), "ECHO alive"));
    }

    [Fact]
    public async Task Random_bytes_without_record_marking_close_only_that_connection()
    {
        await using var bench = Vxi11Bench.Start();
        using var raw = Connect(bench.Port);
        var junk = new byte[300];
        new Random(7).NextBytes(junk);
        junk[0] = 0x00; // a plausible small fragment header followed by garbage
        raw.Send(junk);
        raw.Shutdown(SocketShutdown.Send);
        ReceiveUntilClosed(raw);
        Assert.Equal("alive\n", Vxi11Bench.Query(bench.Open(), "ECHO alive"));
    }

    [Fact]
    public async Task An_oversized_fragment_closes_the_connection_without_allocating_it()
    {
        await using var bench = Vxi11Bench.Start(maxReceiveSize: 4096);
        using var raw = Connect(bench.Port);
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x8000_0000 | 0x7FFF_FFF0);
        raw.Send(header);
        raw.Send(new byte[1000]);
        Assert.Equal(0, ReceiveUntilClosed(raw));
        Assert.Equal("alive\n", Vxi11Bench.Query(bench.Open(), "ECHO alive"));
    }

    [Fact]
    public async Task A_wrong_program_number_is_answered_PROG_UNAVAIL()
    {
        await using var bench = Vxi11Bench.Start();
        using var rpc = new RpcTcpClient(Connect(bench.Port), 100003, 3);
        rpc.BeginCall(0);
        var e = Assert.Throws<RpcException>(() => rpc.Invoke(TimeSpan.FromSeconds(2)));
        Assert.Equal(RpcFailure.ProgramUnavailable, e.Failure);
        Assert.Contains("0x186A3", e.Message);
        // The same connection still works for the right program.
        using var core = new RpcTcpClient(Connect(bench.Port), Vxi11Protocol.CoreProgram, 1);
        core.BeginCall(0);
        core.Invoke(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_wrong_version_is_answered_PROG_MISMATCH_with_the_range()
    {
        await using var bench = Vxi11Bench.Start();
        using var rpc = new RpcTcpClient(Connect(bench.Port), Vxi11Protocol.CoreProgram, 7);
        rpc.BeginCall(Vxi11Protocol.CreateLink);
        var e = Assert.Throws<RpcException>(() => rpc.Invoke(TimeSpan.FromSeconds(2)));
        Assert.Equal(RpcFailure.ProgramMismatch, e.Failure);
        Assert.Contains("offers versions 1 to 1", e.Message);
    }

    [Fact]
    public async Task An_unknown_procedure_is_answered_PROC_UNAVAIL()
    {
        await using var bench = Vxi11Bench.Start();
        using var rpc = new RpcTcpClient(Connect(bench.Port), Vxi11Protocol.CoreProgram, 1);
        rpc.BeginCall(99);
        var e = Assert.Throws<RpcException>(() => rpc.Invoke(TimeSpan.FromSeconds(2)));
        Assert.Equal(RpcFailure.ProcedureUnavailable, e.Failure);
        Assert.Contains("no procedure 99", e.Message);
    }

    [Fact]
    public async Task Truncated_arguments_are_answered_GARBAGE_ARGS()
    {
        await using var bench = Vxi11Bench.Start();
        using var rpc = new RpcTcpClient(Connect(bench.Port), Vxi11Protocol.CoreProgram, 1);
        var args = rpc.BeginCall(Vxi11Protocol.CreateLink);
        args.WriteInt32(1);
        args.WriteBool(false);
        args.WriteUInt32(0);
        args.WriteUInt32(1_000_000); // claims a million-byte device name that is not there
        var e = Assert.Throws<RpcException>(() => rpc.Invoke(TimeSpan.FromSeconds(2)));
        Assert.Equal(RpcFailure.GarbageArguments, e.Failure);
    }

    [Fact]
    public async Task A_wrong_RPC_version_is_denied_with_RPC_MISMATCH()
    {
        await using var bench = Vxi11Bench.Start();
        using var raw = Connect(bench.Port);
        var call = new XdrWriter();
        call.BeginRecord();
        call.WriteUInt32(42);
        call.WriteUInt32(0);
        call.WriteUInt32(3); // RPC version 3 does not exist
        call.WriteUInt32(Vxi11Protocol.CoreProgram);
        call.WriteUInt32(1);
        call.WriteUInt32(0);
        call.WriteAuthNone();
        call.WriteAuthNone();
        call.FinishRecord();
        raw.Send(call.Written);
        var reply = new RpcRecordReader(1024).Receive(raw).ToArray();
        var e = Assert.Throws<RpcException>(() =>
        {
            var reader = new XdrReader(reply);
            RpcMessage.TryReadReplyHeader(ref reader, 42, Vxi11Protocol.CoreProgram, 1, 0);
        });
        Assert.Equal(RpcFailure.RpcMismatch, e.Failure);
    }

    [Fact]
    public async Task A_link_id_from_nowhere_is_answered_invalid_link()
    {
        await using var bench = Vxi11Bench.Start();
        using var rpc = new RpcTcpClient(Connect(bench.Port), Vxi11Protocol.CoreProgram, 1);
        var args = rpc.BeginCall(Vxi11Protocol.DeviceWrite);
        args.WriteInt32(12345);
        args.WriteUInt32(1000);
        args.WriteUInt32(0);
        args.WriteUInt32(8);
        args.WriteOpaque("*IDN?\n"u8);
        var reader = new XdrReader(rpc.Invoke(TimeSpan.FromSeconds(2)));
        Assert.Equal((uint)Vxi11ErrorCode.InvalidLinkIdentifier, reader.ReadUInt32("error"));
    }

    [Fact]
    public async Task A_client_that_vanishes_mid_record_frees_its_link_and_its_lock()
    {
        await using var bench = Vxi11Bench.Start();
        var raw = Connect(bench.Port);
        using (var rpc = new RpcTcpClient(raw, Vxi11Protocol.CoreProgram, 1))
        {
            var args = rpc.BeginCall(Vxi11Protocol.CreateLink);
            args.WriteInt32(1);
            args.WriteBool(true); // lock the device
            args.WriteUInt32(0);
            args.WriteString("inst0");
            Assert.Equal(0u, new XdrReader(rpc.Invoke(TimeSpan.FromSeconds(2))).ReadUInt32("error"));
            Assert.Equal(1, bench.Server.LinkCount);
            raw.Send([0x80, 0x00, 0x10]); // half a record header, then the process is gone
        }
        await Vxi11Bench.Eventually(() => bench.Server.LinkCount == 0 && bench.Server.ConnectionCount == 0, "the vanished client's link and connection are gone");
        var next = bench.Open(lockDevice: true, lockTimeout: TimeSpan.FromSeconds(1));
        Assert.Equal("free\n", Vxi11Bench.Query(next, "ECHO free"));
    }

    [Fact]
    public async Task A_client_that_resets_its_connection_while_a_read_waits_does_not_disturb_others()
    {
        await using var bench = Vxi11Bench.Start();
        using var rpc = new RpcTcpClient(Connect(bench.Port), Vxi11Protocol.CoreProgram, 1);
        var args = rpc.BeginCall(Vxi11Protocol.CreateLink);
        args.WriteInt32(1);
        args.WriteBool(false);
        args.WriteUInt32(0);
        args.WriteString("inst0");
        var reader = new XdrReader(rpc.Invoke(TimeSpan.FromSeconds(2)));
        Assert.Equal(0u, reader.ReadUInt32("error"));
        var link = reader.ReadInt32("lid");
        var read = rpc.BeginCall(Vxi11Protocol.DeviceRead);
        read.WriteInt32(link);
        read.WriteUInt32(100);
        read.WriteUInt32(3000);
        read.WriteUInt32(0);
        read.WriteUInt32(0);
        read.WriteUInt32(0);
        Assert.Throws<TimeoutException>(() => rpc.Invoke(TimeSpan.FromMilliseconds(100)));
        rpc.Dispose();
        Assert.Equal("others\n", Vxi11Bench.Query(bench.Open(), "ECHO others"));
        await Vxi11Bench.Eventually(() => bench.Server.LinkCount == 1, "the reset client's link is gone");
    }

    [Fact]
    public async Task Stopping_the_server_ends_blocked_reads_with_a_lost_connection()
    {
        var bench = Vxi11Bench.Start();
        var client = bench.Open();
        var reading = Task.Run(() => client.Read(new byte[10], 20000, false, 0, false));
        await Task.Delay(200);
        await bench.Server.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var e = await Assert.ThrowsAsync<VisaException>(() => reading.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(e.Status is StatusCode.ErrorConnectionLost or StatusCode.ErrorAbort, e.Message);
        await bench.DisposeAsync();
    }

    [Fact]
    public async Task Stopping_the_server_with_an_idle_client_ends_promptly_and_frees_its_link()
    {
        var bench = Vxi11Bench.Start();
        var client = bench.Open(lockDevice: true, lockTimeout: TimeSpan.FromSeconds(1));
        Assert.Equal("idle\n", Vxi11Bench.Query(client, "ECHO idle"));
        Assert.Equal(1, bench.Server.ConnectionCount);
        // The connection's thread is blocked receiving the next call; closing its socket must wake it.
        var stopping = Stopwatch.StartNew();
        await bench.Server.StopAsync().WaitAsync(TimeSpan.FromSeconds(2));
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(2), $"Stopping took {stopping.Elapsed}.");
        Assert.Equal(0, bench.Server.ConnectionCount);
        Assert.Equal(0, bench.Server.LinkCount);
        var e = Assert.Throws<VisaException>(() => Vxi11Bench.Query(client, "ECHO gone", 2000));
        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        await bench.DisposeAsync();
    }

    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static byte[] Record(ReadOnlySpan<byte> payload)
    {
        var record = new byte[payload.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(record, 0x8000_0000u | (uint)payload.Length);
        payload.CopyTo(record.AsSpan(4));
        return record;
    }

    /// <summary>Reads until the server closes the connection; returns the bytes received.</summary>
    private static int ReceiveUntilClosed(Socket socket)
    {
        var buffer = new byte[4096];
        var total = 0;
        while (true)
        {
            int count;
            try
            {
                count = socket.Receive(buffer);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                return total;
            }
            if (count == 0)
                return total;
            total += count;
        }
    }
}
