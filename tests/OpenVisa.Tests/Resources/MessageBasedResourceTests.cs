
namespace OpenVisa.Tests.Resources;

public class MessageBasedResourceTests
{
    private static MessageBasedResource OpenSocket(string test, out ResourceManager manager)
    {
        manager = ScriptedLibrary.Manager(test);
        return manager.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
    }

    [Fact]
    public void Query_returns_the_reply_without_its_termination()
    {
        var res = OpenSocket(nameof(Query_returns_the_reply_without_its_termination), out var rm);
        using (rm)
            Assert.Equal("Scripted,Device,0,1.0", res.Query("*IDN?"));
    }

    [Fact]
    public void Socket_resources_default_to_newline_terminations_and_enable_the_termchar()
    {
        var res = OpenSocket(nameof(Socket_resources_default_to_newline_terminations_and_enable_the_termchar), out var rm);
        using (rm)
        {
            Assert.Equal("\n", res.ReadTermination);
            Assert.Equal("\n", res.WriteTermination);
            Assert.True((bool)res.GetAttribute(VisaAttribute.TerminationCharacterEnabled));
        }
    }

    [Fact]
    public void Instr_resources_rely_on_END_and_have_no_read_termination()
    {
        using var rm = ScriptedLibrary.Manager(nameof(Instr_resources_rely_on_END_and_have_no_read_termination));
        var res = rm.Open<TcpipInstrResource>(ScriptedLibrary.InstrName);
        Assert.Null(res.ReadTermination);
        Assert.Equal("Scripted,Device,0,1.0\n", res.Query("*IDN?"));
    }

    [Fact]
    public void Write_appends_the_termination_once()
    {
        var res = OpenSocket(nameof(Write_appends_the_termination_once), out var rm);
        using (rm)
        {
            res.Write("SET 1");
            res.Write("SET 2\n");
            res.Write("SET 3", termination: "");
            var lib = (ScriptedLibrary)res.Library;
            Assert.Equal(["SET 1\n", "SET 2\n", "SET 3"], lib.WrittenTo(res.Session));
        }
    }

    [Fact]
    public void A_reply_longer_than_one_chunk_is_read_whole()
    {
        var res = OpenSocket(nameof(A_reply_longer_than_one_chunk_is_read_whole), out var rm);
        using (rm)
        {
            res.ChunkSize = 7;
            Assert.Equal(new string('x', 100), res.Query("LONG? 100"));
            Assert.Equal(StatusCode.SuccessTerminationCharacterRead, res.LastStatus);
        }
    }

    [Fact]
    public void A_multi_character_read_termination_is_stripped_whole()
    {
        var res = OpenSocket(nameof(A_multi_character_read_termination_is_stripped_whole), out var rm);
        using (rm)
        {
            res.ReadTermination = "\r\n";
            Assert.Equal("value", res.Query("CRLF?"));
            Assert.Equal((byte)'\n', res.GetAttribute(VisaAttribute.TerminationCharacter));
        }
    }

    [Fact]
    public void An_ambiguous_read_termination_is_refused_with_a_reason()
    {
        var res = OpenSocket(nameof(An_ambiguous_read_termination_is_refused_with_a_reason), out var rm);
        using (rm)
        {
            var e = Assert.Throws<ArgumentException>(() => res.ReadTermination = "\n\n");
            Assert.Contains("ambiguous", e.Message, StringComparison.Ordinal);
            Assert.Contains("'\\n\\n'", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Replies_queued_together_are_read_one_message_at_a_time()
    {
        var res = OpenSocket(nameof(Replies_queued_together_are_read_one_message_at_a_time), out var rm);
        using (rm)
        {
            res.Write("TWO?");
            Assert.Equal("first", res.Read());
            Assert.Equal("second", res.Read());
        }
    }

    [Fact]
    public void ReadBytes_reads_exactly_the_count_across_chunks()
    {
        var res = OpenSocket(nameof(ReadBytes_reads_exactly_the_count_across_chunks), out var rm);
        using (rm)
        {
            res.ChunkSize = 3;
            res.ReadTermination = null;
            res.Write("LONG? 10");
            Assert.Equal("xxxxxxxx"u8.ToArray(), res.ReadBytes(8));
            Assert.Equal("xx\n"u8.ToArray(), res.ReadRaw());
        }
    }

    [Fact]
    public void A_failed_read_names_the_resource_and_records_the_status()
    {
        var res = OpenSocket(nameof(A_failed_read_names_the_resource_and_records_the_status), out var rm);
        using (rm)
        {
            var e = Assert.Throws<VisaException>(() => res.Read());
            Assert.Equal(StatusCode.ErrorTimeout, e.Status);
            Assert.StartsWith("VI_ERROR_TMO (-1073807339): Timeout expired", e.Message, StringComparison.Ordinal);
            Assert.Contains(ScriptedLibrary.SocketName, e.Message, StringComparison.Ordinal);
            Assert.Equal(StatusCode.ErrorTimeout, res.LastStatus);
            Assert.Equal(StatusCode.ErrorTimeout, res.Library.LastStatus);
        }
    }

    [Fact]
    public void Eight_threads_querying_one_resource_each_get_their_own_answers()
    {
        var res = OpenSocket(nameof(Eight_threads_querying_one_resource_each_get_their_own_answers), out var rm);
        using (rm)
        {
            var failures = 0;
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
            {
                for (var i = 0; i < 500; i++)
                {
                    var expected = $"t{thread}-{i}";
                    if (res.Query("ECHO " + expected) != expected)
                        Interlocked.Increment(ref failures);
                }
            });
            Assert.Equal(0, failures);
        }
    }

    [Fact]
    public async Task Async_queries_interleave_safely_too()
    {
        var res = OpenSocket(nameof(Async_queries_interleave_safely_too), out var rm);
        using (rm)
        {
            var tasks = Enumerable.Range(0, 8).Select(async t =>
            {
                for (var i = 0; i < 200; i++)
                {
                    var expected = $"a{t}-{i}";
                    Assert.Equal(expected, await res.QueryAsync("ECHO " + expected));
                }
            });
            await Task.WhenAll(tasks);
        }
    }

    [Fact]
    public async Task A_cancelled_token_stops_an_async_query_before_it_starts()
    {
        var res = OpenSocket(nameof(A_cancelled_token_stops_an_async_query_before_it_starts), out var rm);
        using (rm)
        {
            using var cts = new CancellationTokenSource();
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await res.QueryAsync("*IDN?", cancellationToken: cts.Token));
            Assert.Equal("Scripted,Device,0,1.0", await res.QueryAsync("*IDN?"));
        }
    }

    [Fact]
    public void WithTimeout_changes_the_timeout_for_its_scope_only()
    {
        var res = OpenSocket(nameof(WithTimeout_changes_the_timeout_for_its_scope_only), out var rm);
        using (rm)
        {
            Assert.Equal(TimeSpan.FromSeconds(2), res.Timeout);
            using (res.WithTimeout(TimeSpan.FromSeconds(30)))
                Assert.Equal(TimeSpan.FromSeconds(30), res.Timeout);
            Assert.Equal(TimeSpan.FromSeconds(2), res.Timeout);
            res.Timeout = Timeout.InfiniteTimeSpan;
            Assert.Equal(VisaTimeout.InfiniteValue, res.GetAttribute(VisaAttribute.TimeoutValue));
        }
    }

    [Fact]
    public void Operations_on_a_closed_resource_say_it_is_closed()
    {
        var res = OpenSocket(nameof(Operations_on_a_closed_resource_say_it_is_closed), out var rm);
        using (rm)
        {
            res.Close();
            res.Close();
            var e = Assert.Throws<VisaException>(() => res.Query("*IDN?"));
            Assert.Equal(StatusCode.ErrorInvalidObject, e.Status);
            Assert.Contains("closed", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unsupported_operations_name_the_backend_and_the_operation()
    {
        var res = OpenSocket(nameof(Unsupported_operations_name_the_backend_and_the_operation), out var rm);
        using (rm)
        {
            var e = Assert.Throws<VisaException>(() => res.AssertTrigger());
            Assert.Equal(StatusCode.ErrorNonsupportedOperation, e.Status);
            Assert.Contains("@scripted backend does not support AssertTrigger", e.Message, StringComparison.Ordinal);
            Assert.Contains(ScriptedLibrary.SocketName, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ReadStb_goes_to_the_backend()
    {
        var res = OpenSocket(nameof(ReadStb_goes_to_the_backend), out var rm);
        using (rm)
            Assert.Equal(0x10, res.ReadStb());
    }
}
