using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OpenVisa.Managed.Tcpip.Vxi11;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tests.Vxi11;

/// <summary>
/// The VXI-11 session's cancellable synchronous read (<see cref="VisaLibrary.TryReadCancellable"/>), which libopenvisa's
/// <c>viRead</c> takes for long timeouts so that <c>viTerminate</c> can end it: the RPC reply is waited for in slices
/// with the token looked at between them; a cancellation aborts the <c>device_read</c> on the instrument, and the
/// abandoned call's reply never answers a later call.
/// </summary>
public sealed class Vxi11CancellableReadTests
{
    /// <summary>Added to a slice for "ended promptly": the machine running the tests is often loaded.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(RpcTcpClient.CancellationCheckMs);

    [Fact]
    public async Task A_cancelled_read_ends_within_a_slice_and_the_next_query_gets_its_own_reply_at_once()
    {
        await using var bench = Vxi11Bench.Start();
        using var library = new ManagedLibrary("");
        var session = CancellableReadProbe.Open(library, Name(bench), timeoutMs: 60_000);
        using var abort = new CancellationTokenSource();
        var reading = CancellableReadProbe.Start(library, session, abort.Token);

        await Task.Delay(500);
        Assert.False(reading.IsCompleted, "the read ended before anything cancelled it");
        var cancelled = Stopwatch.StartNew();
        abort.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(cancelled.Elapsed < Slice + Margin, $"the read ended {cancelled.Elapsed} after its cancellation");
        // The instrument serves one call at a time per link: only the device_abort lets the next write in before the
        // abandoned device_read's 60 s are up, and that read's late reply (error 23) must not be taken for the write's.
        var next = Stopwatch.StartNew();
        Assert.Equal("mine\n", CancellableReadProbe.Query(library, session, "ECHO mine"));
        Assert.True(next.Elapsed < TimeSpan.FromSeconds(10), $"the next query took {next.Elapsed}: it waited for the abandoned read");
    }

    [Theory]
    [InlineData("ECHO terminated", true, 64)]
    [InlineData("ECHO ended by END", false, 64)]
    [InlineData("ECHO split into several reads", false, 5)]
    [InlineData("DATA? 300000", false, 4096)]
    [InlineData("DATA? 300000", false, 100_000)]
    public async Task An_uncancelled_read_returns_the_same_bytes_and_status_as_Read(string command, bool termChar, int chunk)
    {
        await using var bench = Vxi11Bench.Start();
        using var library = new ManagedLibrary("");
        var session = CancellableReadProbe.Open(library, Name(bench), timeoutMs: 10_000, termChar);

        CancellableReadProbe.Write(library, session, command);
        var plain = CancellableReadProbe.Chunks(buffer => library.Read(session, buffer), chunk);
        CancellableReadProbe.Write(library, session, command);
        var cancellable = CancellableReadProbe.Chunks(buffer => CancellableReadProbe.Read(library, session, buffer), chunk);

        Assert.True(plain.Count >= 1);
        Assert.Equal(plain, cancellable);
    }

    [Fact]
    public async Task A_reply_later_than_several_slices_is_read_whole()
    {
        await using var bench = Vxi11Bench.Start();
        using var library = new ManagedLibrary("");
        var session = CancellableReadProbe.Open(library, Name(bench), timeoutMs: 60_000);
        CancellableReadProbe.Write(library, session, $"SLOW? {(3 * RpcTcpClient.CancellationCheckMs) + 50}");
        using var never = new CancellationTokenSource();

        var (text, status) = await CancellableReadProbe.Start(library, session, never.Token).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("slow\n", text);
        Assert.Equal(StatusCode.SuccessTerminationCharacterRead, status);
    }

    [Fact]
    public async Task The_session_timeout_still_ends_a_cancellable_read_with_VI_ERROR_TMO()
    {
        await using var bench = Vxi11Bench.Start();
        using var library = new ManagedLibrary("");
        var session = CancellableReadProbe.Open(library, Name(bench), timeoutMs: 450);
        using var never = new CancellationTokenSource();
        var took = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => library.TryReadCancellable(session, new byte[64], never.Token, out _));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Equal("Read", e.Operation);
        Assert.InRange(took.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(450) + Margin);
    }

    [Fact]
    public async Task Plain_calls_after_a_cancellable_read_keep_its_slice_and_still_time_out_on_time()
    {
        await using var bench = Vxi11Bench.Start();
        using var library = new ManagedLibrary("");
        var session = CancellableReadProbe.Open(library, Name(bench), timeoutMs: 10_000);
        var core = ((Vxi11Session)library.GetSession(session)).Client.CoreSocket;
        CancellableReadProbe.Write(library, session, "ECHO first");
        Assert.Equal(StatusCode.SuccessTerminationCharacterRead, CancellableReadProbe.Read(library, session, new byte[64]).Status);

        // The next query's device_write is a plain call: it must not set SO_RCVTIMEO back (two setsockopt calls a query).
        CancellableReadProbe.Write(library, session, "ECHO second");
        Assert.Equal(RpcTcpClient.CancellationCheckMs, core.ReceiveTimeout);
        Assert.Equal(StatusCode.SuccessTerminationCharacterRead, CancellableReadProbe.Read(library, session, new byte[64]).Status);

        // A plain read waiting in those slices still ends at its own timeout.
        library.SetAttribute(session, VisaAttribute.TimeoutValue, 450u);
        var took = Stopwatch.StartNew();
        var e = Assert.Throws<VisaException>(() => library.Read(session, new byte[64]));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.InRange(took.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(450) + Margin);
    }

    [Fact]
    public async Task A_cancellable_read_on_a_lost_connection_is_VI_ERROR_CONN_LOST_not_a_cancellation()
    {
        var bench = Vxi11Bench.Start();
        var name = Name(bench);
        using var library = new ManagedLibrary("");
        var session = CancellableReadProbe.Open(library, name, timeoutMs: 60_000);
        using var abort = new CancellationTokenSource();
        var reading = CancellableReadProbe.Start(library, session, abort.Token);
        await Task.Delay(300);

        await bench.DisposeAsync();

        var e = await Assert.ThrowsAsync<VisaException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Equal(name.Replace("TCPIP::", "TCPIP0::", StringComparison.Ordinal), e.ResourceName);
        Assert.Contains("device_read", e.Message);
        Assert.Contains("close the resource and open it again", e.Message);
        // Later reads fail the same way at once, cancellable or not, rather than waiting or claiming a cancellation.
        var again = Assert.Throws<VisaException>(() => library.TryReadCancellable(session, new byte[64], abort.Token, out _));
        Assert.Equal(StatusCode.ErrorConnectionLost, again.Status);
    }

    [Fact]
    public async Task A_late_reply_to_a_cancelled_RPC_call_is_dropped_by_its_transaction_id_even_when_cut_mid_record()
    {
        const uint Program = 0x2000_0001;
        using var listener = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = RpcTcpClient.Connect((IPEndPoint)listener.LocalEndPoint!, Program, 1, TimeSpan.FromSeconds(10));
        using var server = listener.Accept();
        server.ReceiveTimeout = 30_000;
        var calls = new RpcRecordReader(1 << 20);
        var peer = (IPEndPoint)server.RemoteEndPoint!;

        client.BeginCall(7).WriteUInt32(1);
        using var cancel = new CancellationTokenSource();
        var first = Task.Factory.StartNew(() => client.Invoke(TimeSpan.FromSeconds(60), cancel.Token).Length,
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var firstCall = RpcCall.Parse(calls.Receive(server).Span, peer, out _);
        // Half of the first reply arrives before the cancellation, the rest after it: the framing must survive.
        var late = Reply(firstCall.Xid, 111);
        server.Send(late[..10]);
        await Task.Delay(300);
        var cancelled = Stopwatch.StartNew();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(cancelled.Elapsed < Slice + Margin, $"the call ended {cancelled.Elapsed} after its cancellation");
        server.Send(late[10..]);

        client.BeginCall(7).WriteUInt32(2);
        var second = Task.Factory.StartNew(() =>
        {
            var results = new XdrReader(client.Invoke(TimeSpan.FromSeconds(30)));
            return results.ReadUInt32("value");
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var secondCall = RpcCall.Parse(calls.Receive(server).Span, peer, out _);
        Assert.NotEqual(firstCall.Xid, secondCall.Xid);
        server.Send(Reply(secondCall.Xid, 222));

        Assert.Equal(222u, await second.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>A whole record-marked accepted reply carrying one unsigned integer.</summary>
    private static byte[] Reply(uint xid, uint value)
    {
        var writer = new XdrWriter();
        writer.BeginRecord();
        RpcMessage.WriteAcceptedReplyHeader(writer, xid, RpcAcceptStatus.Success);
        writer.WriteUInt32(value);
        writer.FinishRecord();
        return writer.Written.ToArray();
    }

    private static string Name(Vxi11Bench bench) => $"TCPIP::127.0.0.1,{bench.Port}::inst0::INSTR";
}
