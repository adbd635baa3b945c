using System.Diagnostics;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>
/// The HiSLIP session's cancellable synchronous read (<see cref="VisaLibrary.TryReadCancellable"/>), which libopenvisa's
/// <c>viRead</c> takes for long timeouts so that <c>viTerminate</c> can end it: the synchronous channel is waited on in
/// slices with the token looked at between them, and a cancelled read leaves the channel in step, so the reply it gave
/// up on is dropped by its message id and the next query reads its own.
/// </summary>
[Collection(HislipEnvironmentCollection.Name)]
public sealed class HislipCancellableReadTests
{
    /// <summary>Added to a slice for "ended promptly": the machine running the tests is often loaded.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(HislipConnection.CancellationCheckMs);

    [Fact]
    public async Task A_read_blocked_on_an_instrument_that_never_answers_ends_within_a_slice_of_its_cancellation()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var library = new ManagedLibrary("");
        var session = CancellableReadProbe.Open(library, fixture.Server.ResourceNameOf("hislip0"), timeoutMs: 60_000);
        using var abort = new CancellationTokenSource();
        var reading = CancellableReadProbe.Start(library, session, abort.Token);

        await Task.Delay(500);
        Assert.False(reading.IsCompleted, "the read ended before anything cancelled it");
        var cancelled = Stopwatch.StartNew();
        abort.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(cancelled.Elapsed < Slice + Margin, $"the read ended {cancelled.Elapsed} after its cancellation");
        Assert.Equal("mine\n", CancellableReadProbe.Query(library, session, "ECHO? mine"));
    }

    [Fact]
    public async Task The_late_reply_to_a_cancelled_read_is_dropped_and_the_next_query_reads_its_own()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var library = new ManagedLibrary("");
        var session = CancellableReadProbe.Open(library, fixture.Server.ResourceNameOf("hislip0"), timeoutMs: 60_000);
        CancellableReadProbe.Write(library, session, "SLOW? 1500");
        using var abort = new CancellationTokenSource();
        var reading = CancellableReadProbe.Start(library, session, abort.Token);
        await Task.Delay(300);
        abort.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));

        // The instrument answers the slow query ("DONE") after this, under the older message id: it must be dropped.
        var reply = CancellableReadProbe.Query(library, session, "ECHO? mine");

        Assert.Equal("mine\n", reply);
        Assert.Equal(["SLOW? 1500", "ECHO? mine"], fixture.Instrument.Commands.Select(command => command.TrimEnd('\n')));
    }

    [Theory]
    [InlineData("ECHO? terminated", true, 64)]
    [InlineData("ECHO? ended by END", false, 64)]
    [InlineData("ECHO? split into several reads", false, 5)]
    [InlineData("BLOCK? 300000", false, 4096)]
    [InlineData("BLOCK? 300000", false, 100_000)]
    public async Task An_uncancelled_read_returns_the_same_bytes_and_status_as_Read(string command, bool termChar, int chunk)
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var library = new ManagedLibrary("");
        var session = CancellableReadProbe.Open(library, fixture.Server.ResourceNameOf("hislip0"), timeoutMs: 10_000, termChar);

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
        await using var fixture = await HislipFixture.StartAsync();
        using var library = new ManagedLibrary("");
        var session = CancellableReadProbe.Open(library, fixture.Server.ResourceNameOf("hislip0"), timeoutMs: 60_000);
        CancellableReadProbe.Write(library, session, $"SLOW? {(3 * HislipConnection.CancellationCheckMs) + 50}");
        using var never = new CancellationTokenSource();

        var (text, status) = await CancellableReadProbe.Start(library, session, never.Token).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("DONE\n", text);
        Assert.Equal(StatusCode.Success, status);
    }

    [Fact]
    public async Task The_session_timeout_still_ends_a_cancellable_read_with_VI_ERROR_TMO()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var library = new ManagedLibrary("");
        var session = CancellableReadProbe.Open(library, fixture.Server.ResourceNameOf("hislip0"), timeoutMs: 450);
        using var never = new CancellationTokenSource();
        var took = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => library.TryReadCancellable(session, new byte[64], never.Token, out _));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Equal("Read", e.Operation);
        Assert.Contains("No reply arrived within 450 ms", e.Message);
        Assert.InRange(took.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(450) + Margin);
    }

    [Fact]
    public async Task A_cancellable_read_on_a_lost_connection_is_VI_ERROR_CONN_LOST_not_a_cancellation()
    {
        var fixture = await HislipFixture.StartAsync();
        var name = fixture.Server.ResourceNameOf("hislip0");
        using var library = new ManagedLibrary("");
        var session = CancellableReadProbe.Open(library, name, timeoutMs: 60_000);
        using var abort = new CancellationTokenSource();
        var reading = CancellableReadProbe.Start(library, session, abort.Token);
        await Task.Delay(300);

        await fixture.DisposeAsync();

        var e = await Assert.ThrowsAsync<VisaException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Equal("Read", e.Operation);
        // Later reads fail the same way at once, cancellable or not, rather than waiting or claiming a cancellation.
        var again = Assert.Throws<VisaException>(() => library.TryReadCancellable(session, new byte[64], abort.Token, out _));
        Assert.Equal(StatusCode.ErrorConnectionLost, again.Status);
        Assert.Contains("lost earlier", again.Message);
    }

    [Fact]
    public async Task Under_TLS_a_reply_later_than_several_slices_is_read_whole_and_a_cancelled_read_leaves_the_session_usable()
    {
        // Each slice that ends with nothing is a timed-out TLS read; the stream must resume after it.
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { Certificate = HislipCertificates.Localhost });
        using var client = fixture.Connect(new HislipClientOptions
        {
            Encryption = HislipEncryptionMode.Required,
            TargetHost = "localhost",
            TrustedCertificates = HislipCertificates.TrustLocalhost,
            TimeoutMilliseconds = 60_000,
            OpenTimeout = TimeSpan.FromSeconds(20),
        });
        Assert.True(client.IsEncrypted);
        using var never = new CancellationTokenSource();
        var buffer = new byte[64];

        client.WriteText($"SLOW? {(3 * HislipConnection.CancellationCheckMs) + 50}");
        var late = client.Read(buffer, never.Token);
        Assert.Equal("DONE\n", System.Text.Encoding.ASCII.GetString(buffer, 0, late.Count));
        Assert.Equal(StatusCode.Success, late.Status);

        using var abort = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var cancelled = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => client.Read(buffer, abort.Token));
        Assert.True(cancelled.Elapsed < TimeSpan.FromMilliseconds(400) + Slice + Margin, $"the read ended after {cancelled.Elapsed}");
        Assert.Equal("still in step\n", client.Query("ECHO? still in step"));
    }
}
