using System.Diagnostics;
using System.Text;

namespace OpenVisa.Managed.Tests;

/// <summary>
/// The SOCKET session's cancellable synchronous read (<see cref="VisaLibrary.TryReadCancellable"/>), which libopenvisa's
/// <c>viRead</c> takes for long timeouts so that <c>viTerminate</c> can abort it: it waits in slices and looks at its
/// token between them, reads a late reply whole, and still ends at the session's timeout.
/// </summary>
public sealed class TcpipSocketCancellableReadTests
{
    [Fact]
    public async Task A_cancelled_read_ends_within_a_slice_and_the_session_reads_on()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open(timeoutMs: 60_000);
        bench.Write(session, "NOREPLY?");
        using var abort = new CancellationTokenSource();
        var took = Stopwatch.StartNew();
        var reading = Task.Factory.StartNew(() =>
        {
            var buffer = new byte[64];
            return bench.Library.TryReadCancellable(session, buffer, abort.Token, out _);
        }, TaskCreationOptions.LongRunning);

        await Task.Delay(300);
        Assert.False(reading.IsCompleted, "the read ended before anything cancelled it");
        var cancelled = Stopwatch.StartNew();
        abort.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(cancelled.Elapsed < TimeSpan.FromSeconds(5), $"the read ended {cancelled.Elapsed} after its cancellation");
        Assert.True(took.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal("after the abort\n", bench.Query(session, "ECHO after the abort"));
    }

    [Fact]
    public async Task A_reply_later_than_several_slices_is_read_whole()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open(timeoutMs: 60_000);
        var delay = TcpipSocketSessionSlices(3);
        bench.Write(session, $"DELAYED? {delay} late but whole");
        using var never = new CancellationTokenSource();
        var buffer = new byte[64];

        Assert.True(bench.Library.TryReadCancellable(session, buffer, never.Token, out var result));

        Assert.Equal(StatusCode.SuccessTerminationCharacterRead, result.Status);
        Assert.Equal("late but whole\n", Encoding.ASCII.GetString(buffer, 0, result.Count));
    }

    [Fact]
    public async Task The_session_timeout_still_ends_a_cancellable_read_with_VI_ERROR_TMO()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open(timeoutMs: 450);
        bench.Write(session, "NOREPLY?");
        using var never = new CancellationTokenSource();
        var took = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => bench.Library.TryReadCancellable(session, new byte[64], never.Token, out _));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.InRange(took.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(450) + TimeSpan.FromSeconds(3));
    }

    private static int TcpipSocketSessionSlices(int slices) => slices * Tcpip.Socket.TcpipSocketSession.CancellationCheckMs + 50;
}
