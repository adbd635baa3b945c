using System.Diagnostics;
using System.Reflection;

namespace OpenVisa.Tests.Resources;

/// <summary>
/// The API as a PyVISA or QCoDeS user writes it without reading the docs (issue 21, section 2): each call below is
/// spelled exactly as the issue gives it, against the built-in simulator, so a signature change that breaks the
/// guess breaks the build of this file.
/// </summary>
public sealed class PyVisaStyleApiTests
{
    private const string Psu = "TCPIP0::sim-psu.local::inst0::INSTR";

    [Fact]
    public async Task QueryAsync_WriteAsync_and_ReadAsync_take_a_cancellation_token_second()
    {
        using var rm = new ResourceManager("@sim");
        using var psu = rm.OpenMessageBased(Psu);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var token = cts.Token;

        Assert.StartsWith("OpenVisa,SIM-PSU3,", await psu.QueryAsync("*IDN?", token));
        await psu.WriteAsync("VOLT 5, (@1)", token);
        await psu.WriteAsync("VOLT? (@1)", token);
        Assert.Equal(5.0, double.Parse(await psu.ReadAsync(token), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5.0, (await psu.QueryAsciiValuesAsync<double>("VOLT? (@1)", token))[0]);
    }

    [Fact]
    public async Task A_cancelled_token_ends_QueryAsync_with_OperationCanceledException()
    {
        using var rm = new ResourceManager("@sim");
        using var psu = rm.OpenMessageBased(Psu);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await psu.QueryAsync("*IDN?", new CancellationToken(canceled: true)));
    }

    [Fact]
    public void No_query_write_or_read_takes_a_TimeSpan_where_a_timeout_could_be_meant()
    {
        // A TimeSpan second argument would compile and silently become a delay (the old Query(string, TimeSpan?)):
        // only QueryWithDelay, whose name says so, takes one.
        var offenders = typeof(MessageBasedResource).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name is "Query" or "QueryAsync" or "Write" or "WriteAsync" or "Read" or "ReadAsync")
            .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(TimeSpan) || p.ParameterType == typeof(TimeSpan?)))
            .Select(m => m.ToString())
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public async Task QueryWithDelay_waits_at_least_its_delay_before_reading()
    {
        using var rm = new ResourceManager("@sim");
        using var psu = rm.OpenMessageBased(Psu);
        var delay = TimeSpan.FromMilliseconds(200);
        var clock = Stopwatch.StartNew();
        Assert.StartsWith("OpenVisa,", psu.QueryWithDelay("*IDN?", delay));
        Assert.True(clock.Elapsed >= delay - TimeSpan.FromMilliseconds(20), $"returned after {clock.Elapsed.TotalMilliseconds} ms");
        clock.Restart();
        Assert.StartsWith("OpenVisa,", await psu.QueryWithDelayAsync("*IDN?", delay, CancellationToken.None));
        Assert.True(clock.Elapsed >= delay - TimeSpan.FromMilliseconds(20), $"returned after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void A_negative_delay_is_refused_with_its_value()
    {
        using var rm = new ResourceManager("@sim");
        using var psu = rm.OpenMessageBased(Psu);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => psu.QueryWithDelay("*IDN?", TimeSpan.FromSeconds(-1)));
        Assert.Equal("delay", e.ParamName);
    }

    [Fact]
    public void Open_returns_the_most_specific_class_and_OpenMessageBased_needs_no_type_argument()
    {
        using var rm = new ResourceManager("@sim");
        Assert.IsType<TcpipInstrResource>(rm.Open(Psu));
        MessageBasedResource psu = rm.OpenMessageBased(Psu);
        Assert.IsType<TcpipInstrResource>(psu);
        Assert.StartsWith("OpenVisa,SIM-PSU3,", psu.Query("*IDN?"));
    }

    [Fact]
    public void TimeoutMs_reads_and_writes_milliseconds_with_minus_one_for_infinite()
    {
        using var rm = new ResourceManager("@sim");
        using var psu = rm.OpenMessageBased(Psu);
        psu.TimeoutMs = 5000;
        Assert.Equal(TimeSpan.FromSeconds(5), psu.Timeout);
        Assert.Equal(5000, psu.TimeoutMs);
        psu.TimeoutMs = Timeout.Infinite;
        Assert.Equal(Timeout.InfiniteTimeSpan, psu.Timeout);
        Assert.Equal(-1, psu.TimeoutMs);
        psu.Timeout = TimeSpan.FromMilliseconds(250);
        Assert.Equal(250, psu.TimeoutMs);
    }

    [Fact]
    public void A_negative_TimeoutMs_other_than_minus_one_is_refused_naming_the_value_and_what_to_use()
    {
        using var rm = new ResourceManager("@sim");
        using var psu = rm.OpenMessageBased(Psu);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => psu.TimeoutMs = -5);
        Assert.Contains("-5 ms", e.Message);
        Assert.Contains("-1 (Timeout.Infinite)", e.Message);
        Assert.Contains(Psu, e.Message);
    }

    [Fact]
    public void A_timeout_prints_its_VISA_name_where_a_user_looks_first()
    {
        using var rm = new ResourceManager("@sim");
        using var psu = rm.OpenMessageBased(Psu);
        psu.TimeoutMs = 100;
        var e = Assert.Throws<VisaException>(() => psu.Read());   // nothing was asked: nothing to read
        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Equal("VI_ERROR_TMO", e.Abbreviation);
        Assert.Contains("VI_ERROR_TMO", e.ToString());
        Assert.StartsWith("VI_ERROR_TMO", e.Message);
    }
}
