using System.Net;
using OpenVisa.Managed.Tests.Faults;

namespace OpenVisa.Lamb.Tests;

/// <summary>
/// Issue 18, section D, for HTTP: the <see cref="FaultProxy"/> of the LAN fault tests between <c>@lamb</c> and the HTTP
/// instrument server. Every query returns its own reply or fails with a VISA status within its timeout plus a margin
/// for a loaded machine; after the fault the next query works (HTTP opens a new connection).
/// </summary>
public sealed class HttpFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);
    private LambTestServer _server = null!;
    private FaultProxy _proxy = null!;
    private ResourceManager _manager = null!;
    private MessageBasedResource _instrument = null!;

    public async Task InitializeAsync()
    {
        _server = await LambTestServer.StartAsync();
        _proxy = new FaultProxy(new IPEndPoint(IPAddress.Loopback, new Uri(_server.Url).Port));
        _manager = new ResourceManager(new LambLibrary($"http://127.0.0.1:{_proxy.Port}"));
        _instrument = _manager.Open<MessageBasedResource>("DEMO0::INSTR");
        _instrument.Timeout = TimeSpan.FromSeconds(30); // the first request of a fresh server can be slow on a loaded machine
        Assert.Equal("warm", _instrument.Query("ECHO? warm"));
        _instrument.Timeout = Timeout;
    }

    public async Task DisposeAsync()
    {
        _proxy.Fault = Fault.None;
        _instrument.Dispose();
        _manager.Dispose();
        _proxy.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public void A_stalled_response_times_out_and_after_the_stall_the_next_query_gets_its_own_reply()
    {
        _proxy.Fault = Fault.Stall;

        var e = TimedFailure.Of(() => _instrument.Query("ECHO? stalled"), Timeout, Margin);

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        _proxy.Fault = Fault.None;
        _instrument.Timeout = TimeSpan.FromSeconds(10);
        Assert.Equal("after", _instrument.Query("ECHO? after"));
        Assert.Equal("again", _instrument.Query("ECHO? again"));
    }

    [Fact]
    public async Task A_delayed_response_within_the_timeout_is_read_whole()
    {
        _instrument.Timeout = TimeSpan.FromSeconds(10);
        _proxy.Fault = Fault.Delay;

        Assert.Equal("slow but sure", _instrument.Query("ECHO? slow but sure"));
        Assert.Equal("and again", await _instrument.QueryAsync("ECHO? and again"));
    }

    [Fact]
    public void A_reset_connection_fails_the_query_and_the_next_one_reconnects()
    {
        _proxy.Fault = Fault.Reset;

        var e = TimedFailure.Of(() => _instrument.Query("ECHO? reset"), Timeout, Margin);

        Assert.Contains(e.Status, new[] { StatusCode.ErrorConnectionLost, StatusCode.ErrorIO });
        _proxy.Fault = Fault.None;
        _instrument.Timeout = TimeSpan.FromSeconds(10);
        Assert.Equal("back", _instrument.Query("ECHO? back"));
    }

    [Fact]
    public void A_response_cut_short_is_an_error_never_a_value()
    {
        _proxy.Fault = Fault.Truncate;

        var e = TimedFailure.Of(() => _instrument.Query("ECHO? a reply that will not arrive whole"), Timeout, Margin);

        Assert.Contains(e.Status, new[] { StatusCode.ErrorConnectionLost, StatusCode.ErrorIO, StatusCode.ErrorTimeout });
        _proxy.Fault = Fault.None;
        _instrument.Timeout = TimeSpan.FromSeconds(10);
        Assert.Equal("whole again", _instrument.Query("ECHO? whole again"));
    }

    [Fact]
    public void Duplicated_response_bytes_are_never_taken_for_a_later_querys_reply()
    {
        _instrument.Timeout = TimeSpan.FromSeconds(10);
        _proxy.Fault = Fault.Duplicate;

        foreach (var text in new[] { "one", "two", "three" })
        {
            try
            {
                Assert.Equal(text, _instrument.Query("ECHO? " + text));
            }
            catch (VisaException e) when (e.Status == StatusCode.ErrorIO)
            {
                // The duplicate of the previous response, still on the kept-alive connection, names the previous request
                // (X-Request-Id): refused, and the connection closed. Before, "two" was answered "one".
                Assert.Contains("sent the answer to request", e.Message, StringComparison.Ordinal);
            }
        }
    }
}
