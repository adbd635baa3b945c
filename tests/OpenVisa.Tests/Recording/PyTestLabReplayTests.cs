namespace OpenVisa.Tests.Recording;

public class PyTestLabReplayTests
{
    // What PyYAML's yaml.dump writes for a PyTestLab session (keys sorted, long plain scalars folded over lines).
    internal const string BlockStyle = """
        dmm:
          log:
          - command: READ?
            response: it's 1.0
            timestamp: 0.5
            type: query
          profile: keysight/34470A
        psu:
          log:
          - command: '*IDN?'
            response: Keysight Technologies,EDU36311A,CN61130056,K-01.08.03-01.00-01.08-02.00
            timestamp: 0.029
            type: query
          - command: :SYSTem:ERRor?
            response: +0,"No error"
            timestamp: 0.059
            type: query
          - command: CURR 0.1, (@1)
            timestamp: 0.714
            type: write
          - command: MEAS:VOLT? (@1)
            response: '+9.99749200E-01'
            timestamp: 1.61
            type: query
          - command: LONG?
            response: a very long response that goes on and on and on and on and on and on
              and on and on and on and on and on and on
            timestamp: 2.0
            type: query
          - command: TAB?
            response: "tab\there: colon #hash"
            timestamp: 2.1
            type: query
          profile: keysight/EDU36311A
        """;

    // The same with default_flow_style=None, and the hand-written style of PyTestLab's examples.
    internal const string FlowStyle = """
        dmm:
          log:
          - {command: 'READ?', response: it's 1.0, timestamp: 0.5, type: query}
          profile: keysight/34470A
        psu:                         # alias (key in bench)
          profile: keysight/EDU36311A
          address: TCPIP0::192.168.1.20::5025::SOCKET
          log:
          - {command: '*IDN?', response: 'Keysight Technologies,EDU36311A,CN61130056,K-01.08.03-01.00-01.08-02.00',
            timestamp: 0.029, type: query}
          - {command: ':SYSTem:ERRor?', response: '+0,"No error"', timestamp: 0.059, type: query}
          - {command: 'CURR 0.1, (@1)', timestamp: 0.714, type: write}
          - {command: 'MEAS:VOLT? (@1)', response: '+9.99749200E-01', timestamp: 1.61, type: query}
          - {command: 'LONG?', response: a very long response that goes on and on and on and
              on and on and on and on and on and on and on and on and on, timestamp: 2.0,
            type: query}
          - {command: 'TAB?', response: "tab\there: colon #hash", timestamp: 2.1, type: query}
        """;

    private static void PlayPsu(MessageBasedResource psu)
    {
        Assert.Equal("Keysight Technologies,EDU36311A,CN61130056,K-01.08.03-01.00-01.08-02.00", psu.Query("*IDN?"));
        Assert.Equal("+0,\"No error\"", psu.Query(":SYSTem:ERRor?"));
        psu.Write("CURR 0.1, (@1)");
        Assert.Equal("+9.99749200E-01", psu.Query("MEAS:VOLT? (@1)"));
        Assert.Equal("a very long response that goes on and on and on and on and on and on and on and on and on and on and on and on", psu.Query("LONG?"));
        Assert.Equal("tab\there: colon #hash", psu.Query("TAB?"));
    }

    [Theory]
    [InlineData(BlockStyle)]
    [InlineData(FlowStyle)]
    public void A_pytestlab_session_replays_its_queries_and_writes_by_alias(string yaml)
    {
        var log = SessionLog.Parse(yaml, "session.yaml");
        Assert.Equal(SessionLogFormat.PyTestLab, log.Format);
        Assert.Equal(["dmm", "psu"], log.Aliases.Select(a => a.Alias).Order());
        Assert.Equal("keysight/EDU36311A", log.Aliases.Single(a => a.Alias == "psu").Profile);
        using var rm = new ResourceManager(new ReplayLibrary(log));
        var psu = rm.Open<MessageBasedResource>("psu");
        var dmm = rm.Open<MessageBasedResource>("dmm");
        Assert.Equal("it's 1.0", dmm.Query("READ?"));
        PlayPsu(psu);
    }

    [Fact]
    public void An_alias_with_an_address_is_opened_by_that_address()
    {
        var log = SessionLog.Parse(FlowStyle, "session.yaml");
        Assert.Equal("TCPIP0::192.168.1.20::5025::SOCKET", log.Aliases.Single(a => a.Alias == "psu").Resource);
        using var rm = new ResourceManager(new ReplayLibrary(log));
        Assert.Equal(["TCPIP0::192.168.1.20::5025::SOCKET"], rm.ListResources("?*"));
        var psu = rm.Open<MessageBasedResource>("TCPIP::192.168.1.20::5025::SOCKET");
        PlayPsu(psu);
        rm.Open<MessageBasedResource>("dmm").Query("READ?");
    }

    [Fact]
    public void A_pytestlab_mismatch_names_the_recorded_command()
    {
        using var rm = new ResourceManager(new ReplayLibrary(SessionLog.Parse(BlockStyle, "session.yaml")));
        var psu = rm.Open<MessageBasedResource>("psu");
        psu.Query("*IDN?");
        var e = Assert.Throws<ReplayMismatchException>(() => psu.Query("SYST:ERR?"));
        Assert.Equal(ReplayMismatchKind.Data, e.Kind);
        Assert.Contains("expected write psu ':SYSTem:ERRor?\\n'", e.Message);
        Assert.Contains("'SYST:ERR?\\n'", e.Message);
    }

    [Fact]
    public void Relaxed_matching_accepts_the_short_form_of_a_pytestlab_command()
    {
        using var rm = new ResourceManager(new ReplayLibrary(SessionLog.Parse(BlockStyle, "session.yaml"), ReplayOptions.Default with { Matching = ReplayMatching.Relaxed }));
        var psu = rm.Open<MessageBasedResource>("psu");
        psu.Query("*idn?");
        Assert.Equal("+0,\"No error\"", psu.Query("syst:err?"));
        psu.Write("current 0.10,(@1)");
        Assert.Equal("+9.99749200E-01", psu.Query("measure:voltage? (@1)"));
        psu.Query("long?");
        psu.Query("tab?");
        rm.Open<MessageBasedResource>("dmm").Query("read?");
    }

    [Fact]
    public void Unplayed_pytestlab_operations_are_reported_when_the_manager_closes()
    {
        var rm = new ResourceManager(new ReplayLibrary(SessionLog.Parse(BlockStyle, "session.yaml")));
        var psu = rm.Open<MessageBasedResource>("psu");
        PlayPsu(psu);
        psu.Close();
        var e = Assert.Throws<ReplayMismatchException>(rm.Close);
        Assert.Equal(ReplayMismatchKind.Leftover, e.Kind);
        Assert.Contains("2 recorded operations not replayed", e.Message);
        Assert.Contains("'READ?\\n'", e.Message);
    }

    [Fact]
    public void An_unknown_alias_lists_the_instruments_of_the_file()
    {
        // Not disposed: closing the manager would report the file's operations as left over.
        var rm = new ResourceManager(new ReplayLibrary(SessionLog.Parse(FlowStyle, "session.yaml")));
        var e = Assert.Throws<VisaException>(() => rm.Open("TCPIP0::10.9.9.9::INSTR"));
        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains("session.yaml has no instrument for 'TCPIP0::10.9.9.9::INSTR'", e.Message);
        Assert.Contains("psu (TCPIP0::192.168.1.20::5025::SOCKET)", e.Message);
        Assert.Contains("dmm", e.Message);
    }

    [Theory]
    [InlineData("psu: {profile: x, log: [{type: read, command: X}]}", "psu log entry 1 has type 'read'; PyTestLab logs hold write, query and query_raw")]
    [InlineData("psu: {profile: x, log: [{type: query, command: X}]}", "psu log entry 1 is a query without a 'response'")]
    [InlineData("psu: {profile: x}", "the alias 'psu' has no 'log' list")]
    [InlineData("psu: {profile: x, log: [{type: write, command: X, timestamp: soon}]}", "the timestamp 'soon' is not a number")]
    [InlineData("psu: {profile: x, log: [{type: write, command: X, extra: 1}]}", "unknown keys extra")]
    [InlineData("psu: text", "the alias 'psu' should map to {profile, log}")]
    public void Bad_pytestlab_files_say_what_is_wrong(string yaml, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => SessionLog.Parse(yaml, "s.yaml"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("s.yaml", e.Message);
    }
}
