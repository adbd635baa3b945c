namespace OpenVisa.Sim.Tests;

/// <summary>
/// After a timed-out query the simulator needs no <c>*OPC?</c> resynchronization when no reply is queued, so a
/// pyvisa-sim file that does not define <c>*OPC?</c> keeps working (issue 18, item 1).
/// </summary>
public sealed class StaleReplyTests : IDisposable
{
    private const string Profile = """
        spec: "1.0"
        devices:
          quiet:
            eom:
              GPIB INSTR:
                q: "\n"
                r: "\n"
            dialogues:
              - q: "*IDN?"
                r: "Quiet,1,2,3"
            properties:
              voltage:
                default: 1.5
                specs:
                  type: float
                getter:
                  q: "VOLT?"
                  r: "{:.1f}"
                setter:
                  q: "VOLT {:.1f}"
        resources:
          GPIB0::9::INSTR:
            device: quiet
        """;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"openvisa-quiet-{Guid.NewGuid():N}.yaml");

    public StaleReplyTests() => File.WriteAllText(_file, Profile);

    [Fact]
    public void An_unanswered_query_leaves_nothing_behind_and_the_next_query_is_answered()
    {
        using var manager = new ResourceManager(_file + "@sim");
        using var instrument = manager.Open<MessageBasedResource>("GPIB0::9::INSTR");
        instrument.Timeout = TimeSpan.FromMilliseconds(100);

        var e = Assert.Throws<VisaException>(() => instrument.Query("FOO?"));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.True(instrument.MayHaveLateReply);
        Assert.False(instrument.Library.MayDeliverLateReply(instrument.Session));
        Assert.Equal("1.5", instrument.Query("VOLT?"));
        Assert.Equal("Quiet,1,2,3", instrument.Query("*IDN?"));
    }

    [Fact]
    public void A_queued_reply_nobody_read_can_come_late()
    {
        using var manager = new ResourceManager(_file + "@sim");
        using var instrument = manager.Open<MessageBasedResource>("GPIB0::9::INSTR");

        instrument.Write("VOLT?");

        Assert.True(instrument.Library.MayDeliverLateReply(instrument.Session));
        Assert.Equal("1.5", instrument.Read());
        Assert.False(instrument.Library.MayDeliverLateReply(instrument.Session));
    }

    public void Dispose() => File.Delete(_file);
}
