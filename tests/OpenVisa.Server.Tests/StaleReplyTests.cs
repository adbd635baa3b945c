using System.Text.Json;
using OpenVisa.Managed;

namespace OpenVisa.Server.Tests;

/// <summary>
/// Issue 18, item 1: after a query times out because the server was frozen (<c>kill -STOP</c>), the late reply to it
/// must never be handed to a later query, on any transport.
/// </summary>
public sealed class StaleReplyTests
{
    public static TheoryData<string> Transports => new() { "SOCKET", "VXI-11", "HiSLIP" };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_late_reply_that_arrives_before_the_next_query_is_not_its_answer(string transport)
    {
        using var demo = await ServedDemo.StartAsync(transport);
        var (serve, instrument) = (demo.Serve, demo.Instrument);

        serve.Stop();
        var e = Assert.Throws<VisaException>(() => instrument.Query("ECHO? first"));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        serve.Continue();
        Thread.Sleep(300); // the late reply is on its way back, or already in the client's socket
        instrument.Timeout = TimeSpan.FromSeconds(10);

        Assert.Equal("second", instrument.Query("ECHO? second"));
        Assert.Equal("third", instrument.Query("ECHO? third"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_late_reply_that_arrives_after_the_next_query_was_sent_is_not_its_answer(string transport)
    {
        using var demo = await ServedDemo.StartAsync(transport);
        var (serve, instrument) = (demo.Serve, demo.Instrument);

        serve.Stop();
        Assert.Equal(StatusCode.ErrorTimeout, Assert.Throws<VisaException>(() => instrument.Query("ECHO? first")).Status);
        instrument.Timeout = TimeSpan.FromSeconds(10);
        // The next query goes out while the server is still frozen, so both replies come back after it.
        var next = Task.Run(() => instrument.Query("ECHO? second"));
        Thread.Sleep(400);
        serve.Continue();

        Assert.Equal("second", await next.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("third", instrument.Query("ECHO? third"));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_late_reply_is_not_handed_to_the_next_async_query(string transport)
    {
        using var demo = await ServedDemo.StartAsync(transport);
        var (serve, instrument) = (demo.Serve, demo.Instrument);

        serve.Stop();
        var e = await Assert.ThrowsAsync<VisaException>(async () => await instrument.QueryAsync("ECHO? first"));
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        instrument.Timeout = TimeSpan.FromSeconds(10);
        var next = instrument.QueryAsync("ECHO? second").AsTask();
        await Task.Delay(400);
        serve.Continue();

        Assert.Equal("second", await next.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("third", await instrument.QueryAsync("ECHO? third"));
    }

    /// <summary><c>ovisa serve --demo</c> in its own process and a resource on it over one transport, warmed up by one query.</summary>
    private sealed class ServedDemo : IDisposable
    {
        private readonly ResourceManager _manager = new(new ManagedLibrary(""));

        private ServedDemo(ServeProcess serve, string resourceName)
        {
            Serve = serve;
            Instrument = _manager.Open<MessageBasedResource>(resourceName);
            Instrument.Timeout = TimeSpan.FromMilliseconds(500);
            Instrument.ReadTermination = "\n";
            Assert.Equal("warm", Instrument.Query("ECHO? warm"));
        }

        public ServeProcess Serve { get; }

        public MessageBasedResource Instrument { get; }

        public static async Task<ServedDemo> StartAsync(string transport)
        {
            var serve = ServeProcess.Start("--demo", "--socket", "0", "--vxi11", "--hislip", "0", "--portmapper", "none", "--json");
            try
            {
                var json = await serve.ReadUntilAsync("\n}\n");
                var root = JsonDocument.Parse(json[json.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
                var name = root.GetProperty("instruments")[0].GetProperty("endpoints").EnumerateArray()
                    .First(e => e.GetProperty("protocol").GetString() == transport).GetProperty("resourceName").GetString()!;
                return new ServedDemo(serve, name);
            }
            catch
            {
                serve.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Instrument.Dispose();
            _manager.Dispose();
            Serve.Dispose();
        }
    }
}
