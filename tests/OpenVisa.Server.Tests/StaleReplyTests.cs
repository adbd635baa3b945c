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
        using var serve = ServeProcess.Start("--demo", "--socket", "0", "--vxi11", "--hislip", "0", "--portmapper", "none", "--json");
        var name = await EndpointAsync(serve, transport);
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var instrument = rm.Open<MessageBasedResource>(name);
        instrument.Timeout = TimeSpan.FromMilliseconds(500);
        instrument.ReadTermination = "\n";
        Assert.Equal("warm", instrument.Query("ECHO? warm"));

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
        using var serve = ServeProcess.Start("--demo", "--socket", "0", "--vxi11", "--hislip", "0", "--portmapper", "none", "--json");
        var name = await EndpointAsync(serve, transport);
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var instrument = rm.Open<MessageBasedResource>(name);
        instrument.Timeout = TimeSpan.FromMilliseconds(500);
        instrument.ReadTermination = "\n";
        Assert.Equal("warm", instrument.Query("ECHO? warm"));

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
        using var serve = ServeProcess.Start("--demo", "--socket", "0", "--vxi11", "--hislip", "0", "--portmapper", "none", "--json");
        var name = await EndpointAsync(serve, transport);
        using var rm = new ResourceManager(new ManagedLibrary(""));
        using var instrument = rm.Open<MessageBasedResource>(name);
        instrument.Timeout = TimeSpan.FromMilliseconds(500);
        instrument.ReadTermination = "\n";
        Assert.Equal("warm", await instrument.QueryAsync("ECHO? warm"));

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

    private static async Task<string> EndpointAsync(ServeProcess serve, string transport)
    {
        var json = await serve.ReadUntilAsync("\n}\n");
        var root = JsonDocument.Parse(json[json.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        return root.GetProperty("instruments")[0].GetProperty("endpoints").EnumerateArray()
            .First(e => e.GetProperty("protocol").GetString() == transport).GetProperty("resourceName").GetString()!;
    }
}
