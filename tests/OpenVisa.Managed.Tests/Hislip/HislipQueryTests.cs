using System.Text;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

public sealed class HislipQueryTests
{
    [Fact]
    public async Task Open_negotiates_version_session_and_sizes()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { MaxMessageSize = 4096 });
        using var client = fixture.Connect(new HislipClientOptions { MaxMessageSize = 8192 });

        Assert.Equal(HislipVersion.V2_0, client.Version);
        Assert.NotEqual(0, client.SessionId);
        Assert.Equal(HislipServerOptions.DefaultVendorId, client.ServerVendorId);
        Assert.Equal(4096UL, client.ServerMaxMessageSize);
        Assert.False(client.IsOverlapped);
        Assert.False(client.SecureConnectionSupported);
        Assert.Equal(1, fixture.Server.SessionCount);
    }

    [Fact]
    public async Task Query_returns_the_reply_with_END()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();

        client.WriteText("*IDN?");
        var buffer = new byte[256];
        var result = client.Read(buffer);

        Assert.Equal(StatusCode.Success, result.Status);
        Assert.Equal(HislipTestInstrument.Identity + "\n", Encoding.ASCII.GetString(buffer, 0, result.Count));
        Assert.Equal(["*IDN?"], fixture.Instrument.Commands);
    }

    [Fact]
    public async Task Many_queries_in_a_row_each_get_their_own_reply()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();

        for (var i = 0; i < 200; i++)
            Assert.Equal($"value {i}\n", client.Query($"ECHO? value {i}"));
    }

    [Fact]
    public async Task Sub_addresses_reach_their_own_instruments()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var first = fixture.Connect(new HislipClientOptions { SubAddress = "hislip0" });
        using var second = fixture.Connect(new HislipClientOptions { SubAddress = "HISLIP1" });

        first.WriteText("ECHO? a");
        second.WriteText("ECHO? b");

        Assert.Equal("a\n", first.ReadText());
        Assert.Equal("b\n", second.ReadText());
        Assert.Equal(["ECHO? a"], fixture.Instrument.Commands);
        Assert.Equal(["ECHO? b"], fixture.Second.Commands);
        Assert.Equal("TCPIP::127.0.0.1::hislip1," + fixture.Port + "::INSTR", fixture.Server.ResourceNameOf("hislip1"));
    }

    [Fact]
    public async Task A_small_buffer_reads_the_reply_in_pieces()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        client.WriteText("ECHO? 0123456789");

        var buffer = new byte[4];
        var first = client.Read(buffer);
        Assert.Equal((4, StatusCode.SuccessMaxCountRead), (first.Count, first.Status));
        Assert.Equal("0123", Encoding.ASCII.GetString(buffer));
        var second = client.Read(buffer);
        Assert.Equal((4, StatusCode.SuccessMaxCountRead), (second.Count, second.Status));
        var last = client.Read(buffer);
        Assert.Equal((3, StatusCode.Success), (last.Count, last.Status));
        Assert.Equal("89\n", Encoding.ASCII.GetString(buffer, 0, 3));
    }

    [Fact]
    public async Task The_termination_character_ends_a_read_and_the_rest_waits_for_the_next()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        client.TerminationCharacterEnabled = true;
        client.TerminationCharacter = (byte)';';
        client.WriteText("ECHO? a;bc;d");

        var buffer = new byte[100];
        var first = client.Read(buffer);
        Assert.Equal((StatusCode.SuccessTerminationCharacterRead, "a;"), (first.Status, Encoding.ASCII.GetString(buffer, 0, first.Count)));
        var second = client.Read(buffer);
        Assert.Equal((StatusCode.SuccessTerminationCharacterRead, "bc;"), (second.Status, Encoding.ASCII.GetString(buffer, 0, second.Count)));
        var third = client.Read(buffer);
        Assert.Equal((StatusCode.Success, "d\n"), (third.Status, Encoding.ASCII.GetString(buffer, 0, third.Count)));
    }

    [Fact]
    public async Task A_termination_character_that_is_the_last_byte_reports_END()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        client.TerminationCharacterEnabled = true;
        client.WriteText("ECHO? x");

        var result = client.Read(new byte[100]);

        Assert.Equal((2, StatusCode.Success), (result.Count, result.Status));
    }

    [Fact]
    public async Task Suppressed_END_waits_for_the_termination_character()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        client.SuppressEndEnabled = true;
        client.TerminationCharacterEnabled = true;
        client.TerminationCharacter = (byte)';';
        client.WriteText("ECHO? abc");

        var buffer = new byte[100];
        var error = Assert.Throws<VisaException>(() => client.Read(buffer));

        Assert.Equal(StatusCode.ErrorTimeout, error.Status);
        Assert.Contains("before END or the termination character", error.Message);
    }

    [Fact]
    public async Task Large_blocks_cross_many_messages_both_ways()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions { MaxMessageSize = 64 * 1024 });
        using var client = fixture.Connect(new HislipClientOptions { MaxMessageSize = 100_000, TimeoutMilliseconds = 10_000 });
        var data = HislipTestInstrument.Pattern(3_000_001);

        client.Write([.. "STORE "u8, .. data, (byte)'\n']);
        Assert.Equal($"{data.Length},{HislipTestInstrument.Checksum(data)}\n", client.Query("SUM?"));

        client.WriteText("BLOCK? 5000000");
        var received = client.ReadAll(chunk: 1_000_000);
        Assert.Equal([.. HislipTestInstrument.Pattern(5_000_000), (byte)'\n'], received);
    }

    [Fact]
    public async Task A_large_reply_with_termination_characters_inside_is_read_piece_by_piece()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect(new HislipClientOptions { TimeoutMilliseconds = 10_000 });
        client.TerminationCharacterEnabled = true;
        client.TerminationCharacter = 7; // Pattern() has 7 at a few places
        client.WriteText("BLOCK? 300000");

        byte[] expected = [.. HislipTestInstrument.Pattern(300_000), (byte)'\n'];
        var output = new MemoryStream();
        var buffer = new byte[200_000];
        var termReads = 0;
        while (true)
        {
            var result = client.Read(buffer);
            output.Write(buffer, 0, result.Count);
            if (result.Status == StatusCode.SuccessTerminationCharacterRead)
            {
                termReads++;
                Assert.Equal(7, buffer[result.Count - 1]);
            }
            if (result.Status == StatusCode.Success)
                break;
        }

        Assert.Equal(expected, output.ToArray());
        Assert.Equal(expected.Count(b => b == 7), termReads);
    }

    [Fact]
    public async Task Async_read_and_write_work_like_the_sync_ones()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();

        await client.WriteAsync("ECHO? async"u8.ToArray());
        var buffer = new byte[64];
        var result = await client.ReadAsync(buffer);

        Assert.Equal((StatusCode.Success, "async\n"), (result.Status, Encoding.ASCII.GetString(buffer, 0, result.Count)));
    }

    [Fact]
    public async Task Async_read_times_out_and_the_session_stays_usable()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect(new HislipClientOptions { TimeoutMilliseconds = 200 });

        var error = await Assert.ThrowsAsync<VisaException>(async () => await client.ReadAsync(new byte[10]));
        Assert.Equal(StatusCode.ErrorTimeout, error.Status);
        Assert.Contains("No reply arrived within 200 ms", error.Message);

        Assert.Equal("ok\n", client.Query("ECHO? ok"));
    }

    [Fact]
    public async Task A_write_without_END_is_joined_to_the_next_one()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        client.SendEndEnabled = false;
        client.WriteText("ECHO? jo");
        client.SendEndEnabled = true;
        client.WriteText("ined");

        Assert.Equal("joined\n", client.ReadText());
    }

    [Fact]
    public async Task An_instrument_failure_is_reported_as_an_error_and_the_session_goes_on()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        client.WriteText("FAIL");

        var error = Assert.Throws<VisaException>(() => client.ReadText());

        Assert.Equal(StatusCode.ErrorIO, error.Status);
        Assert.Contains("the test instrument was told to fail", error.Message);
        Assert.Equal("again\n", client.Query("ECHO? again"));
    }

    [Fact]
    public async Task An_instrument_that_drops_the_client_loses_the_connection()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        client.WriteText("DROP");

        var error = Assert.Throws<VisaException>(() => client.ReadAll());

        Assert.Equal(StatusCode.ErrorConnectionLost, error.Status);
        // The server's close reaches the client as an end of stream, or as a reset when bytes were still unread there;
        // or the asynchronous channel's reader sees its half of the close first and marks the session lost before Read
        // looks (seen once in CI).
        Assert.True(error.Message.Contains("closed the connection", StringComparison.Ordinal)
            || error.Message.Contains("was lost during Read (ConnectionReset)", StringComparison.Ordinal)
            || error.Message.Contains("the instrument closed the asynchronous channel", StringComparison.Ordinal), error.Message);
        var again = Assert.Throws<VisaException>(() => client.WriteText("*IDN?"));
        Assert.Contains("was lost earlier", again.Message);
    }
}
