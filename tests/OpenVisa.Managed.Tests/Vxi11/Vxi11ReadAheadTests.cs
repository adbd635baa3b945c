using System.Text;
using OpenVisa.Managed.Tcpip.Vxi11;

namespace OpenVisa.Managed.Tests.Vxi11;

/// <summary>Small reads of a large reply are served from one large <c>device_read</c>, with VISA's semantics intact.</summary>
public sealed class Vxi11ReadAheadTests
{
    [Fact]
    public async Task A_block_read_in_small_chunks_arrives_intact_from_read_ahead()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "DATA? 300000");
        var buffer = new byte[20 * 1024];
        var received = new List<byte>();
        ReadResult result;
        do
        {
            result = client.Read(buffer, 5000, false, 0, false);
            received.AddRange(buffer.AsSpan(0, result.Count).ToArray());
            if (result.Status == StatusCode.SuccessMaxCountRead)
                Assert.True(client.PendingCount > 0 || received.Count == 2 + 6 + 300_000 + 1);
        }
        while (result.Status == StatusCode.SuccessMaxCountRead);
        Assert.Equal(StatusCode.Success, result.Status);
        Assert.Equal(2 + 6 + 300_000 + 1, received.Count);
        Assert.True(received.Skip(8).Take(300_000).SequenceEqual(Vxi11TestDevice.Payload(300_000)));
        Assert.Equal(0, client.PendingCount);
    }

    [Fact]
    public async Task The_termination_character_inside_read_ahead_data_ends_the_read()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "ECHO ab;cd;ef");
        var buffer = new byte[2];
        // Without the termination character the whole reply is read ahead; then it is enabled.
        Assert.Equal(new ReadResult(2, StatusCode.SuccessMaxCountRead), client.Read(buffer, 2000, false, 0, false));
        Assert.Equal("ab", Encoding.ASCII.GetString(buffer));
        var big = new byte[64];
        Assert.Equal(new ReadResult(1, StatusCode.SuccessTerminationCharacterRead), client.Read(big, 2000, true, (byte)';', false));
        Assert.Equal(new ReadResult(3, StatusCode.SuccessTerminationCharacterRead), client.Read(big, 2000, true, (byte)';', false));
        Assert.Equal("cd;", Encoding.ASCII.GetString(big, 0, 3));
        Assert.Equal(new ReadResult(3, StatusCode.Success), client.Read(big, 2000, true, (byte)';', false));
        Assert.Equal("ef\n", Encoding.ASCII.GetString(big, 0, 3));
    }

    [Fact]
    public async Task Data_read_ahead_sets_MAV_and_a_clear_or_a_flush_drops_it()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "ECHO 0123456789");
        client.Read(new byte[4], 2000, false, 0, false);
        Assert.True(client.PendingCount > 0);
        Assert.Equal(0x04 | 0x10, client.ReadStatusByte(2000));
        client.Clear(2000);
        Assert.Equal(0, client.PendingCount);
        Assert.Equal(0x04, client.ReadStatusByte(2000));
        Vxi11Bench.Write(client, "ECHO again");
        client.Read(new byte[2], 2000, false, 0, false);
        client.DiscardReadAhead();
        Assert.Equal(StatusCode.ErrorTimeout, Assert.Throws<VisaException>(() => client.Read(new byte[10], 100, false, 0, false)).Status);
    }

    [Fact]
    public async Task Async_reads_share_the_read_ahead()
    {
        await using var bench = Vxi11Bench.Start();
        var client = bench.Open();
        Vxi11Bench.Write(client, "ECHO 0123456789");
        var buffer = new byte[4];
        Assert.Equal(new ReadResult(4, StatusCode.SuccessMaxCountRead), await client.ReadAsync(buffer, 2000, false, 0, false, CancellationToken.None));
        Assert.Equal(new ReadResult(4, StatusCode.SuccessMaxCountRead), await client.ReadAsync(buffer, 2000, false, 0, false, CancellationToken.None));
        Assert.Equal("4567", Encoding.ASCII.GetString(buffer));
        Assert.Equal(new ReadResult(3, StatusCode.Success), client.Read(buffer, 2000, false, 0, false));
    }
}
