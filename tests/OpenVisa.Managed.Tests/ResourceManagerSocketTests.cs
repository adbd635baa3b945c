namespace OpenVisa.Managed.Tests;

/// <summary>The whole stack: <c>new ResourceManager("@managed")</c>, a message-based resource, the SOCKET session, the server.</summary>
public sealed class ResourceManagerSocketTests
{
    [Fact]
    public async Task A_socket_resource_queries_with_the_default_newline_termination()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");

        using var instrument = rm.Open<TcpipSocketResource>(bench.Server.ResourceName);

        Assert.Equal(TestDevice.Identity, instrument.Query("*IDN?"));
        Assert.Equal("spaced out", await instrument.QueryAsync("ECHO spaced out"));
        Assert.Equal(StatusCode.SuccessTerminationCharacterRead, instrument.LastStatus);
    }

    [Fact]
    public async Task A_socket_resource_reads_a_binary_block_byte_exact()
    {
        const int Length = 1_000_000;
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<TcpipSocketResource>(bench.Server.ResourceName);
        instrument.Timeout = TimeSpan.FromSeconds(30);

        var data = instrument.QueryBinaryValues<byte>($"DATA? {Length}");
        var again = await instrument.QueryBinaryValuesAsync<byte>($"DATA? {Length}");

        Assert.Equal(TestDevice.Payload(Length), data);
        Assert.Equal(TestDevice.Payload(Length), again);
        Assert.Equal(TestDevice.Identity, instrument.Query("*IDN?")); // nothing of the blocks was left behind
    }

    [Fact]
    public async Task A_socket_resource_reports_a_timeout_with_the_resource_and_the_reason()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<TcpipSocketResource>(bench.Server.ResourceName);
        instrument.Timeout = TimeSpan.FromMilliseconds(200);
        instrument.ReadTermination = null;

        var e = Assert.Throws<VisaException>(() => instrument.Query("*IDN?"));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains(bench.Server.ResourceName, e.Message);
        Assert.Contains("no termination character is enabled", e.Message);
    }

    [Fact]
    public async Task Opening_a_port_nobody_listens_on_fails_with_host_and_port()
    {
        var port = TcpipSocketErrorTests.FreePort();
        using var rm = new ResourceManager("@managed");

        var e = Assert.Throws<VisaException>(() => rm.Open($"TCPIP::127.0.0.1::{port}::SOCKET"));

        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains($"Connection refused by 127.0.0.1:{port}", e.Message);
    }
}
